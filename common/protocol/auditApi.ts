/**
 * The audit log read by administrators (issue #15 §2): a filtered page, newest first, and the
 * record of an export (issue #16: "exports are recorded").
 */
import { z } from 'zod';
import { isoDateSchema } from '../domain/task';
import { empty, route } from './route';

const admin = { auth: true, roles: ['admin'] } as const;

/** The most rows one page answers; an export pages through, up to AUDIT_EXPORT_MAX. */
export const AUDIT_PAGE_MAX = 200;
export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_EXPORT_MAX = 10_000;

export const auditFilterSchema = z.strictObject({
  userId: z.string().min(1).max(64).optional(),
  /**
   * A prefix of the dotted action (`auth.` finds every sign-in entry), or up to four separated by
   * commas (`document.,agenda.`).
   */
  action: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[a-z0-9_.]+(,[a-z0-9_.]+){0,3}$/, 'Expected dotted action prefixes')
    .optional(),
  /** The entry's subject, or its details' meetingId. */
  meetingId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'Expected a meeting id')
    .optional(),
  /** Calendar days in Vietnam time (UTC+7), both inclusive. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditQuerySchema = auditFilterSchema.extend({
  /** Rows older than this id (the previous page's `nextBeforeId`). */
  beforeId: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  user: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  action: z.string(),
  subject: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditRoutes = {
  listAuditLog: route({
    method: 'GET',
    path: '/api/admin/audit',
    params: empty,
    body: empty,
    query: auditQuerySchema,
    response: z.object({
      entries: z.array(auditEntrySchema),
      nextBeforeId: z.number().int().nullable(),
    }),
    ...admin,
  }),
  /** Records that the caller exported the log with these filters (`audit.exported`). */
  auditExported: route({
    method: 'POST',
    path: '/api/admin/audit/exported',
    params: empty,
    body: z.strictObject({
      filter: auditFilterSchema,
      rows: z.number().int().min(0).max(AUDIT_EXPORT_MAX),
    }),
    response: z.object({ ok: z.literal(true) }),
    ...admin,
  }),
};

/** An entry's time in Vietnam (UTC+7) as the screen and the export show it: "05/03/2020 00:30:00". */
export function auditTimeText(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const s = new Date(ms + 7 * 3_600_000).toISOString();
  return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)} ${s.slice(11, 19)}`;
}
