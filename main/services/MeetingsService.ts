import { AppError } from '../../common/errors';
import {
  meetingDetailSchema,
  meetingPhase,
  meetingSummarySchema,
  type MeetingDetail,
  type MeetingSummary,
} from '../../common/domain/meeting';
import type { IpcResponse } from '../../common/ipc/contract';
import type { ApiClient } from '../../common/protocol/ApiClient';
import { meetingRolesOf, type MeetingRoles } from '../../common/tasks/mutations';
import type { MeetingCacheRepository } from '../store/repos/MeetingCacheRepository';
import type { SessionService } from './SessionService';

/** A cached meeting's phase is recomputed: one cached as upcoming may have started since. */
function withCurrentPhase<T extends MeetingSummary>(meeting: T): T {
  return { ...meeting, phase: meetingPhase(meeting.startsAt, meeting.endsAt, new Date()) };
}

/**
 * Meetings from the server, cached locally; when the server cannot be reached the cached copy
 * is returned and marked as such, so delegates on a dropped district link can still read.
 */
export class MeetingsService {
  readonly #session: SessionService;
  readonly #cache: MeetingCacheRepository;

  constructor(session: SessionService, cache: MeetingCacheRepository) {
    this.#session = session;
    this.#cache = cache;
  }

  async list(): Promise<IpcResponse<'meetings.list'>> {
    const result = await this.#fetchOrCache(
      'list',
      async (api) => (await api.call('listMeetings')).meetings,
      (v) => meetingSummarySchema.array().parse(v).map(withCurrentPhase),
    );
    return {
      meetings: result.value as MeetingSummary[],
      source: result.source,
      fetchedAt: result.fetchedAt,
    };
  }

  async get(id: string): Promise<IpcResponse<'meetings.get'>> {
    const result = await this.#fetchOrCache(
      `meeting:${id}`,
      (api) => api.call('getMeeting', { id }),
      (v) => withCurrentPhase(meetingDetailSchema.parse(v)),
    );
    return {
      meeting: result.value as MeetingDetail,
      source: result.source,
      fetchedAt: result.fetchedAt,
    };
  }

  /**
   * The user's role in a meeting (null: not invited), from the meeting as last fetched, else
   * fetched now: annotating works offline once the meeting was opened on this computer.
   */
  async meetingRole(
    meetingId: string,
  ): Promise<MeetingDetail['participants'][number]['meetingRole'] | null> {
    const { user } = await this.#session.authorizedClient();
    const cached = this.#cache.get(this.#session.serverUrl, user.id, `meeting:${meetingId}`);
    const parsed = cached ? meetingDetailSchema.safeParse(cached.value) : undefined;
    const meeting = parsed?.success ? parsed.data : (await this.get(meetingId)).meeting;
    return meeting.participants.find((p) => p.userId === user.id)?.meetingRole ?? null;
  }

  /**
   * The user's role in each meeting of their list as last fetched from `serverUrl`: read at once
   * from this computer (offline too), for deciding what the user may do with a meeting's tasks.
   * Empty until the list was first fetched; a list cached before roles were sent names none.
   */
  cachedMeetingRoles(serverUrl: string, userId: string): MeetingRoles {
    const cached = this.#cache.get(serverUrl, userId, 'list');
    const parsed = cached ? meetingSummarySchema.array().safeParse(cached.value) : undefined;
    return parsed?.success ? meetingRolesOf(parsed.data) : {};
  }

  async #fetchOrCache<T>(
    key: string,
    fetchFresh: (api: ApiClient) => Promise<T>,
    parseCached: (value: unknown) => T,
  ): Promise<{ value: T; source: 'server' | 'cache'; fetchedAt: string }> {
    const { api, user } = await this.#session.authorizedClient();
    const serverUrl = this.#session.serverUrl;
    try {
      const value = await fetchFresh(api);
      const fetchedAt = new Date().toISOString();
      this.#cache.put(serverUrl, user.id, key, value, fetchedAt);
      return { value, source: 'server', fetchedAt };
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthorized')
        await this.#session.sessionRejected();
      if (!(error instanceof AppError) || error.code !== 'unavailable') throw error;
      const cached = this.#cache.get(serverUrl, user.id, key);
      if (!cached) throw error;
      return { value: parseCached(cached.value), source: 'cache', fetchedAt: cached.fetchedAt };
    }
  }
}
