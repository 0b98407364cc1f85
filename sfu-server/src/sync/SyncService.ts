/**
 * The server side of task sync: applies pushed mutations exactly once, in order, under the
 * shared rules of common/tasks/mutations.ts, and answers pulls with what changed since a clock.
 * One push is one transaction: a crash midway leaves none of it, and the client pushes it again.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { ForbiddenError, InvalidStateError, AppError } from '../../../common/errors';
import type { Task } from '../../../common/domain/task';
import type { User } from '../../../common/domain/user';
import {
  SYNC_PROTOCOL_VERSION,
  type MutationResult,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../../common/protocol/sync';
import {
  applyTaskMutation,
  checkTaskMutation,
  isTaskStaff,
  mutationTaskId,
  taskActorOf,
  type Rejection,
  type TaskMutation,
} from '../../../common/tasks/mutations';
import type { AppDatabase } from '../db/database';
import type { Database } from '../db/schema';
import { AuditLog } from '../db/repos/AuditLog';
import { TaskStore } from './TaskStore';

type Executor = Kysely<Database>;

function requireProtocol(version: number): void {
  if (version !== SYNC_PROTOCOL_VERSION) {
    throw new AppError(
      'incompatible',
      `Sync protocol ${version} is not supported; this server speaks ${SYNC_PROTOCOL_VERSION}`,
    );
  }
}

export class SyncService {
  readonly #db: AppDatabase;
  readonly #logger: Logger | undefined;

  constructor(db: AppDatabase, logger?: Logger) {
    this.#db = db;
    this.#logger = logger;
  }

  async push(user: User, request: PushRequest, now = new Date()): Promise<PushResponse> {
    requireProtocol(request.protocolVersion);
    const actor = taskActorOf(user);
    const at = now.toISOString();
    return this.#db.transaction().execute(async (trx) => {
      let last = await this.#lastMutationId(trx, request.clientId, user);
      let clock = await readClock(trx);
      const audit = new AuditLog(trx);
      const results: MutationResult[] = [];
      for (const pushed of request.mutations) {
        if (pushed.id <= last) {
          results.push(await this.#earlierResult(trx, request.clientId, pushed.id));
          continue;
        }
        if (pushed.id !== last + 1) {
          throw new InvalidStateError(
            `Mutation ${pushed.id} arrived before ${last + 1}: the outbox must be pushed in order`,
          );
        }
        const { mutation } = pushed;
        const taskId = mutationTaskId(mutation);
        const before = await TaskStore.get(trx, taskId);
        const rejection =
          checkTaskMutation(actor, before, mutation) ?? (await checkMeeting(trx, mutation));
        clock += 1;
        if (rejection) {
          await trx
            .insertInto('sync_rejections')
            .values({
              client_id: request.clientId,
              mutation_id: pushed.id,
              name: mutation.name,
              task_id: taskId,
              code: rejection.code,
              message: rejection.message,
              clock,
            })
            .execute();
          results.push({ id: pushed.id, status: 'rejected', rejection });
          this.#logger?.info(
            { userId: user.id, mutation: mutation.name, taskId, code: rejection.code },
            'Task mutation rejected',
          );
        } else {
          const after = applyTaskMutation(before, mutation, { actor, now: at, clock });
          await TaskStore.save(trx, before, after);
          await audit.record(
            {
              userId: user.id,
              action: mutation.name,
              subject: taskId,
              // Which client's which mutation: an audit can prove each was applied once.
              details: { clientId: request.clientId, mutationId: pushed.id, args: mutation.args },
            },
            now,
          );
          results.push({ id: pushed.id, status: 'applied' });
        }
        last = pushed.id;
      }
      await trx.updateTable('sync_clock').set({ value: clock }).where('id', '=', 1).execute();
      await trx
        .insertInto('sync_clients')
        .values({
          client_id: request.clientId,
          user_id: user.id,
          last_mutation_id: last,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc.column('client_id').doUpdateSet({ last_mutation_id: last, updated_at: at }),
        )
        .execute();
      return { lastMutationId: last, results, clock };
    });
  }

  async pull(user: User, request: PullRequest): Promise<PullResponse> {
    requireProtocol(request.protocolVersion);
    // Read everything in one transaction: a push landing meanwhile is wholly in or wholly out.
    return this.#db.transaction().execute(async (trx) => {
      const lastMutationId = await this.#lastMutationId(trx, request.clientId, user);
      const clock = await readClock(trx);
      // A client ahead of the server was synced with a database since restored from a backup:
      // it gets everything, and `reset` tells it to drop what the server no longer has.
      const reset = request.since > clock;
      const since = reset ? 0 : request.since;
      const changed = await TaskStore.changedSince(trx, since);
      const visible = await this.#visibility(trx, user);
      const rejections = await trx
        .selectFrom('sync_rejections')
        .selectAll()
        .where('client_id', '=', request.clientId)
        .where('clock', '>', since)
        .orderBy('mutation_id')
        .execute();
      return {
        clock,
        lastMutationId,
        reset,
        tasks: changed.filter(visible),
        removedTaskIds: changed.filter((t) => !visible(t)).map((t) => t.id),
        rejections: rejections.map((r) => ({
          mutationId: Number(r.mutation_id),
          name: r.name,
          taskId: r.task_id,
          rejection: { code: r.code as Rejection['code'], message: r.message },
        })),
      };
    });
  }

  /** The tasks of a meeting the user may see (REST views and exports). */
  async tasksOfMeeting(user: User, meetingId: string): Promise<Task[]> {
    const visible = await this.#visibility(this.#db, user);
    return (await TaskStore.listByMeeting(this.#db, meetingId)).filter(visible);
  }

  async #lastMutationId(trx: Executor, clientId: string, user: User) {
    const client = await trx
      .selectFrom('sync_clients')
      .select(['user_id', 'last_mutation_id'])
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    // A client id is one user's replica; another user presenting it would read that user's
    // rejections and skip mutation ids.
    if (client && client.user_id !== user.id)
      throw new ForbiddenError('This sync client belongs to another user');
    return Number(client?.last_mutation_id ?? 0);
  }

  async #earlierResult(trx: Executor, clientId: string, id: number): Promise<MutationResult> {
    const rejected = await trx
      .selectFrom('sync_rejections')
      .select(['code', 'message'])
      .where('client_id', '=', clientId)
      .where('mutation_id', '=', id)
      .executeTakeFirst();
    return rejected
      ? {
          id,
          status: 'rejected',
          rejection: { code: rejected.code as Rejection['code'], message: rejected.message },
        }
      : { id, status: 'duplicate' };
  }

  /**
   * Staff see every task; others the tasks of meetings they attend and of their own agency,
   * whether it leads or cooperates.
   */
  async #visibility(trx: Executor, user: User): Promise<(task: Task) => boolean> {
    if (isTaskStaff(taskActorOf(user))) return () => true;
    const meetings = new Set(
      (
        await trx
          .selectFrom('meeting_participants')
          .select('meeting_id')
          .where('user_id', '=', user.id)
          .execute()
      ).map((r) => r.meeting_id),
    );
    const unit = user.agency.id;
    return (task) =>
      meetings.has(task.meetingId) ||
      task.lead.id === unit ||
      task.cooperating.some((c) => c.id === unit);
  }
}

async function readClock(trx: Executor): Promise<number> {
  const row = await trx
    .selectFrom('sync_clock')
    .select('value')
    .where('id', '=', 1)
    .executeTakeFirst();
  return Number(row?.value ?? 0);
}

/** A new task must belong to an existing meeting (the rules module knows no database). */
async function checkMeeting(trx: Executor, mutation: TaskMutation): Promise<Rejection | null> {
  if (mutation.name !== 'task.create') return null;
  const meeting = await trx
    .selectFrom('meetings')
    .select('id')
    .where('id', '=', mutation.args.task.meetingId)
    .executeTakeFirst();
  return meeting ? null : { code: 'invalid', message: 'No such meeting' };
}
