/**
 * Storage quotas (issue #16): what one meeting and one task may keep on the server (storageLimits.ts).
 * A meeting's usage is every version of its agenda documents plus every file sent for its tasks'
 * reports; a task's is the files sent for it. A file sent for two tasks counts for each (each
 * task's reports name it), a file sent again for the same task is not counted again.
 *
 * The check runs twice: before the body is read, on the size the client declares (so a 200 MB
 * upload into a full meeting is refused at once), and inside the transaction that writes the rows,
 * on the size received, where it decides. On PostgreSQL that transaction first locks the meeting's
 * row, so two uploads into one meeting are checked one after the other (SQLite runs one write
 * transaction at a time anyway).
 */
import type { Kysely } from 'kysely';
import { QuotaExceededError } from '../../../common/errors';
import type { Database } from '../db/schema';
import { isPostgres } from '../db/dialect';
import type { StorageLimits } from './storageLimits';

type Executor = Kysely<Database>;

export interface StorageUsage {
  bytes: number;
  files: number;
}

export type QuotaLimits = Pick<
  StorageLimits,
  'meetingBytes' | 'meetingFiles' | 'taskBytes' | 'taskFiles'
>;

/** A size as people read it: "2 GB", "200 MB", "48 KB" (Vietnamese decimal comma). */
export function formatSize(bytes: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      const rounded = value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
      return `${String(rounded).replace('.', ',')} ${unit}`;
    }
  }
  return `${bytes} byte`;
}

const toUsage = (row: { files?: unknown; bytes?: unknown } | undefined): StorageUsage => ({
  files: Number(row?.files ?? 0),
  bytes: Number(row?.bytes ?? 0),
});

export class StorageQuota {
  readonly limits: QuotaLimits;

  constructor(limits: QuotaLimits) {
    this.limits = limits;
  }

  /** Every version of the meeting's documents and every file sent for its tasks. */
  static async meetingUsage(db: Executor, meetingId: string): Promise<StorageUsage> {
    const [documents, attachments] = await Promise.all([
      db
        .selectFrom('document_versions as v')
        .innerJoin('documents as d', 'd.id', 'v.document_id')
        .innerJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
        .select((eb) => [eb.fn.countAll().as('files'), eb.fn.sum('v.size_bytes').as('bytes')])
        .where('a.meeting_id', '=', meetingId)
        .executeTakeFirst(),
      db
        .selectFrom('task_attachment_uploads as u')
        .innerJoin('task_attachment_blobs as b', 'b.sha256', 'u.sha256')
        .innerJoin('tasks as t', 't.id', 'u.task_id')
        .select((eb) => [eb.fn.countAll().as('files'), eb.fn.sum('b.size_bytes').as('bytes')])
        .where('t.meeting_id', '=', meetingId)
        .executeTakeFirst(),
    ]);
    const a = toUsage(documents);
    const b = toUsage(attachments);
    return { files: a.files + b.files, bytes: a.bytes + b.bytes };
  }

  /** The files sent for the task's reports. */
  static async taskUsage(db: Executor, taskId: string): Promise<StorageUsage> {
    return toUsage(
      await db
        .selectFrom('task_attachment_uploads as u')
        .innerJoin('task_attachment_blobs as b', 'b.sha256', 'u.sha256')
        .select((eb) => [eb.fn.countAll().as('files'), eb.fn.sum('b.size_bytes').as('bytes')])
        .where('u.task_id', '=', taskId)
        .executeTakeFirst(),
    );
  }

  /**
   * Locks the meeting's row until the transaction ends (PostgreSQL), so quota checks of one
   * meeting run one after the other; SQLite serializes write transactions already.
   */
  static async lockMeeting(trx: Executor, meetingId: string): Promise<void> {
    if (!isPostgres(trx)) return;
    await trx
      .selectFrom('meetings')
      .select('id')
      .where('id', '=', meetingId)
      .forUpdate()
      .executeTakeFirst();
  }

  /** Refuses (413 `meeting_quota`) one more file of `bytes` in the meeting. */
  async requireMeetingRoom(db: Executor, meetingId: string, bytes: number): Promise<void> {
    const used = await StorageQuota.meetingUsage(db, meetingId);
    const { meetingBytes, meetingFiles } = this.limits;
    if (used.files + 1 > meetingFiles)
      throw new QuotaExceededError(
        `Cuộc họp này đã có ${used.files} tệp (tài liệu, các phiên bản và tệp đính kèm báo cáo), bằng hạn mức ${meetingFiles} tệp cho một cuộc họp; không lưu thêm được. Vui lòng liên hệ bộ phận kỹ thuật.`,
        {
          reason: 'meeting_quota',
          limit: 'files',
          usedFiles: used.files,
          maxFiles: meetingFiles,
          en: `This meeting already has ${used.files} files, its limit of ${meetingFiles}; nothing more can be stored`,
        },
      );
    if (used.bytes + bytes > meetingBytes)
      throw new QuotaExceededError(
        `Cuộc họp này đã dùng ${formatSize(used.bytes)} trong hạn mức ${formatSize(meetingBytes)} dành cho tài liệu và tệp đính kèm; tệp ${formatSize(bytes)} vượt quá phần còn lại. Vui lòng liên hệ bộ phận kỹ thuật.`,
        {
          reason: 'meeting_quota',
          limit: 'bytes',
          usedBytes: used.bytes,
          quotaBytes: meetingBytes,
          en: `This meeting uses ${used.bytes} of its ${meetingBytes} bytes; a file of ${bytes} bytes does not fit`,
        },
      );
  }

  /** Refuses (413 `task_quota`, then `meeting_quota`) one more file of `bytes` for the task. */
  async requireTaskRoom(
    db: Executor,
    task: { id: string; meetingId: string },
    bytes: number,
  ): Promise<void> {
    const used = await StorageQuota.taskUsage(db, task.id);
    const { taskBytes, taskFiles } = this.limits;
    if (used.files + 1 > taskFiles)
      throw new QuotaExceededError(
        `Nhiệm vụ này đã có ${used.files} tệp đính kèm, bằng hạn mức ${taskFiles} tệp cho một nhiệm vụ; không lưu thêm được. Vui lòng liên hệ bộ phận kỹ thuật.`,
        {
          reason: 'task_quota',
          limit: 'files',
          usedFiles: used.files,
          maxFiles: taskFiles,
          en: `This task already has ${used.files} files, its limit of ${taskFiles}; nothing more can be stored`,
        },
      );
    if (used.bytes + bytes > taskBytes)
      throw new QuotaExceededError(
        `Tệp đính kèm của nhiệm vụ này đã dùng ${formatSize(used.bytes)} trong hạn mức ${formatSize(taskBytes)}; tệp ${formatSize(bytes)} vượt quá phần còn lại. Vui lòng liên hệ bộ phận kỹ thuật.`,
        {
          reason: 'task_quota',
          limit: 'bytes',
          usedBytes: used.bytes,
          quotaBytes: taskBytes,
          en: `This task's files use ${used.bytes} of its ${taskBytes} bytes; a file of ${bytes} bytes does not fit`,
        },
      );
    await this.requireMeetingRoom(db, task.meetingId, bytes);
  }
}
