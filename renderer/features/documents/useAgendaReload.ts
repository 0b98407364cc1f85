/**
 * When an agenda on screen reads itself again. In the room the server pushes every change
 * (`agendaChanged` through RoomClient's AgendaChannel), so the agenda reloads on each one. Outside
 * the room (the meeting's detail screen) nothing is pushed: it reloads when the window gets the
 * focus back — someone returning to the screen expects what is true now — and every 30 s while
 * the page is visible, so a screen left open in the hall follows the chair within half a minute.
 * Each reload is one small JSON request (the documents themselves are not fetched again), and a
 * hidden window sends none.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { getApi } from '../../lib/api';
import type { AgendaChannel } from '../../media/AgendaChannel';

const POLL_MS = 30_000;
const noChannel = () => () => undefined;

export function useAgendaReload(reload: () => void, live?: AgendaChannel): void {
  const revision = useSyncExternalStore(live?.subscribe ?? noChannel, () =>
    live ? live.getSnapshot().revision : 0,
  );
  const shown = useRef(revision);
  useEffect(() => {
    if (revision === shown.current) return;
    shown.current = revision;
    reload();
  }, [revision, reload]);

  useEffect(() => {
    if (live) return;
    const visible = () => document.visibilityState === 'visible';
    const onFocus = () => reload();
    const timer = setInterval(() => {
      if (visible()) reload();
    }, POLL_MS);
    window.addEventListener('focus', onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [live, reload]);
}

/**
 * In the room, a document or version uploaded during the meeting is saved on this computer as soon
 * as it is announced, as the agenda's own documents were ahead of the meeting: the reader is about
 * to be asked to open it, and the site's link may not hold. The prefetch skips what is saved
 * already and reports its progress to the agenda like the "keep offline" button does.
 */
export function useFetchNewDocuments(meetingId: string, live?: AgendaChannel): void {
  const last = useSyncExternalStore(live?.subscribe ?? noChannel, () =>
    live ? live.getSnapshot().last : null,
  );
  useEffect(() => {
    if (last?.cause !== 'document' || last.meetingId !== meetingId) return;
    getApi()
      .invoke('documents.prefetch', { meetingId })
      .catch(() => undefined); // Offline: the "keep offline" button and its error remain.
  }, [last, meetingId]);
}
