/**
 * The meeting channel on the client: attendance, the speaking queue and votes, over the room's
 * signaling socket. A plain class writing into an external store (React reads it with
 * useSyncExternalStore); the server pushes the whole state as seen by this user after every
 * change, so the store is replaced, never patched, and a reconnect simply fetches it again.
 *
 * State shape: `{ state: MeetingState | null; error: unknown }` — `state` is null until the first
 * snapshot arrives; `error` is what the last failed action threw (an AppError the UI words).
 */
import { meetingStateSchema, type MeetingState } from '../../common/domain/meetingSession';
import type {
  SignalingMethod,
  SignalingRequestData,
  SignalingResponseData,
} from '../../common/protocol/signaling';

export interface MeetingChannelState {
  state: MeetingState | null;
  error: unknown;
}

export type SignalingRequest = <M extends SignalingMethod>(
  method: M,
  data: SignalingRequestData<M>,
) => Promise<SignalingResponseData<M>>;

export class MeetingChannel {
  readonly #request: SignalingRequest;
  readonly #listeners = new Set<() => void>();
  #snapshot: MeetingChannelState = { state: null, error: null };

  constructor(request: SignalingRequest) {
    this.#request = request;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): MeetingChannelState => this.#snapshot;

  /** A `meetingStateChanged` notification (already validated by the signaling client). */
  apply(data: unknown): void {
    const parsed = meetingStateSchema.safeParse(data);
    if (parsed.success) this.#set({ state: parsed.data });
  }

  /** Fetches the state (after joining and after every reconnect). */
  async refresh(): Promise<void> {
    this.#set({ state: await this.#request('getMeetingState', {}) });
  }

  checkIn = (userId?: string) => this.#act('checkIn', userId ? { userId } : {});
  markAbsent = (userId: string, reason: string, proxyUserId?: string | null) =>
    this.#act('markAbsent', { userId, reason, proxyUserId });
  requestFloor = (topic: string | null) => this.#act('requestFloor', { topic });
  withdrawFloor = (requestId: string) => this.#act('withdrawFloor', { requestId });
  grantFloor = (requestId: string) => this.#act('grantFloor', { requestId });
  endFloor = (requestId: string) => this.#act('endFloor', { requestId });
  declineFloor = (requestId: string) => this.#act('declineFloor', { requestId });
  openVote = (question: string, secret: boolean, options?: string[]) =>
    this.#act('openVote', { question, secret, options });
  castVote = (voteId: string, option: number) => this.#act('castVote', { voteId, option });
  closeVote = (voteId: string) => this.#act('closeVote', { voteId });

  async #act<M extends SignalingMethod>(
    method: M,
    data: SignalingRequestData<M>,
  ): Promise<boolean> {
    try {
      await this.#request(method, data);
      this.#set({ error: null });
      return true;
    } catch (error) {
      this.#set({ error });
      return false;
    }
  }

  #set(patch: Partial<MeetingChannelState>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of this.#listeners) listener();
  }
}
