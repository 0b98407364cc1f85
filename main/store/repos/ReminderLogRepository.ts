import type { LocalDatabase } from '../db';
import { scopeKey, type ReplicaScope } from './TaskReplicaRepository';

export type ReminderKind = 'due_soon' | 'weekly_report';

/**
 * Which reminders this computer has shown, per user (replica scope), task, kind and day (Vietnam
 * time), so starting the app again the same day does not show them again (only main writes it).
 */
export class ReminderLogRepository {
  readonly #db: LocalDatabase;

  constructor(db: LocalDatabase) {
    this.#db = db;
  }

  wasShown(scope: ReplicaScope, taskId: string, kind: ReminderKind, day: string): boolean {
    return (
      this.#db
        .prepare(
          'SELECT 1 FROM task_reminder_log WHERE scope = ? AND task_id = ? AND kind = ? AND day = ?',
        )
        .get(scopeKey(scope), taskId, kind, day) !== undefined
    );
  }

  record(scope: ReplicaScope, taskId: string, kind: ReminderKind, day: string, now: Date): void {
    this.#db
      .prepare(
        `INSERT INTO task_reminder_log (scope, task_id, kind, day, notified_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(scopeKey(scope), taskId, kind, day, now.toISOString());
  }

  /** Forgets reminders of days before `day` (YYYY-MM-DD): they can never be shown again anyway. */
  pruneBefore(day: string): void {
    this.#db.prepare('DELETE FROM task_reminder_log WHERE day < ?').run(day);
  }
}
