/**
 * Search across a meeting's documents (issue #4), asked of the server: the text of every page is
 * there, not on this computer (the cache keeps PDFs, not their text). When the server cannot be
 * reached the answer is a plain `unavailable` error, which the search box shows as such; the
 * viewer's own find keeps working in a document read from the cache.
 */
import { AppError } from '../../common/errors';
import type { DocumentSearchResponse } from '../../common/domain/documentSearch';
import type { SessionService } from './SessionService';

export class DocumentSearchService {
  readonly #session: SessionService;

  constructor(session: SessionService) {
    this.#session = session;
  }

  async search(meetingId: string, query: string): Promise<DocumentSearchResponse> {
    const { api } = await this.#session.authorizedClient();
    try {
      return await api.call('searchMeetingDocuments', { id: meetingId }, {}, { q: query });
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthorized')
        await this.#session.sessionRejected();
      if (error instanceof AppError && error.code === 'unavailable')
        throw new AppError(
          'unavailable',
          'The server cannot be reached, so the documents cannot be searched now; an open document can still be searched in the viewer',
          { offline: true },
        );
      throw error;
    }
  }
}
