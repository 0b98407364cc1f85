/**
 * The server side of annotation sync (issue #4): applies pushed annotation mutations exactly once,
 * in order, under the shared rules of common/annotations/mutations.ts, and answers pulls with what
 * the user may see that changed since a clock. One push is one transaction, as for tasks
 * (SyncService): a crash midway leaves none of it, and the client pushes it again.
 *
 * Who may do what is decided here from the meeting's participant list, whatever the client did:
 * only invited participants annotate, only the author changes an annotation, only the meeting's
 * secretary or chair shares; shared annotations are seen by every participant, private ones by
 * their author only.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Logger } from 'pino';
import { InvalidStateError } from '../../../common/errors';
import type { User } from '../../../common/domain/user';
import {
  annotationMutationId,
  applyAnnotationMutation,
  checkAnnotationMutation,
  type AnnotationActor,
  type AnnotationMutation,
  type AnnotationRejection,
  type MeetingRole,
} from '../../../common/annotations/mutations';
import {
  ANNOTATION_SYNC_PROTOCOL_VERSION,
  MAX_ANNOTATION_PULL_PAGE,
  MIN_ANNOTATION_SYNC_PROTOCOL_VERSION,
  type AnnotationMutationResult,
  type AnnotationPullRequest,
  type AnnotationPullResponse,
  type AnnotationPushRequest,
  type AnnotationPushResponse,
} from '../../../common/protocol/annotationsApi';
import type { AppDatabase } from '../db/database';
import { isPostgres } from '../db/dialect';
import type { AnnotationRejectionTable, Database } from '../db/schema';
import { AuditLog, type AuditEntry } from '../db/repos/AuditLog';
import { requireProtocol, SyncLedger } from '../sync/SyncLedger';
import { chunks } from '../sync/TaskStore';
import { AnnotationStore, toAnnotation } from './AnnotationStore';

type Executor = Kysely<Database>;

export class AnnotationService {
  readonly #db: AppDatabase;
  readonly #logger: Logger | undefined;
  readonly #postgres: boolean;

  constructor(db: AppDatabase, logger?: Logger) {
    this.#db = db;
    this.#logger = logger;
    this.#postgres = isPostgres(db);
  }

  async push(
    user: User,
    request: AnnotationPushRequest,
    now = new Date(),
  ): Promise<AnnotationPushResponse> {
    requireAnnotationProtocol(request.protocolVersion);
    const at = now.toISOString();
    return this.#db.transaction().execute(async (trx) => {
      let clock = await SyncLedger.readClock(trx, this.#postgres);
      let last = await SyncLedger.lastMutationId(trx, request.clientId, user);
      const stored = await AnnotationStore.getMany(
        trx,
        request.mutations.map((m) => annotationMutationId(m.mutation)),
      );
      const current = new Map(stored);
      const roles = new Map<string, MeetingRole | null>();
      const versions = new Map<string, number | null>();
      const results: AnnotationMutationResult[] = [];
      const audits: AuditEntry[] = [];
      const rejections: Insertable<AnnotationRejectionTable>[] = [];
      for (const pushed of request.mutations) {
        if (pushed.id <= last) {
          results.push(await earlierResult(trx, request.clientId, pushed.id));
          continue;
        }
        if (pushed.id !== last + 1) {
          throw new InvalidStateError(
            `Mutation ${pushed.id} arrived before ${last + 1}: the outbox must be pushed in order`,
          );
        }
        const { mutation } = pushed;
        const id = annotationMutationId(mutation);
        const before = current.get(id);
        const meetingId =
          mutation.name === 'annotation.create'
            ? mutation.args.annotation.meetingId
            : before?.meetingId;
        const actor: AnnotationActor = {
          id: user.id,
          name: user.fullName,
          meetingRole: meetingId ? await roleIn(trx, meetingId, user.id, roles) : null,
        };
        const rejection =
          checkAnnotationMutation(actor, before, mutation) ??
          (await checkDocument(trx, mutation, versions));
        clock += 1;
        if (rejection) {
          rejections.push({
            client_id: request.clientId,
            mutation_id: pushed.id,
            name: mutation.name,
            annotation_id: id,
            code: rejection.code,
            message: rejection.message,
            clock,
          });
          results.push({ id: pushed.id, status: 'rejected', rejection });
          this.#logger?.info(
            { userId: user.id, mutation: mutation.name, annotationId: id, code: rejection.code },
            'Annotation mutation rejected',
          );
        } else {
          const after = applyAnnotationMutation(before, mutation, { actor, now: at, clock });
          current.set(id, after);
          audits.push({
            userId: user.id,
            action: mutation.name,
            subject: id,
            // Which client's which mutation: an audit can prove each was applied once. Not the
            // shape: a stroke's points say nothing an auditor needs and weigh kilobytes.
            details: {
              clientId: request.clientId,
              mutationId: pushed.id,
              meetingId: after.meetingId,
              documentId: after.documentId,
              version: after.version,
              kind: after.shape.kind,
              shared: after.shared,
            },
          });
          results.push({ id: pushed.id, status: 'applied' });
        }
        last = pushed.id;
      }
      await AnnotationStore.saveChanges(trx, stored, current);
      await new AuditLog(trx).recordMany(audits, now);
      for (const rows of chunks(rejections, 100))
        await trx.insertInto('annotation_rejections').values(rows).execute();
      await SyncLedger.writeClock(trx, clock);
      await SyncLedger.saveClient(trx, request.clientId, user, last, at);
      return { lastMutationId: last, results, clock };
    });
  }

  async pull(user: User, request: AnnotationPullRequest): Promise<AnnotationPullResponse> {
    requireAnnotationProtocol(request.protocolVersion);
    // One snapshot: a push landing meanwhile is wholly in or wholly out.
    const transaction = this.#postgres
      ? this.#db.transaction().setIsolationLevel('repeatable read')
      : this.#db.transaction();
    return transaction.execute(async (trx) => {
      const lastMutationId = await SyncLedger.lastMutationId(trx, request.clientId, user);
      const serverClock = await SyncLedger.readClock(trx);
      const reset = request.since > serverClock;
      const since = reset ? 0 : request.since;
      const invited = trx
        .selectFrom('meeting_participants')
        .select('meeting_id')
        .where('user_id', '=', user.id);
      const rows = await trx
        .selectFrom('annotations')
        .selectAll()
        .where('clock', '>', since)
        .where((eb) =>
          eb.or([
            eb('author_id', '=', user.id),
            eb.and([eb('shared', '=', 1), eb('meeting_id', 'in', invited)]),
          ]),
        )
        .orderBy('clock')
        .limit(MAX_ANNOTATION_PULL_PAGE + 1)
        .execute();
      const more = rows.length > MAX_ANNOTATION_PULL_PAGE;
      const page = rows.slice(0, MAX_ANNOTATION_PULL_PAGE);
      // Each change stamps one annotation with a clock of its own, so a page ends exactly there.
      const clock = more ? Number(page.at(-1)!.clock) : serverClock;
      const removed = await trx
        .selectFrom('annotations')
        .select('id')
        .where('clock', '>', since)
        .where('clock', '<=', clock)
        .where('was_shared', '=', 1)
        .where('shared', '=', 0)
        .where('author_id', '<>', user.id)
        .where('meeting_id', 'in', invited)
        .execute();
      const rejections = await trx
        .selectFrom('annotation_rejections')
        .selectAll()
        .where('client_id', '=', request.clientId)
        .where('clock', '>', since)
        .where('clock', '<=', clock)
        .orderBy('mutation_id')
        .execute();
      return {
        clock,
        more,
        lastMutationId,
        reset,
        annotations: page.map(toAnnotation),
        removedIds: removed.map((r) => r.id),
        rejections: rejections.map((r) => ({
          mutationId: Number(r.mutation_id),
          name: r.name,
          annotationId: r.annotation_id,
          rejection: { code: r.code as AnnotationRejection['code'], message: r.message },
        })),
      };
    });
  }
}

function requireAnnotationProtocol(version: number): void {
  requireProtocol(
    'Annotation sync',
    version,
    MIN_ANNOTATION_SYNC_PROTOCOL_VERSION,
    ANNOTATION_SYNC_PROTOCOL_VERSION,
  );
}

async function earlierResult(
  trx: Executor,
  clientId: string,
  id: number,
): Promise<AnnotationMutationResult> {
  const rejected = await trx
    .selectFrom('annotation_rejections')
    .select(['code', 'message'])
    .where('client_id', '=', clientId)
    .where('mutation_id', '=', id)
    .executeTakeFirst();
  return rejected
    ? {
        id,
        status: 'rejected',
        rejection: {
          code: rejected.code as AnnotationRejection['code'],
          message: rejected.message,
        },
      }
    : { id, status: 'duplicate' };
}

async function roleIn(
  trx: Executor,
  meetingId: string,
  userId: string,
  known: Map<string, MeetingRole | null>,
): Promise<MeetingRole | null> {
  if (!known.has(meetingId)) {
    const row = await trx
      .selectFrom('meeting_participants')
      .select('meeting_role')
      .where('meeting_id', '=', meetingId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    known.set(meetingId, (row?.meeting_role as MeetingRole | undefined) ?? null);
  }
  return known.get(meetingId)!;
}

/**
 * A new annotation must be on a version of a document of its meeting, on one of its pages (the
 * rules module knows no database).
 */
async function checkDocument(
  trx: Executor,
  mutation: AnnotationMutation,
  known: Map<string, number | null>,
): Promise<AnnotationRejection | null> {
  if (mutation.name !== 'annotation.create') return null;
  const { meetingId, documentId, version, page } = mutation.args.annotation;
  const key = `${meetingId}\n${documentId}\n${version}`;
  if (!known.has(key)) {
    const row = await trx
      .selectFrom('document_versions as v')
      .innerJoin('documents', 'documents.id', 'v.document_id')
      .innerJoin('agenda_items', 'agenda_items.id', 'documents.agenda_item_id')
      .select('v.page_count')
      .where('agenda_items.meeting_id', '=', meetingId)
      .where('v.document_id', '=', documentId)
      .where('v.version', '=', version)
      .executeTakeFirst();
    known.set(key, row ? Number(row.page_count) : null);
  }
  const pages = known.get(key);
  if (pages === null || pages === undefined)
    return { code: 'document_not_found', message: 'No such document version in this meeting' };
  // 0: a migrated version whose pages were never counted.
  if (pages > 0 && page > pages)
    return { code: 'invalid', message: `The document has ${pages} pages` };
  return null;
}
