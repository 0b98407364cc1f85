/**
 * Presenter sync on the server (issue #4): per meeting, which document version is being
 * presented, its page and zoom, and whom the chair named to present. Page turns are the hot path
 * (a presenter flips quickly): they touch memory only and are relayed at once; starting,
 * stopping and appointing are also written to the audit log. The state lives as long as the
 * server runs: after a restart the presenter presents again.
 */
import { can } from '../../../common/domain/policy';
import { EventEmitter } from 'node:events';
import {
  mayPresent,
  type PresentationScale,
  type PresentationState,
} from '../../../common/domain/presentation';
import {
  ForbiddenError,
  InvalidError,
  InvalidStateError,
  NotFoundError,
} from '../../../common/errors';
import type { AppDatabase } from '../db/database';
import { AuditLog } from '../db/repos/AuditLog';
import { MeetingRepository } from '../db/repos/MeetingRepository';
import { DocumentRepository } from '../documents/DocumentRepository';
import type { SessionActor } from './MeetingSessionService';

export interface PresentationEvents {
  changed: [meetingId: string, state: PresentationState];
}

const NOTHING: PresentationState = { presentation: null, appointedUserId: null, seq: 0 };

export class PresentationService extends EventEmitter<PresentationEvents> {
  readonly #documents: DocumentRepository;
  readonly #audit: AuditLog;
  readonly #meetings: MeetingRepository;
  readonly #states = new Map<string, PresentationState>();
  /** Pages of the presented version, so a page turn is clamped without the database. */
  readonly #pageCounts = new Map<string, number>();

  constructor(db: AppDatabase) {
    super();
    this.#meetings = new MeetingRepository(db);
    this.#documents = new DocumentRepository(db);
    this.#audit = new AuditLog(db);
  }

  state(meetingId: string): PresentationState {
    return this.#states.get(meetingId) ?? NOTHING;
  }

  async present(
    meetingId: string,
    actor: SessionActor,
    input: { documentId: string; version?: number; page: number; scale: PresentationScale },
  ): Promise<PresentationState> {
    if (!mayPresent(actor.meetingRole, actor.user.id, this.state(meetingId)))
      throw new ForbiddenError('Only the chair, the secretary or the named presenter presents');
    const document = await this.#documents.document(meetingId, input.documentId);
    if (!document) throw new NotFoundError('No such document in this meeting');
    const version = document.versions.find(
      (v) => v.version === (input.version ?? document.currentVersion),
    );
    if (!version) throw new NotFoundError('No such version of the document');
    this.#pageCounts.set(meetingId, version.pageCount);
    const state = this.#set(meetingId, {
      presentation: {
        documentId: document.id,
        version: version.version,
        title: document.title,
        page: clampPage(input.page, version.pageCount),
        scale: input.scale,
        presenter: {
          userId: actor.user.id,
          fullName: actor.user.fullName,
          siteName: actor.user.site.name,
        },
        seq: 0,
      },
    });
    await this.#record(actor, 'presentation.start', meetingId, {
      documentId: document.id,
      version: version.version,
    });
    return state;
  }

  /** The presenter's page turn: memory and relay only, no database on this path. */
  turnPage(
    meetingId: string,
    actor: SessionActor,
    input: { page: number; scale?: PresentationScale },
  ): PresentationState {
    const current = this.state(meetingId).presentation;
    if (!current) throw new InvalidStateError('Nothing is being presented');
    if (current.presenter.userId !== actor.user.id)
      throw new ForbiddenError('Only the presenter turns the pages');
    return this.#set(meetingId, {
      presentation: {
        ...current,
        page: clampPage(input.page, this.#pageCounts.get(meetingId) ?? 0),
        scale: input.scale ?? current.scale,
      },
    });
  }

  async stop(meetingId: string, actor: SessionActor): Promise<PresentationState> {
    const current = this.state(meetingId).presentation;
    if (!current) return this.state(meetingId);
    if (current.presenter.userId !== actor.user.id && !can(actor.meetingRole, 'presentation.lead'))
      throw new ForbiddenError('Only the presenter, the chair or the secretary stops it');
    const state = this.#set(meetingId, { presentation: null });
    await this.#record(actor, 'presentation.stop', meetingId, { documentId: current.documentId });
    return state;
  }

  async appoint(
    meetingId: string,
    actor: SessionActor,
    userId: string | null,
  ): Promise<PresentationState> {
    if (!can(actor.meetingRole, 'presentation.lead'))
      throw new ForbiddenError('Only the chair or the secretary names the presenter');
    if (userId !== null && !(await this.#meetings.isParticipant(meetingId, userId)))
      throw new InvalidError('That person is not a participant of this meeting');
    const previous = this.state(meetingId);
    // Naming someone else ends the presentation of a presenter who is no longer allowed to.
    const presenter = previous.presentation?.presenter.userId;
    const keeps =
      !presenter || presenter === userId || previous.presentation === null
        ? previous.presentation
        : can(await this.#meetings.meetingRole(meetingId, presenter), 'presentation.present')
          ? previous.presentation
          : null;
    const state = this.#set(meetingId, { appointedUserId: userId, presentation: keeps });
    await this.#record(actor, 'presentation.appoint', meetingId, { userId });
    return state;
  }

  /** Forgets a meeting whose room closed for good (nothing is presented in an empty room). */
  forget(meetingId: string): void {
    this.#states.delete(meetingId);
    this.#pageCounts.delete(meetingId);
  }

  #set(meetingId: string, patch: Partial<Omit<PresentationState, 'seq'>>): PresentationState {
    const previous = this.state(meetingId);
    const seq = previous.seq + 1;
    const next: PresentationState = {
      ...previous,
      ...patch,
      seq,
    };
    if (next.presentation) next.presentation = { ...next.presentation, seq };
    this.#states.set(meetingId, next);
    this.emit('changed', meetingId, next);
    return next;
  }

  async #record(
    actor: SessionActor,
    action: string,
    meetingId: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.#audit.record({ userId: actor.user.id, action, subject: meetingId, details });
  }
}

function clampPage(page: number, pageCount: number): number {
  return Math.max(1, pageCount > 0 ? Math.min(page, pageCount) : page);
}
