/**
 * The live conclusions on the client: a Yjs document the editor binds to, kept in step with the
 * server over the room's signaling socket. A plain class writing into an external store.
 *
 * Each local edit is sent as it happens. When the socket is down (or a send fails) the edit stays
 * in the document and `pendingEdits` is set; the sync round after the next (re)join sends the
 * server whatever it lacks, so offline edits merge instead of being lost.
 */
import * as Y from 'yjs';
import {
  conclusionsStatusSchema,
  type ConclusionsStatus,
  type IssueConclusionsInput,
} from '../../common/domain/conclusions';
import { fromBase64, toBase64 } from '../../common/encoding/base64';
import type { SignalingRequest } from './MeetingChannel';

export interface ConclusionsChannelState {
  /** Null until the first sync round answered. */
  status: ConclusionsStatus | null;
  /** Local edits the server has not confirmed yet (typed while the link was down). */
  pendingEdits: boolean;
  error: unknown;
}

/** Marks updates that came from the server, so they are not sent back. */
const FROM_SERVER = Symbol('conclusions from server');

export class ConclusionsChannel {
  readonly doc = new Y.Doc();
  readonly #request: SignalingRequest;
  readonly #listeners = new Set<() => void>();
  #snapshot: ConclusionsChannelState = { status: null, pendingEdits: false, error: null };
  /** Whether a sync round has run on the current socket (edits before that wait for it). */
  #connected = false;

  constructor(request: SignalingRequest) {
    this.#request = request;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_SERVER) void this.#send(update);
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): ConclusionsChannelState => this.#snapshot;

  /** After every (re)join: takes what the server has and gives it what it lacks. */
  async resync(): Promise<void> {
    this.#connected = false;
    try {
      const answer = await this.#request('syncConclusions', {
        stateVector: toBase64(Y.encodeStateVector(this.doc)),
      });
      Y.applyUpdate(this.doc, fromBase64(answer.update), FROM_SERVER);
      const missing = Y.encodeStateAsUpdate(this.doc, fromBase64(answer.stateVector));
      this.#connected = true;
      this.#set({ status: conclusionsStatusSchema.parse(answer.status), error: null });
      if (this.#snapshot.pendingEdits && !isEmptyUpdate(missing)) await this.#send(missing);
      else this.#set({ pendingEdits: false });
    } catch (error) {
      this.#set({ error });
    }
  }

  /** The socket closed: edits from now on wait for the next sync round. */
  disconnected(): void {
    this.#connected = false;
  }

  /** A `conclusionsUpdated` notification: someone else's edit. */
  applyRemote(data: { update: string }): void {
    Y.applyUpdate(this.doc, fromBase64(data.update), FROM_SERVER);
  }

  /** A `conclusionsStatusChanged` notification (issued, reopened as a new version). */
  applyStatus(data: { status: ConclusionsStatus }): void {
    this.#statusChanged(data.status);
  }

  /** Issues the notice and locks the conclusions; throws what the server refused (the form shows it). */
  async issue(input: IssueConclusionsInput): Promise<ConclusionsStatus> {
    const { status } = await this.#request('issueConclusions', input);
    this.#set({ status });
    return status;
  }

  /** Opens the next version as a draft. */
  async revise(): Promise<ConclusionsStatus> {
    const { status } = await this.#request('reviseConclusions', {});
    this.#statusChanged(status);
    return status;
  }

  destroy(): void {
    this.doc.destroy();
    this.#listeners.clear();
  }

  /**
   * Edits refused while the conclusions were locked (typed in the moment before the lock reached
   * this editor) stay in the document; a new draft version takes them, rather than leaving this
   * copy silently different from everyone else's.
   */
  #statusChanged(status: ConclusionsStatus): void {
    const reopened = this.#snapshot.status?.state === 'issued' && status.state === 'draft';
    this.#set({ status, ...(reopened ? { error: null } : {}) });
    if (reopened && this.#snapshot.pendingEdits && this.#connected) void this.resync();
  }

  async #send(update: Uint8Array): Promise<void> {
    if (!this.#connected) return this.#set({ pendingEdits: true });
    try {
      await this.#request('editConclusions', { update: toBase64(update) });
      if (this.#snapshot.pendingEdits || this.#snapshot.error)
        this.#set({ pendingEdits: false, error: null });
    } catch (error) {
      // Refused (locked, not an editor) or lost with the socket: the next sync round retries.
      this.#set({ pendingEdits: true, error });
    }
  }

  #set(patch: Partial<ConclusionsChannelState>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of this.#listeners) listener();
  }
}

function isEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}
