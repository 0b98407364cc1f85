import { describe, expect, it } from 'vitest';
import type { DocumentProgress, LocalAgenda } from '../../../common/domain/document';
import {
  applyProgress,
  cacheStatusOf,
  cacheSummary,
  EMPTY_PROGRESS,
  formatBytes,
  percentOf,
} from '../../../renderer/features/documents/agendaState';

const version = (n: number) => ({
  version: n,
  sha256: String(n).repeat(64).slice(0, 64),
  sizeBytes: 1000,
  pageCount: 3,
  uploadedBy: null,
  createdAt: '2026-03-10T00:00:00.000Z',
});

const agenda: LocalAgenda = {
  meetingId: 'm',
  currentItemId: 'i1',
  canManage: false,
  items: [
    {
      id: 'i1',
      position: 1,
      title: 'Báo cáo',
      presenter: null,
      current: true,
      documents: [
        {
          id: 'd1',
          agendaItemId: 'i1',
          title: 'Báo cáo tiến độ',
          confidential: false,
          currentVersion: 2,
          versions: [version(2), version(1)],
          cache: { state: 'missing', receivedBytes: 0, totalBytes: 1000 },
        },
        {
          id: 'd2',
          agendaItemId: 'i1',
          title: 'Tờ trình',
          confidential: false,
          currentVersion: 1,
          versions: [version(1)],
          cache: { state: 'cached', receivedBytes: 1000, totalBytes: 1000 },
        },
      ],
    },
  ],
};

const event = (documentId: string, v: number, state: DocumentProgress['state'], received = 0) => ({
  meetingId: 'm',
  documentId,
  version: v,
  state,
  receivedBytes: received,
  totalBytes: 1000,
});

describe('agenda cache state', () => {
  it('cacheStatusOf() prefers the latest event for the current version over the query', () => {
    const d1 = agenda.items[0]!.documents[0]!;
    expect(cacheStatusOf(d1, EMPTY_PROGRESS).state).toBe('missing');
    // An event for an older version does not describe what the reader opens.
    let progress = applyProgress(EMPTY_PROGRESS, event('d1', 1, 'cached', 1000));
    expect(cacheStatusOf(d1, progress).state).toBe('missing');
    progress = applyProgress(progress, event('d1', 2, 'downloading', 420));
    expect(cacheStatusOf(d1, progress)).toEqual({
      state: 'downloading',
      receivedBytes: 420,
      totalBytes: 1000,
    });
    expect(percentOf(cacheStatusOf(d1, progress))).toBe(42);
    expect(cacheSummary(agenda, progress)).toEqual({ total: 2, cached: 1 });
    progress = applyProgress(progress, event('d1', 2, 'cached', 1000));
    expect(cacheSummary(agenda, progress)).toEqual({ total: 2, cached: 2 });
  });

  it('formatBytes() writes sizes the Vietnamese way by default', () => {
    expect(formatBytes(512, 'vi')).toBe('512 B');
    expect(formatBytes(64_000, 'vi')).toBe('63 KB');
    expect(formatBytes(1_468_006, 'vi')).toBe('1,4 MB');
    expect(formatBytes(1_468_006, 'en')).toBe('1.4 MB');
  });
});
