import { z } from 'zod';
import { Id, LanguageSchema, Timestamp } from './common.js';

/**
 * The campaign's "Follow-ups" tab (FUP-1, FUP-2): the SMTP server that sends the campaign's follow-up emails (the
 * transcript after a chat, the answer to an NRT chat or offline message), the emails that could not be sent, and
 * a preview of what visitors receive.
 */

/** How the connection to the SMTP server is protected: none, STARTTLS after connecting (587), or TLS from the start (465). */
export const SmtpSecurity = { none: 'none', starttls: 'starttls', tls: 'tls' } as const;
export type SmtpSecurity = (typeof SmtpSecurity)[keyof typeof SmtpSecurity];

/** The port each security usually has, offered when the manager picks one. */
export const smtpDefaultPort: Record<SmtpSecurity, number> = { none: 25, starttls: 587, tls: 465 };

const emailOrEmpty = z
  .string()
  .trim()
  .max(254, 'At most 254 characters')
  .refine((v) => v === '' || z.email().safeParse(v).success, 'Enter a valid email address');

/** A host name or IP address of an SMTP server, without a scheme or port. */
const SmtpHost = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'A host name has at most 253 characters')
  .regex(/^[a-z0-9.:\-[\]]*$/, 'Enter a host name like smtp.example.com, without smtp:// or a port');

const common = {
  /** The handbook's "SMTP Email" toggle: follow-ups are sent only while it is on. */
  enabled: z.boolean(),
  host: SmtpHost,
  port: z
    .number({ message: 'Enter a port number' })
    .int('Enter a port number')
    .min(1, 'A port is between 1 and 65535')
    .max(65535, 'A port is between 1 and 65535'),
  security: z.enum(SmtpSecurity, { message: 'Choose how the connection is protected' }),
  /** Empty: the server needs no sign-in. */
  username: z.string().trim().max(254, 'At most 254 characters'),
  fromAddress: emailOrEmpty,
  fromName: z.string().trim().max(100, 'At most 100 characters'),
  replyTo: emailOrEmpty,
};

/** What a follow-up needs before it can be sent; the form says which field is missing. */
function complete(
  v: { enabled: boolean; host: string; fromAddress: string },
  ctx: z.RefinementCtx,
  always: boolean,
) {
  if (!v.enabled && !always) return;
  if (!v.host) ctx.addIssue({ code: 'custom', path: ['host'], message: 'Enter the SMTP server' });
  if (!v.fromAddress)
    ctx.addIssue({ code: 'custom', path: ['fromAddress'], message: 'Enter the address emails come from' });
}

/**
 * The settings as a manager saves them. The password is write-only: left out, the saved one stays; `null` removes
 * it; a string replaces it. It is stored encrypted and never sent back (`passwordSet` says whether there is one).
 */
export const FollowUpSettingsInput = z
  .object({ ...common, password: z.string().max(500, 'At most 500 characters').nullable().optional() })
  .superRefine((v, ctx) => complete(v, ctx, false));
export type FollowUpSettingsInput = z.input<typeof FollowUpSettingsInput>;

export const FollowUpSettings = z.object({ ...common, passwordSet: z.boolean() });
export type FollowUpSettings = z.infer<typeof FollowUpSettings>;

/** "Send test email": the form as it stands (not saved), sent to `to`. The password, when left out, is the saved one. */
export const SmtpTestInput = z
  .object({
    ...common,
    password: z.string().max(500, 'At most 500 characters').nullable().optional(),
    to: z.email({ message: 'Enter a valid email address' }).max(254),
  })
  .superRefine((v, ctx) => complete(v, ctx, true));
export type SmtpTestInput = z.input<typeof SmtpTestInput>;

/** Why a test email was not sent, named for the manager; `detail` is the SMTP server's own answer. */
export const SmtpFailure = {
  auth: 'auth',
  connect: 'connect',
  tls: 'tls',
  timeout: 'timeout',
  rejected: 'rejected',
  other: 'other',
} as const;
export type SmtpFailure = (typeof SmtpFailure)[keyof typeof SmtpFailure];

export const SmtpTestResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), response: z.string() }),
  z.object({ ok: z.literal(false), reason: z.enum(SmtpFailure), detail: z.string() }),
]);
export type SmtpTestResult = z.infer<typeof SmtpTestResult>;

/** The two follow-ups (FUP-2). */
export const FollowUpKind = { transcript: 'transcript', answer: 'answer' } as const;
export type FollowUpKind = (typeof FollowUpKind)[keyof typeof FollowUpKind];

export const FollowUpPreviewQuery = z.object({
  kind: z.enum(FollowUpKind, { message: 'Choose the transcript or the answer' }).default('transcript'),
});

/** A follow-up email as the visitor receives it, with sample messages, in the campaign's language. */
export const FollowUpPreview = z.object({
  language: LanguageSchema,
  subject: z.string(),
  html: z.string(),
  text: z.string(),
});
export type FollowUpPreview = z.infer<typeof FollowUpPreview>;

/** A follow-up that could not be sent after every attempt: what, to whom, and the last reason. */
export const FailedFollowUp = z.object({
  id: Id,
  kind: z.enum(FollowUpKind),
  to: z.string(),
  chatId: Id,
  attempts: z.number().int(),
  lastError: z.string(),
  createdAt: Timestamp,
  failedAt: Timestamp,
});
export type FailedFollowUp = z.infer<typeof FailedFollowUp>;
export const FailedFollowUpList = z.object({ items: z.array(FailedFollowUp) });
export type FailedFollowUpList = z.infer<typeof FailedFollowUpList>;
