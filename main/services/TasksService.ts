/**
 * Follow-up tasks for the renderer: reads from the local replica (so every view works offline),
 * records changes as mutations, and runs one sync engine for whoever is signed in.
 */
import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { AppError } from '../../common/errors';
import {
  ATTACHMENT_TYPES,
  attachmentProblem,
  attachmentTypeOf,
  MAX_ATTACHMENTS_PER_REPORT,
  type Attachment,
  type AttachmentProblem,
  type Task,
} from '../../common/domain/task';
import { buildPath } from '../../common/protocol/api';
import { taskAttachmentPaths } from '../../common/protocol/tasksApi';
import { attachmentKindOfMime, sniffAttachmentKind } from '../../common/tasks/attachments';
import type { User } from '../../common/domain/user';
import {
  mutationAttachments,
  taskActorOf,
  type MeetingRoles,
  type TaskMutation,
} from '../../common/tasks/mutations';
import type { SyncState } from '../../common/tasks/syncState';
import type {
  ReplicaScope,
  StoredRejection,
  TaskReplicaRepository,
} from '../store/repos/TaskReplicaRepository';
import { SyncEngine } from '../sync/SyncEngine';
import { httpSyncTransport, type SyncTransport } from '../sync/SyncTransport';
import type { SessionService } from './SessionService';

export interface TasksServiceEvents {
  tasksChanged: [taskIds: string[]];
  syncChanged: [state: SyncState];
}

/** Files picked for a report never sent, and downloaded copies, are dropped after a week. */
const BLOB_KEEP_MS = 7 * 86_400_000;

/** A file a user picked cannot be attached: `details` names the rule, for the UI to word. */
export function attachmentError(problem: AttachmentProblem): AppError {
  const message = {
    attachment_type: 'Only PDF, Word (.docx), Excel (.xlsx), PNG and JPEG files may be attached',
    attachment_too_large: 'The file is larger than the attachment limit',
    attachment_empty: 'The file is empty',
    attachment_name: 'The file name contains a path or control characters',
    too_many_attachments: 'Too many files on one report',
  }[problem.reason];
  return new AppError(
    problem.reason === 'attachment_too_large' ? 'too_large' : 'invalid',
    message,
    problem,
  );
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const SIGNED_OUT: SyncState = {
  status: 'error',
  pending: 0,
  lastSyncedAt: null,
  error: { code: 'unauthorized', message: 'Not signed in' },
  nextRetryAt: null,
};

export class TasksService extends EventEmitter<TasksServiceEvents> {
  readonly #session: SessionService;
  readonly #replica: TaskReplicaRepository;
  readonly #transport: (session: SessionService) => SyncTransport;
  readonly #engineOptions: { intervalMs?: number; backoffMs?: number };
  readonly #meetingRoles: (scope: ReplicaScope) => MeetingRoles;
  #engine: SyncEngine | undefined;
  #scope: (ReplicaScope & { user: User }) | undefined;

  constructor(
    session: SessionService,
    replica: TaskReplicaRepository,
    options: {
      transport?: (session: SessionService) => SyncTransport;
      intervalMs?: number;
      backoffMs?: number;
      /**
       * The signed-in user's role in each meeting, known on this computer (the cached meeting
       * list): who may manage a meeting's tasks is decided from it, offline too. Default: none,
       * so only the Office's staff and the lead agencies' members change tasks.
       */
      meetingRoles?: (scope: ReplicaScope) => MeetingRoles;
    } = {},
  ) {
    super();
    this.#session = session;
    this.#replica = replica;
    this.#transport =
      options.transport ?? ((s) => httpSyncTransport(async () => (await s.authorizedClient()).api));
    this.#engineOptions = { intervalMs: options.intervalMs, backoffMs: options.backoffMs };
    this.#meetingRoles = options.meetingRoles ?? (() => ({}));
    session.on('changed', () => this.#follow());
    this.#follow();
  }

  list(): { tasks: Task[]; pendingTaskIds: string[]; sync: SyncState } {
    const scope = this.#requireScope();
    return {
      tasks: this.#replica.listTasks(scope),
      pendingTaskIds: [...this.#replica.pendingTaskIds(scope)],
      sync: this.syncState(),
    };
  }

  /** Records a change locally (durably) and starts pushing it; returns the task as it now reads. */
  mutate(mutation: TaskMutation, now = new Date()): { mutationId: number; task: Task | null } {
    const scope = this.#requireScope();
    const files = mutationAttachments(mutation);
    if (files.length > MAX_ATTACHMENTS_PER_REPORT)
      throw attachmentError({ reason: 'too_many_attachments', max: MAX_ATTACHMENTS_PER_REPORT });
    const actor = taskActorOf(scope.user, this.#meetingRoles(scope));
    const mutationId = this.#replica.record(scope, actor, mutation, now);
    const taskId = mutation.name === 'task.create' ? mutation.args.task.id : mutation.args.taskId;
    this.emit('tasksChanged', [taskId]);
    this.#engine?.recorded();
    return { mutationId, task: this.#replica.getTask(scope, taskId) ?? null };
  }

  /**
   * Keeps a file the user picked for a progress report, on this computer, and describes it for
   * the report's `attachments`. Refused at once, offline too, when the rules would refuse it: the
   * type by its name and by its first bytes (a renamed program is not a PDF), the size, the name.
   */
  stageAttachment(name: string, bytes: Uint8Array, now = new Date()): Attachment {
    this.#requireScope();
    const fileName = name.normalize('NFC').trim();
    const problem = attachmentProblem({ name: fileName, size: bytes.byteLength });
    if (problem) throw attachmentError(problem);
    const mime = ATTACHMENT_TYPES[attachmentTypeOf(fileName)!].mime;
    if (sniffAttachmentKind(bytes.subarray(0, 1024)) !== attachmentKindOfMime[mime])
      throw attachmentError({ reason: 'attachment_type', fileName });
    const sha256 = sha256Hex(bytes);
    this.#replica.blobs.put(sha256, bytes, now);
    return { id: `file-${randomUUID()}`, name: fileName, mime, size: bytes.byteLength, sha256 };
  }

  /**
   * The bytes of a report's file: from this computer when it is here (picked here, or read
   * before), else downloaded, checked against its SHA-256 and kept for reading offline.
   */
  async readAttachment(
    taskId: string,
    reportId: string,
    attachmentId: string,
    now = new Date(),
  ): Promise<{
    attachment: Attachment;
    bytes: Uint8Array<ArrayBuffer>;
    source: 'cache' | 'server';
  }> {
    const scope = this.#requireScope();
    const attachment = this.#replica
      .getTask(scope, taskId)
      ?.reports.find((r) => r.id === reportId)
      ?.attachments.find((a) => a.id === attachmentId);
    if (!attachment) throw new AppError('not_found', 'No such attachment');
    const local = this.#replica.blobs.get(attachment.sha256);
    if (local && local.byteLength === attachment.size)
      return { attachment, bytes: local, source: 'cache' };
    const { api } = await this.#session.authorizedClient();
    const response = await api.fetchBytes(
      buildPath(taskAttachmentPaths.download, { taskId, reportId, attachmentId }),
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength !== attachment.size || sha256Hex(bytes) !== attachment.sha256)
      throw new AppError('internal', 'The downloaded file does not match its SHA-256');
    this.#replica.blobs.put(attachment.sha256, bytes, now);
    return { attachment, bytes, source: 'server' };
  }

  rejections(): StoredRejection[] {
    return this.#replica.rejections(this.#requireScope());
  }

  syncState(): SyncState {
    return this.#engine?.state ?? SIGNED_OUT;
  }

  /** Syncs now and resolves when the round is over (the state says how it went). */
  async syncNow(): Promise<SyncState> {
    if (!this.#engine) return SIGNED_OUT;
    this.#engine.requestSync();
    await this.#engine.idle();
    return this.#engine.state;
  }

  close(): void {
    this.#engine?.stop();
    this.#engine = undefined;
  }

  #requireScope(): ReplicaScope & { user: User } {
    if (!this.#scope) throw new AppError('unauthorized', 'Not signed in');
    return this.#scope;
  }

  /** One engine per signed-in user and server; another user signing in gets a replica of their own. */
  #follow(): void {
    const state = this.#session.state();
    const scope =
      state.status === 'signed_in'
        ? { serverUrl: state.serverUrl, userId: state.user.id, user: state.user }
        : undefined;
    if (
      scope &&
      this.#scope?.serverUrl === scope.serverUrl &&
      this.#scope.userId === scope.userId
    ) {
      this.#scope = scope;
      return;
    }
    this.#engine?.stop();
    this.#engine = undefined;
    this.#scope = scope;
    if (!scope) {
      this.emit('syncChanged', SIGNED_OUT);
      return;
    }
    this.#replica.blobs.prune(new Date(Date.now() - BLOB_KEEP_MS));
    const engine = new SyncEngine({
      replica: this.#replica,
      scope,
      transport: this.#transport(this.#session),
      ...this.#engineOptions,
      onUnauthorized: () => void this.#session.sessionRejected(),
    });
    engine.on('state', (s) => this.emit('syncChanged', s));
    engine.on('tasksChanged', (ids) => this.emit('tasksChanged', ids));
    this.#engine = engine;
    engine.start();
  }
}
