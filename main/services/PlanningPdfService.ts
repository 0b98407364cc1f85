/**
 * `planning.pdf`: the PDFs the server renders for meeting planning (meetingsApi.ts
 * `meetingPlanPaths`), fetched with the session's token and handed to the renderer as bytes for
 * the app's viewer: the giấy mời of a meeting and the week's calendar. Not cached: both change
 * with the plan (a postponement, a new meeting in the week).
 */
import { AppError } from '../../common/errors';
import type { IpcRequest, IpcResponse } from '../../common/ipc/contract';
import { buildPath } from '../../common/protocol/api';
import { meetingPlanPaths } from '../../common/protocol/meetingsApi';
import type { SessionService } from './SessionService';

/** A giấy mời is a page or two and a week's calendar a few: far below this. */
export const PLANNING_PDF_MAX_BYTES = 20 * 1024 * 1024;

export class PlanningPdfService {
  readonly #session: SessionService;

  constructor(session: SessionService) {
    this.#session = session;
  }

  async pdf(request: IpcRequest<'planning.pdf'>): Promise<IpcResponse<'planning.pdf'>> {
    let path: string;
    let fileName: string;
    switch (request.kind) {
      case 'invitation':
        path = buildPath(meetingPlanPaths.invitationPdf, { id: request.meetingId });
        fileName = 'giay-moi.pdf';
        break;
      case 'calendar': {
        const query = new URLSearchParams({ week: request.week });
        if (request.unitId) query.set('unitId', request.unitId);
        path = `${meetingPlanPaths.calendarPdf}?${query.toString()}`;
        fileName = `lich-hop-tuan-${request.week}.pdf`;
        break;
      }
    }
    const { api } = await this.#session.authorizedClient();
    let response: Response;
    try {
      response = await api.fetchBytes(path, { headers: { accept: 'application/pdf' } });
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthorized')
        await this.#session.sessionRejected();
      throw error;
    }
    const bytes = await readCapped(response, PLANNING_PDF_MAX_BYTES);
    if (!isPdf(bytes)) throw new AppError('internal', 'The server did not answer with a PDF');
    return { fileName, mimeType: 'application/pdf', bytes };
  }
}

/** The body, refused as soon as it passes `maxBytes` (a server answering without end). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new AppError('too_large', 'The PDF is larger than expected', { maxBytes });
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AppError('too_large', 'The PDF is larger than expected', { maxBytes });
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function isPdf(bytes: Uint8Array): boolean {
  return bytes.byteLength > 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';
}
