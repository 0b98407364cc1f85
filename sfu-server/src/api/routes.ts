import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  AppError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  UnauthorizedError,
} from '../../../common/errors';
import { SIGNALING_PATH } from '../../../common/protocol/signaling';
import { buildOpenApiDocument, type OpenApiDocument } from '../../../common/protocol/openapi';
import {
  normalizeUsername,
  passwordProblems,
  passwordProblemText,
} from '../../../common/domain/account';
import type { PasswordHasher } from '../auth/passwords';
import type { LoginFailureRepository } from '../db/repos/LoginFailureRepository';
import type { AppDatabase } from '../db/database';
import { pingDatabase } from '../db/database';
import type { MeetingRepository } from '../db/repos/MeetingRepository';
import { hashToken, SessionRepository } from '../db/repos/SessionRepository';
import { UserRepository } from '../db/repos/UserRepository';
import { AuditLog } from '../db/repos/AuditLog';
import type { WorkerPool } from '../media/WorkerPool';
import type { JoinTicketStore } from '../rooms/JoinTicketStore';
import type { MeetingAccess } from './access';
import { DiskGuard } from '../storage/DiskSpace';
import { seesAllMeetings } from '../../../common/domain/policy';
import { registerRoute, type Authenticate } from './registerRoute';

export interface RouteDeps {
  authenticate: Authenticate;
  access: MeetingAccess;
  db: AppDatabase;
  users: UserRepository;
  sessions: SessionRepository;
  meetings: MeetingRepository;
  audit: AuditLog;
  pool: WorkerPool;
  tickets: JoinTicketStore;
  version: string;
  loginRateLimit: number;
  /** The data directory, whose free space health reports. */
  dataDir: string;
  minFreeDiskBytes: number;
  hasher: PasswordHasher;
  loginFailures: LoginFailureRepository;
}

/** Refuses a new password the policy does not accept, naming every problem (Vietnamese first). */
export function requireAcceptablePassword(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length === 0) return;
  throw new InvalidError(problems.map((p) => passwordProblemText[p].vi).join(' '), {
    reason: 'weak_password',
    problems,
    en: problems.map((p) => passwordProblemText[p].en).join(' '),
  });
}

// A fixed hash to verify against for unknown users, so the response time does not reveal
// which usernames exist.
const DUMMY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function lockedError(until: Date): AppError {
  return new AppError(
    'rate_limited',
    `Too many failed sign-ins: this account is locked until ${until.toISOString()}`,
    { reason: 'account_locked', lockedUntil: until.toISOString() },
  );
}

export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { authenticate, access } = deps;

  registerRoute(app, 'health', authenticate, async () => {
    const [dbOk, workersAnswering] = await Promise.all([
      pingDatabase(deps.db).then(
        () => true,
        () => false,
      ),
      deps.pool.ping(),
    ]);
    if (!dbOk) throw new AppError('unavailable', 'Database does not answer');
    if (workersAnswering !== deps.pool.size) {
      throw new AppError(
        'unavailable',
        `${workersAnswering} of ${deps.pool.size} mediasoup workers answer`,
      );
    }
    // The same check as uploads and sync pushes make before writing (refused below the minimum).
    const disk = await new DiskGuard(deps.dataDir, deps.minFreeDiskBytes).space();
    return {
      status: disk.freeBytes < disk.minFreeBytes ? ('degraded' as const) : ('ok' as const),
      version: deps.version,
      mediasoup: { workers: workersAnswering },
      disk,
    };
  });

  registerRoute(
    app,
    'login',
    authenticate,
    async ({ body, request }) => {
      const key = normalizeUsername(body.username);
      // A locked account is refused before any hashing: a flood of guesses costs nothing.
      const locked = await deps.loginFailures.lockedUntil(key);
      if (locked) throw lockedError(locked);
      const found = await deps.users.findByUsername(key);
      const ok = await deps.hasher.verify(body.password, found?.passwordHash ?? DUMMY_HASH);
      if (!found || !ok || found.disabled) {
        const { lockedUntil } = await deps.loginFailures.recordFailure(key);
        await deps.audit.record({
          userId: found?.user.id ?? null,
          action: lockedUntil ? 'auth.locked' : 'auth.login_failed',
          subject: key,
          details: {
            ip: request.ip,
            ...(lockedUntil ? { lockedUntil: lockedUntil.toISOString() } : {}),
          },
        });
        if (lockedUntil) throw lockedError(lockedUntil);
        throw new UnauthorizedError('Invalid username or password');
      }
      await deps.loginFailures.clear(key);
      const session = await deps.sessions.create(found.user.id);
      await deps.audit.record({
        userId: found.user.id,
        action: 'auth.login',
        subject: null,
        details: { ip: request.ip },
      });
      return { token: session.token, expiresAt: session.expiresAt, user: found.user };
    },
    {
      config: {
        // Per address and username, after the body is parsed: one office sharing a NAT address
        // must not lock everyone out because one person mistypes.
        rateLimit: {
          max: deps.loginRateLimit,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request: FastifyRequest) =>
            `${request.ip}|${String((request.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
        },
      },
    },
  );

  registerRoute(app, 'logout', authenticate, async ({ token, user }) => {
    await deps.sessions.revoke(token!);
    await deps.audit.record({
      userId: user!.id,
      action: 'auth.logout',
      subject: null,
      details: null,
    });
    return { ok: true as const };
  });

  registerRoute(app, 'me', authenticate, async ({ user }) => user!);

  registerRoute(app, 'changePassword', authenticate, async ({ body, user, token }) => {
    const stored = await deps.users.passwordHash(user!.id);
    if (!stored || !(await deps.hasher.verify(body.currentPassword, stored)))
      throw new AppError('invalid', 'The current password is not right', {
        reason: 'wrong_password',
      });
    requireAcceptablePassword(body.newPassword, user!.username);
    if (body.newPassword.normalize('NFC') === body.currentPassword.normalize('NFC'))
      throw new InvalidError('Mật khẩu mới phải khác mật khẩu hiện tại.', {
        reason: 'same_password',
        en: 'The new password must differ from the current one.',
      });
    const hash = await deps.hasher.hash(body.newPassword);
    await deps.db.transaction().execute(async (trx) => {
      await new UserRepository(trx).setPassword(user!.id, hash, false);
      await new SessionRepository(trx).revokeAllOf(user!.id, token);
      await new AuditLog(trx).record({
        userId: user!.id,
        action: 'auth.password_changed',
        subject: user!.id,
        details: null,
      });
    });
    return { user: (await deps.users.get(user!.id))! };
  });

  registerRoute(app, 'resetUserPassword', authenticate, async ({ params, body, user }) => {
    const target = await deps.users.get(params.id);
    if (!target) throw new NotFoundError('No such user');
    requireAcceptablePassword(body.newPassword, target.username);
    const hash = await deps.hasher.hash(body.newPassword);
    await deps.db.transaction().execute(async (trx) => {
      await new UserRepository(trx).setPassword(target.id, hash, true);
      await new SessionRepository(trx).revokeAllOf(target.id);
      await new AuditLog(trx).record({
        userId: user!.id,
        action: 'auth.password_reset',
        subject: target.id,
        details: null,
      });
    });
    return { ok: true as const };
  });

  registerRoute(app, 'listMeetings', authenticate, async ({ user }) => ({
    meetings: await deps.meetings.listFor(user!.id, seesAllMeetings(user!.roles)),
  }));

  registerRoute(app, 'getMeeting', authenticate, async ({ params, user }) => {
    await access.requireInvited(params.id, user!);
    const meeting = await deps.meetings.getDetail(params.id);
    if (!meeting) throw new NotFoundError('No such meeting');
    return meeting;
  });

  registerRoute(app, 'joinTicket', authenticate, async ({ params, user, token, request }) => {
    // Only invited participants enter the room; an admin manages, but does not attend uninvited.
    if (!(await deps.meetings.exists(params.id))) throw new NotFoundError('No such meeting');
    if (!(await deps.meetings.isParticipant(params.id, user!.id)))
      throw new ForbiddenError('You are not invited to this meeting');
    if (!(await deps.meetings.isPublished(params.id)))
      throw new ForbiddenError('The meeting is not published yet');
    const { ticket, expiresAt } = deps.tickets.issue(user!.id, params.id, hashToken(token!));
    const proto = request.protocol === 'https' ? 'wss' : 'ws';
    return { ticket, expiresAt, signalingUrl: `${proto}://${request.host}${SIGNALING_PATH}` };
  });

  registerRoute(app, 'listUsers', authenticate, async () => ({ users: await deps.users.list() }));

  // Built on the first request and kept: the route tables do not change while the server runs.
  let openApi: OpenApiDocument | undefined;
  registerRoute(
    app,
    'openApi',
    authenticate,
    async () => (openApi ??= buildOpenApiDocument({ version: deps.version })),
  );
}
