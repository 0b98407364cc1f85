/**
 * Agenda changes heard in the room (issue #4): the chair or the secretary moved the discussion to
 * another item, or uploaded a document or a version. A plain class writing into an external store;
 * an agenda shown in the room reloads when `revision` moves. The agenda itself is not carried
 * here: it is read again through `documents.agenda`, with its cache and access rules.
 */
import { agendaChangedSchema, type AgendaChanged } from '../../common/protocol/agendaChannel';

export interface AgendaChannelState {
  /** Bumped by every change heard, and by every (re)join (changes may have been missed). */
  revision: number;
  /** The last change heard; null before any. */
  last: AgendaChanged | null;
}

export class AgendaChannel {
  readonly #listeners = new Set<() => void>();
  #snapshot: AgendaChannelState = { revision: 0, last: null };

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): AgendaChannelState => this.#snapshot;

  /** An `agendaChanged` notification. */
  apply(data: unknown): void {
    const parsed = agendaChangedSchema.safeParse(data);
    if (parsed.success) this.#bump(parsed.data);
  }

  /** After a (re)join: whatever changed while the socket was down is read again. */
  rejoined(): void {
    this.#bump(this.#snapshot.last);
  }

  #bump(last: AgendaChanged | null): void {
    this.#snapshot = { revision: this.#snapshot.revision + 1, last };
    for (const listener of this.#listeners) listener();
  }
}
