import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChatSuccessCodes,
  GoalSalesSettings,
  GoalSalesSettingsInput,
  SuccessCodeSettings,
  SuccessCodeSettingsInput,
  SurveySettings,
} from '@parley/protocol';
import { api, request } from './client';

export const goalKeys = {
  codes: (campaignId: string) => ['goals', campaignId, 'success-codes'] as const,
  survey: (campaignId: string) => ['goals', campaignId, 'survey'] as const,
  sales: (campaignId: string) => ['goals', campaignId, 'sales'] as const,
  chatCodes: (chatId: string) => ['chats', 'success-codes', chatId] as const,
};

const base = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/goals`;
const chatPath = (chatId: string) => `/api/chats/${encodeURIComponent(chatId)}/success-codes`;

/** The Goals tab: the campaign's success codes and their two options (GOL-1). */
export function useSuccessCodeSettings(campaignId: string) {
  return useQuery({
    queryKey: goalKeys.codes(campaignId),
    queryFn: ({ signal }) =>
      api.get<SuccessCodeSettings>(`${base(campaignId)}/success-codes`, undefined, signal),
  });
}

export function useSaveSuccessCodeSettings(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SuccessCodeSettingsInput) =>
      request<SuccessCodeSettings>(`${base(campaignId)}/success-codes`, { method: 'PUT', body }),
    onSuccess: (saved) => queryClient.setQueryData(goalKeys.codes(campaignId), saved),
  });
}

/** The Goals tab: the customer survey (GOL-2). */
export function useSurveySettings(campaignId: string) {
  return useQuery({
    queryKey: goalKeys.survey(campaignId),
    queryFn: ({ signal }) => api.get<SurveySettings>(`${base(campaignId)}/survey`, undefined, signal),
  });
}

export function useSaveSurveySettings(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveySettings) =>
      request<SurveySettings>(`${base(campaignId)}/survey`, { method: 'PUT', body }),
    onSuccess: (saved) => queryClient.setQueryData(goalKeys.survey(campaignId), saved),
  });
}

/** The Goals tab: goals & sales (GOL-3, GOL-4) and the GA4 toggle of analytics events (GOL-5). */
export function useGoalSalesSettings(campaignId: string) {
  return useQuery({
    queryKey: goalKeys.sales(campaignId),
    queryFn: ({ signal }) => api.get<GoalSalesSettings>(`${base(campaignId)}/sales`, undefined, signal),
  });
}

export function useSaveGoalSalesSettings(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GoalSalesSettingsInput) =>
      request<GoalSalesSettings>(`${base(campaignId)}/sales`, { method: 'PUT', body }),
    onSuccess: (saved) => queryClient.setQueryData(goalKeys.sales(campaignId), saved),
  });
}

/** A chat's success codes in the console: what its campaign offers and what is chosen. */
export function useChatSuccessCodes(chatId: string) {
  return useQuery({
    queryKey: goalKeys.chatCodes(chatId),
    queryFn: ({ signal }) => api.get<ChatSuccessCodes>(chatPath(chatId), undefined, signal),
    staleTime: 30_000,
  });
}

export function useSetChatSuccessCodes(chatId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (codeIds: string[]) =>
      request<ChatSuccessCodes>(chatPath(chatId), { method: 'PUT', body: { codeIds } }),
    onSuccess: (saved) => queryClient.setQueryData(goalKeys.chatCodes(chatId), saved),
  });
}
