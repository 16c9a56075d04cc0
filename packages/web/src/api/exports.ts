import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatedExportLink, ExportLinkList, ExportReport } from '@parley/protocol';
import { api, withQuery } from './client';

/** The signed-in download of a report (a plain link: the browser saves the file). */
export function exportUrl(report: ExportReport, period: { from: string; to: string }): string {
  return withQuery(`/api/exports/${report}.csv`, period);
}

export function useExportLinks() {
  return useQuery({
    queryKey: ['exports', 'links'],
    queryFn: ({ signal }) => api.get<ExportLinkList>('/api/exports/links', undefined, signal),
  });
}

export function useCreateExportLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (report: ExportReport) =>
      api.post<CreatedExportLink>(`/api/exports/${encodeURIComponent(report)}/links`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exports', 'links'] }),
  });
}

export function useRevokeExportLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/exports/links/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exports', 'links'] }),
  });
}
