/**
 * The server side of task sync: applies pushed mutations exactly once, in order, under the
 * shared rules of common/tasks/mutations.ts, and answers pulls with what changed since a clock.
 * One push is one transaction: a crash midway leaves none of it, and the client pushes it again.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Logger } from 'pino';
import { InvalidStateError } from '../../../common/errors';
import type { Task } from '../../../common/domain/task';
import type { User } from '../../../common/domain/user';
import {
  MIN_SYNC_PROTOCOL_VERSION,
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
  meetingRoleOf,
  mutationAttachments,
  mutationTaskId,
  taskActorOf,
  type Rejection,
  type TaskActor,
  type TaskMutation,
} from '../../../common/tasks/mutations';
import type { AppDatabase } from '../db/database';
import type { Database, SyncRejectionTable } from '../db/schema';
import { isPostgres } from '../db/dialect';
import { AuditLog, type AuditEntry } from '../db/repos/AuditLog';
import { MeetingRepository } from '../db/repos/MeetingRepository';
import { checkAttachments } from './AttachmentStore';
import { requireProtocol as requireVersion, SyncLedger } from './SyncLedger';
import { chunks, TaskStore } from './TaskStore';
import { DeliveredTasks } from './DeliveredTasks';
import { currentUnitIn, predecessorsIn, successorLinks } from '../directory/unitLineage';

type Executor = Kysely<Database>;

function requireProtocol(version: number): void {
  requireVersion('Sync', version, MIN_SYNC_PROTOCOL_VERSION, SYNC_PROTOCOL_VERSION);
}

export class SyncService {
  readonly #db: AppDatabase;
  readonly #logger: Logger | undefined;
  readonly #postgres: boolean;

  constructor(db: AppDatabase, logger?: Logger) {
    this.#db = db;
    this.#logger = logger;
    this.#postgres = isPostgres(db);
  }

  async push(user: User, request: PushRequest, now = new Date()): Promise<PushResponse> {
    requireProtocol(request.protocolVersion);
    const at = now.toISOString();
    return this.#db.transaction().execute(async (trx) => {
      const actor = await this.actorOf(user, trx);
      // Pushes take the clock row first (see SyncLedger.readClock).
      let clock = await SyncLedger.readClock(trx, this.#postgres);
      let last = await SyncLedger.lastMutationId(trx, request.clientId, user);
      const results: MutationResult[] = [];
      const audits: AuditEntry[] = [];
      const rejections: Insertable<SyncRejectionTable>[] = [];
      // The batch's tasks are read once and written once: a push of 500 mutations on the same
      // few tasks costs a handful of statements, not thousands.
      const stored = await TaskStore.getMany(
        trx,
        request.mutations.map((m) => mutationTaskId(m.mutation)),
      );
      const current = new Map(stored);
      const meetings = new Map<string, boolean>();
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
        const before = current.get(taskId);
        const rejection =
          checkTaskMutation(actor, before, mutation) ??
          (await checkMeeting(trx, mutation, meetings)) ??
          (await checkAttachments(trx, taskId, mutationAttachments(mutation)));
        clock += 1;
        if (rejection) {
          rejections.push({
            client_id: request.clientId,
            mutation_id: pushed.id,
            name: mutation.name,
            task_id: taskId,
            code: rejection.code,
            message: rejection.message,
            clock,
          });
          results.push({ id: pushed.id, status: 'rejected', rejection });
          this.#logger?.info(
            { userId: user.id, mutation: mutation.name, taskId, code: rejection.code },
            'Task mutation rejected',
          );
        } else {
          current.set(taskId, applyTaskMutation(before, mutation, { actor, now: at, clock }));
          audits.push({
            userId: user.id,
            action: mutation.name,
            subject: taskId,
            // Which client's which mutation: an audit can prove each was applied once.
            details: { clientId: request.clientId, mutationId: pushed.id, args: mutation.args },
          });
          results.push({ id: pushed.id, status: 'applied' });
        }
        last = pushed.id;
      }
      await TaskStore.saveChanges(trx, stored, current);
      await new AuditLog(trx).recordMany(audits, now);
      for (const rows of chunks(rejections, 100))
        await trx.insertInto('sync_rejections').values(rows).execute();
      await SyncLedger.writeClock(trx, clock);
      await SyncLedger.saveClient(trx, request.clientId, user, last, at);
      return { lastMutationId: last, results, clock };
    });
  }

  async pull(user: User, request: PullRequest): Promise<PullResponse> {
    requireProtocol(request.protocolVersion);
    // Read everything in one snapshot: a push landing meanwhile is wholly in or wholly out.
    const transaction = this.#postgres
      ? this.#db.transaction().setIsolationLevel('repeatable read')
      : this.#db.transaction();
    return transaction.execute(async (trx) => {
      const lastMutationId = await SyncLedger.lastMutationId(trx, request.clientId, user);
      const clock = await SyncLedger.readClock(trx);
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
      const present = await presentAgencies(trx);
      const sent = changed.filter(visible);
      if (reset) await DeliveredTasks.forget(trx, request.clientId);
      const removedTaskIds = await DeliveredTasks.update(
        trx,
        request.clientId,
        user,
        sent.map((t) => t.id),
        changed.filter((t) => !visible(t)).map((t) => t.id),
      );
      return {
        clock,
        lastMutationId,
        reset,
        tasks: sent.map(present),
        removedTaskIds,
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
    const present = await presentAgencies(this.#db);
    return (await TaskStore.listByMeeting(this.#db, meetingId)).filter(visible).map(present);
  }

  /**
   * Who the user is to the task rules: their role in each meeting they take part in (the staff of
   * a meeting manage its tasks), and every unit they act for, their agency and the units merged
   * into it, so Sở Tài chính reports on the tasks Sở Kế hoạch và Đầu tư was given.
   */
  async actorOf(user: User, db: Executor = this.#db): Promise<TaskActor> {
    const links = await successorLinks(db);
    const meetingRoles = await new MeetingRepository(db).rolesOfUser(user.id);
    return {
      ...taskActorOf(user, meetingRoles),
      unitIds: [...predecessorsIn(links, user.agency.id)],
    };
  }

  /** Whether the user may see the task (and so read its reports and download their files). */
  async canSee(user: User, task: Task): Promise<boolean> {
    return (await this.#visibility(this.#db, user))(task);
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
   * Who sees a task: the staff of its meeting (the Office's staff see every task), whoever takes
   * part in its meeting, and its lead and cooperating agencies (with the units merged into them).
   */
  async #visibility(trx: Executor, user: User): Promise<(task: Task) => boolean> {
    const actor = await this.actorOf(user, trx);
    const units = new Set(actor.unitIds);
    return (task) =>
      isTaskStaff(actor, task.meetingId) ||
      meetingRoleOf(actor, task.meetingId) !== null ||
      (task.lead.id !== null && units.has(task.lead.id)) ||
      task.cooperating.some((c) => c.id !== null && units.has(c.id));
  }
}

/**
 * Tasks as clients see them: an agency merged into another is named as the notice wrote it, with
 * the id of the unit that answers for it today, so "của đơn vị tôi", reminders and the lead's
 * rights work on the client unchanged. The stored task keeps the id it was given.
 */
async function presentAgencies(db: Executor): Promise<(task: Task) => Task> {
  const links = await successorLinks(db);
  if (links.size === 0) return (task) => task;
  const current = <A extends { id: string | null }>(agency: A): A =>
    agency.id === null || !links.has(agency.id)
      ? agency
      : { ...agency, id: currentUnitIn(links, agency.id) };
  return (task) => ({
    ...task,
    lead: current(task.lead),
    cooperating: task.cooperating.map(current),
  });
}

/** A new task must belong to an existing meeting (the rules module knows no database). */
async function checkMeeting(
  trx: Executor,
  mutation: TaskMutation,
  known: Map<string, boolean>,
): Promise<Rejection | null> {
  if (mutation.name !== 'task.create') return null;
  const id = mutation.args.task.meetingId;
  if (!known.has(id)) {
    const row = await trx
      .selectFrom('meetings')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    known.set(id, row !== undefined);
  }
  return known.get(id) ? null : { code: 'invalid', message: 'No such meeting' };
}
