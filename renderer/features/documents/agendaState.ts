/**
 * The agenda screen's state, without React: the `documents.progress` events seen so far (the
 * last one per version) laid over the cache status the agenda query returned.
 */
import {
  currentVersionOf,
  type DocumentCacheStatus,
  type DocumentProgress,
  type LocalAgenda,
  type LocalAgendaDocument,
} from '../../../common/domain/document';

/** Last progress event per `documentId@version`. */
export type ProgressMap = ReadonlyMap<string, DocumentProgress>;

export const EMPTY_PROGRESS: ProgressMap = new Map();

export function progressKey(documentId: string, version: number): string {
  return `${documentId}@${version}`;
}

export function applyProgress(map: ProgressMap, event: DocumentProgress): ProgressMap {
  const next = new Map(map);
  next.set(progressKey(event.documentId, event.version), event);
  return next;
}

/** The status of the document's current version: the latest event, else the query's answer. */
export function cacheStatusOf(
  document: LocalAgendaDocument,
  progress: ProgressMap,
): DocumentCacheStatus {
  const event = progress.get(progressKey(document.id, currentVersionOf(document).version));
  if (!event) return document.cache;
  const { state, receivedBytes, totalBytes, error } = event;
  return error ? { state, receivedBytes, totalBytes, error } : { state, receivedBytes, totalBytes };
}

/** How many of the agenda's documents are readable offline. */
export function cacheSummary(
  agenda: LocalAgenda,
  progress: ProgressMap,
): { total: number; cached: number } {
  const documents = agenda.items.flatMap((item) => item.documents);
  return {
    total: documents.length,
    cached: documents.filter((d) => cacheStatusOf(d, progress).state === 'cached').length,
  };
}

/** 0–100, whole numbers. */
export function percentOf(status: DocumentCacheStatus): number {
  if (status.state === 'cached') return 100;
  if (status.totalBytes <= 0) return 0;
  return Math.min(100, Math.floor((status.receivedBytes / status.totalBytes) * 100));
}

/** "820 KB", "1,4 MB" (Vietnamese decimal comma) or "1.4 MB". */
export function formatBytes(bytes: number, language: string): string {
  const locale = language.startsWith('vi') ? 'vi-VN' : 'en-GB';
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024, 0)} KB`;
  return `${number(bytes / (1024 * 1024), 1)} MB`;
}
