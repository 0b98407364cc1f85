import type { IpcResponse } from '../../common/ipc/contract';
import type { SessionService } from './SessionService';

/** Hands the renderer a single-use ticket for the signaling socket; the session token never leaves main. */
export class RoomService {
  readonly #session: SessionService;

  constructor(session: SessionService) {
    this.#session = session;
  }

  async joinTicket(meetingId: string): Promise<IpcResponse<'room.joinTicket'>> {
    const { api } = await this.#session.authorizedClient();
    return api.call('joinTicket', { id: meetingId });
  }
}
