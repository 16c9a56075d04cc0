/**
 * The protocol's plain values come from its zod-free entry point: importing '@parley/protocol' itself would
 * bundle every schema with zod (~40 KB gzip).
 */
export {
  COBROWSE_BATCH_MAX,
  COBROWSE_PRIVATE_SELECTOR,
  cobrowseParts,
  TYPING_THROTTLE_MS,
  MESSAGE_MAX_LENGTH,
  VISITOR_TOKEN_HEADER,
  WIDGET_GLOBAL,
  fillText,
  plural,
  offlineFormErrors,
  SURVEY_COMMENT_MAX,
  surveyRatings,
  type OfflineErrors,
  type OfflineForm,
} from '@parley/protocol/constants';
