/**
 * How much one meeting and one task may keep on the server's disk (ServerConfig:
 * PHONGHOP_MEETING_QUOTA_MB, PHONGHOP_MEETING_QUOTA_FILES, PHONGHOP_TASK_QUOTA_MB,
 * PHONGHOP_TASK_QUOTA_FILES), and when unreferenced files are swept (PHONGHOP_ORPHAN_GRACE_MIN,
 * PHONGHOP_ORPHAN_SWEEP_MIN). The defaults are far above real use: a meeting of 60 agenda
 * documents with 5 versions of 5 MB each uses 1.5 GB and 300 files; a monthly task reported on for
 * three years with 10 files a report uses 360 files.
 */
export interface StorageLimits {
  /** Bytes of one meeting's files: every version of its documents and its tasks' attachments. */
  meetingBytes: number;
  /** Files of one meeting, counted as `meetingBytes`. */
  meetingFiles: number;
  /** Bytes of the files sent for one task's progress reports. */
  taskBytes: number;
  /** Files sent for one task's progress reports. */
  taskFiles: number;
  /**
   * Age below which a file no row names is kept by the sweep, ms: an upload or a notice being
   * written is between its file and its row for seconds; a crash leaves it for ever.
   */
  orphanGraceMs: number;
  /** How often the sweep runs, ms; 0: never (tests run it by hand). */
  orphanSweepMs: number;
}

const MB = 1024 * 1024;

export const DEFAULT_STORAGE_LIMITS: Readonly<StorageLimits> = {
  meetingBytes: 2048 * MB,
  meetingFiles: 5000,
  taskBytes: 200 * MB,
  taskFiles: 500,
  orphanGraceMs: 60 * 60_000,
  orphanSweepMs: 60 * 60_000,
};
