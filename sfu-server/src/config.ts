import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_PDF_LIMITS } from './documents/pdfLimits';
import { DEFAULT_STORAGE_LIMITS } from './storage/storageLimits';

const isLoopback = (host: string) =>
  host === 'localhost' || host === '::1' || host.startsWith('127.');

export const serverConfigSchema = z.object({
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  dataDir: z.string().min(1),
  /**
   * postgres://… to keep the server's data in PostgreSQL instead of SQLite in `dataDir`
   * (documents and TLS material stay in `dataDir`). docs/postgresql.md.
   */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'PHONGHOP_DATABASE_URL must start with postgres://')
    .optional(),
  /** Address put in ICE candidates; defaults to `host` (set it behind NAT or on 0.0.0.0). */
  announcedIp: z.string().min(1).optional(),
  rtcMinPort: z.coerce.number().int().min(1024).max(65535),
  rtcMaxPort: z.coerce.number().int().min(1024).max(65535),
  /** mediasoup workers; defaults to one per core. */
  workers: z.coerce.number().int().min(1).max(64),
  /**
   * Consumers (streams sent to participants) one worker carries at most; a consumer over it is
   * refused. Rooms spread to routers on less loaded workers (`pipeToRouter`) well before it.
   */
  maxConsumersPerWorker: z.coerce.number().int().min(1),
  tlsCertFile: z.string().optional(),
  tlsKeyFile: z.string().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /**
   * Seed the demo province (accounts with a published password) into an empty database. Only
   * when asked (`--demo`, `npm run demo`): a real server starts with no account at all.
   */
  seedDemo: z.boolean(),
  /** How often open signaling sockets are checked against their sign-in and meeting role, ms. */
  sessionCheckMs: z.number().int().positive(),
  /** Cap on JSON request bodies, bytes. */
  bodyLimit: z.number().int().positive(),
  /** Login attempts per client address per minute. */
  loginRateLimit: z.number().int().positive(),
  /** Join tickets one user gets per minute (PHONGHOP_JOIN_TICKETS_PER_MINUTE); JoinTicketStore. */
  joinTicketsPerMinute: z.coerce.number().int().positive(),
  /**
   * Free space under which /api/health says degraded and uploads and sync pushes are refused
   * with 507 (PHONGHOP_MIN_FREE_DISK_MB), bytes; storage/DiskSpace.ts.
   */
  minFreeDiskBytes: z.number().int().nonnegative(),
  /** Cap on one uploaded document, bytes (PHONGHOP_MAX_UPLOAD_MB), enforced while streaming. */
  maxUploadBytes: z.number().int().positive(),
  /** Pages an uploaded PDF may have (PHONGHOP_PDF_MAX_PAGES); more is refused. */
  pdfMaxPages: z.coerce.number().int().positive(),
  /** Time reading one uploaded PDF may take (PHONGHOP_PDF_TIMEOUT_S, seconds), ms. */
  pdfTimeoutMs: z.number().int().positive(),
  /** Memory reading one uploaded PDF may use (PHONGHOP_PDF_MAX_MEMORY_MB), MB; pdfLimits.ts. */
  pdfMaxMemoryMb: z.coerce.number().int().min(64),
  /**
   * Bytes one meeting's files may use: its documents' versions and its tasks' attachments
   * (PHONGHOP_MEETING_QUOTA_MB); storage/storageLimits.ts.
   */
  meetingQuotaBytes: z.number().int().positive(),
  /** Files one meeting may keep, counted as its bytes (PHONGHOP_MEETING_QUOTA_FILES). */
  meetingQuotaFiles: z.coerce.number().int().positive(),
  /** Bytes of the files sent for one task's reports (PHONGHOP_TASK_QUOTA_MB). */
  taskQuotaBytes: z.number().int().positive(),
  /** Files sent for one task's reports (PHONGHOP_TASK_QUOTA_FILES). */
  taskQuotaFiles: z.coerce.number().int().positive(),
  /** Age below which the orphan sweep keeps an unreferenced file (PHONGHOP_ORPHAN_GRACE_MIN), ms. */
  orphanGraceMs: z.number().int().nonnegative(),
  /** How often unreferenced files are swept (PHONGHOP_ORPHAN_SWEEP_MIN; 0: never), ms. */
  orphanSweepMs: z.number().int().nonnegative(),
});
export type ServerConfig = z.infer<typeof serverConfigSchema>;

export function defaultServerConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return serverConfigSchema.parse({
    host: '127.0.0.1',
    port: 8443,
    dataDir: path.resolve('data'),
    rtcMinPort: 40000,
    rtcMaxPort: 49999,
    workers: os.availableParallelism(),
    maxConsumersPerWorker: 500,
    logLevel: 'info',
    seedDemo: false,
    sessionCheckMs: 2000,
    bodyLimit: 1024 * 1024,
    loginRateLimit: 10,
    joinTicketsPerMinute: 10,
    maxUploadBytes: 200 * 1024 * 1024,
    minFreeDiskBytes: 1024 * 1024 * 1024,
    pdfMaxPages: DEFAULT_PDF_LIMITS.maxPages,
    pdfTimeoutMs: DEFAULT_PDF_LIMITS.timeoutMs,
    pdfMaxMemoryMb: DEFAULT_PDF_LIMITS.maxMemoryMb,
    meetingQuotaBytes: DEFAULT_STORAGE_LIMITS.meetingBytes,
    meetingQuotaFiles: DEFAULT_STORAGE_LIMITS.meetingFiles,
    taskQuotaBytes: DEFAULT_STORAGE_LIMITS.taskBytes,
    taskQuotaFiles: DEFAULT_STORAGE_LIMITS.taskFiles,
    orphanGraceMs: DEFAULT_STORAGE_LIMITS.orphanGraceMs,
    orphanSweepMs: DEFAULT_STORAGE_LIMITS.orphanSweepMs,
    ...overrides,
  });
}

/** `PHONGHOP_MAX_UPLOAD_MB` as bytes; fractions allowed (tests use a tiny cap). */
function megabytes(value: string | undefined, name = 'PHONGHOP_MAX_UPLOAD_MB'): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0)
    throw new Error(`${name} must be a positive number, not "${value}"`);
  return Math.round(mb * 1024 * 1024);
}

/** `PHONGHOP_PDF_TIMEOUT_S` as ms; fractions allowed. */
function seconds(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const s = Number(value);
  if (!Number.isFinite(s) || s <= 0)
    throw new Error(`${name} must be a positive number of seconds, not "${value}"`);
  return Math.round(s * 1000);
}

/** A number of minutes (fractions allowed, 0 allowed) as ms. */
function minutes(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const m = Number(value);
  if (!Number.isFinite(m) || m < 0)
    throw new Error(`${name} must be a number of minutes (0 or more), not "${value}"`);
  return Math.round(m * 60_000);
}

/** Config from PHONGHOP_* environment variables, overridden by command-line flags. */
export function loadServerConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      data: { type: 'string' },
      'database-url': { type: 'string' },
      'announced-ip': { type: 'string' },
      workers: { type: 'string' },
      'max-consumers-per-worker': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'log-level': { type: 'string' },
      demo: { type: 'boolean' },
      'no-seed': { type: 'boolean' },
    },
    strict: true,
  });
  const pick = (flag: string | undefined, name: string) => flag ?? env[name] ?? undefined;
  const raw = Object.fromEntries(
    Object.entries({
      host: pick(values.host, 'PHONGHOP_HOST'),
      port: pick(values.port, 'PHONGHOP_PORT'),
      dataDir: pick(values.data, 'PHONGHOP_DATA'),
      databaseUrl: pick(values['database-url'], 'PHONGHOP_DATABASE_URL'),
      announcedIp: pick(values['announced-ip'], 'PHONGHOP_ANNOUNCED_IP'),
      workers: pick(values.workers, 'PHONGHOP_WORKERS'),
      maxConsumersPerWorker: pick(
        values['max-consumers-per-worker'],
        'PHONGHOP_MAX_CONSUMERS_PER_WORKER',
      ),
      rtcMinPort: env.PHONGHOP_RTC_MIN_PORT,
      rtcMaxPort: env.PHONGHOP_RTC_MAX_PORT,
      tlsCertFile: pick(values['tls-cert'], 'PHONGHOP_TLS_CERT'),
      tlsKeyFile: pick(values['tls-key'], 'PHONGHOP_TLS_KEY'),
      logLevel: pick(values['log-level'], 'PHONGHOP_LOG_LEVEL'),
      seedDemo:
        values['no-seed'] || env.PHONGHOP_SEED === '0'
          ? false
          : values.demo || env.PHONGHOP_DEMO === '1'
            ? true
            : undefined,
      maxUploadBytes: megabytes(env.PHONGHOP_MAX_UPLOAD_MB),
      minFreeDiskBytes: megabytes(env.PHONGHOP_MIN_FREE_DISK_MB, 'PHONGHOP_MIN_FREE_DISK_MB'),
      pdfMaxPages: env.PHONGHOP_PDF_MAX_PAGES,
      pdfTimeoutMs: seconds(env.PHONGHOP_PDF_TIMEOUT_S, 'PHONGHOP_PDF_TIMEOUT_S'),
      pdfMaxMemoryMb: env.PHONGHOP_PDF_MAX_MEMORY_MB,
      meetingQuotaBytes: megabytes(env.PHONGHOP_MEETING_QUOTA_MB, 'PHONGHOP_MEETING_QUOTA_MB'),
      meetingQuotaFiles: env.PHONGHOP_MEETING_QUOTA_FILES,
      taskQuotaBytes: megabytes(env.PHONGHOP_TASK_QUOTA_MB, 'PHONGHOP_TASK_QUOTA_MB'),
      taskQuotaFiles: env.PHONGHOP_TASK_QUOTA_FILES,
      orphanGraceMs: minutes(env.PHONGHOP_ORPHAN_GRACE_MIN, 'PHONGHOP_ORPHAN_GRACE_MIN'),
      orphanSweepMs: minutes(env.PHONGHOP_ORPHAN_SWEEP_MIN, 'PHONGHOP_ORPHAN_SWEEP_MIN'),
      joinTicketsPerMinute: env.PHONGHOP_JOIN_TICKETS_PER_MINUTE,
    }).filter(([, v]) => v !== undefined),
  ) as Partial<ServerConfig>;
  const config = defaultServerConfig(raw);
  return { ...config, dataDir: path.resolve(config.dataDir) };
}

/** Plain HTTP is allowed only on loopback, which browsers treat as a secure context. */
export function needsTls(config: ServerConfig): boolean {
  return !isLoopback(config.host);
}
