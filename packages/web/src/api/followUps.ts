import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  FailedFollowUpList,
  FollowUpKind,
  FollowUpPreview,
  FollowUpSettings,
  FollowUpSettingsInput,
  SmtpTestInput,
  SmtpTestResult,
} from '@parley/protocol';
import { api, request } from './client';

export const followUpKeys = {
  all: (campaignId: string) => ['follow-ups', campaignId] as const,
  settings: (campaignId: string) => ['follow-ups', campaignId, 'settings'] as const,
  preview: (campaignId: string, kind: FollowUpKind) => ['follow-ups', campaignId, 'preview', kind] as const,
  failed: (campaignId: string) => ['follow-ups', campaignId, 'failed'] as const,
};

const base = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/follow-ups`;

/** The Follow-ups tab: the campaign's SMTP settings (FUP-1); the password only as "set" or not. */
export function useFollowUpSettings(campaignId: string) {
  return useQuery({
    queryKey: followUpKeys.settings(campaignId),
    queryFn: ({ signal }) => api.get<FollowUpSettings>(`${base(campaignId)}/settings`, undefined, signal),
  });
}

export function useSaveFollowUpSettings(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FollowUpSettingsInput) =>
      request<FollowUpSettings>(`${base(campaignId)}/settings`, { method: 'PUT', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(followUpKeys.settings(campaignId), saved);
      // The sender's name shows in the preview.
      void queryClient.invalidateQueries({ queryKey: [...followUpKeys.all(campaignId), 'preview'] });
    },
  });
}

/** "Send test email" with the form as it stands (not saved). */
export function useSendTestEmail(campaignId: string) {
  return useMutation({
    mutationFn: (body: SmtpTestInput) => api.post<SmtpTestResult>(`${base(campaignId)}/test`, body),
  });
}

export function useFollowUpPreview(campaignId: string, kind: FollowUpKind) {
  return useQuery({
    queryKey: followUpKeys.preview(campaignId, kind),
    queryFn: ({ signal }) => api.get<FollowUpPreview>(`${base(campaignId)}/preview`, { kind }, signal),
  });
}

/** Follow-ups that could not be sent after every attempt (FUP-2), with "Retry". */
export function useFailedFollowUps(campaignId: string) {
  return useQuery({
    queryKey: followUpKeys.failed(campaignId),
    queryFn: ({ signal }) => api.get<FailedFollowUpList>(`${base(campaignId)}/failed`, undefined, signal),
  });
}

export function useRetryFollowUp(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`${base(campaignId)}/failed/${encodeURIComponent(id)}/retry`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: followUpKeys.failed(campaignId) }),
  });
}
