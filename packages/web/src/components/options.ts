import { languageNames, userRightsLabels, type Language, type UserRights } from '@livechat/protocol';

export const languageOptions = (Object.entries(languageNames) as [Language, string][]).map(
  ([value, label]) => ({
    value,
    label,
  }),
);

export const rightsOptions = (Object.entries(userRightsLabels) as [UserRights, string][]).map(
  ([value, label]) => ({
    value,
    label,
  }),
);
