import { z } from 'zod';

/**
 * What the user is told about task sync (shown in the header and the tasks screen):
 * - synced: nothing pending, the last sync worked;
 * - syncing: a push or pull is running;
 * - pending: changes wait to be sent (the next attempt is due);
 * - offline: the server cannot be reached; changes are kept and sent when it can;
 * - error: the server refused (session ended, incompatible version, a bug): `error` says why.
 */
export const syncStateSchema = z.object({
  status: z.enum(['synced', 'syncing', 'pending', 'offline', 'error']),
  /** Changes recorded here and not yet acknowledged by the server. */
  pending: z.number().int(),
  lastSyncedAt: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** When the next attempt runs after a failure. */
  nextRetryAt: z.string().nullable(),
});
export type SyncState = z.infer<typeof syncStateSchema>;
