import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ForbiddenError, NotFoundError, UnauthorizedError } from '../../../common/errors';
import { SIGNALING_PATH } from '../../../common/protocol/signaling';
import { verifyPassword } from '../auth/passwords';
import type { AppDatabase } from '../db/database';
import { pingDatabase } from '../db/database';
import type { MeetingRepository } from '../db/repos/MeetingRepository';
import type { SessionRepository } from '../db/repos/SessionRepository';
import type { UserRepository } from '../db/repos/UserRepository';
import type { AuditLog } from '../db/repos/AuditLog';
import type { WorkerPool } from '../media/WorkerPool';
import type { JoinTicketStore } from '../rooms/JoinTicketStore';
import { seesAllMeetings, type MeetingAccess } from './access';
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
}

// A fixed hash to verify against for unknown users, so the response time does not reveal
// which usernames exist.
const DUMMY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

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
    return {
      status: 'ok' as const,
      version: deps.version,
      mediasoup: { workers: workersAnswering },
    };
  });

  registerRoute(
    app,
    'login',
    authenticate,
    async ({ body, request }) => {
      const found = await deps.users.findByUsername(body.username);
      const ok = await verifyPassword(body.password, found?.passwordHash ?? DUMMY_HASH);
      if (!found || !ok || found.disabled) {
        await deps.audit.record({
          userId: found?.user.id ?? null,
          action: 'auth.login_failed',
          subject: body.username,
          details: { ip: request.ip },
        });
        throw new UnauthorizedError('Invalid username or password');
      }
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

  registerRoute(app, 'listMeetings', authenticate, async ({ user }) => ({
    meetings: await deps.meetings.listFor(user!.id, seesAllMeetings(user!)),
  }));

  registerRoute(app, 'getMeeting', authenticate, async ({ params, user }) => {
    await access.requireInvited(params.id, user!);
    const meeting = await deps.meetings.getDetail(params.id);
    if (!meeting) throw new NotFoundError('No such meeting');
    return meeting;
  });

  registerRoute(app, 'joinTicket', authenticate, async ({ params, user, request }) => {
    // Only invited participants enter the room; an admin manages, but does not attend uninvited.
    if (!(await deps.meetings.exists(params.id))) throw new NotFoundError('No such meeting');
    if (!(await deps.meetings.isParticipant(params.id, user!.id)))
      throw new ForbiddenError('You are not invited to this meeting');
    const { ticket, expiresAt } = deps.tickets.issue(user!.id, params.id);
    const proto = request.protocol === 'https' ? 'wss' : 'ws';
    return { ticket, expiresAt, signalingUrl: `${proto}://${request.host}${SIGNALING_PATH}` };
  });

  registerRoute(app, 'listUsers', authenticate, async () => ({ users: await deps.users.list() }));
}
