import { useEffect, useState } from 'react';
import { getApi } from '../../lib/api';
import { applyProgress, EMPTY_PROGRESS, type ProgressMap } from './agendaState';

/** The latest `documents.progress` event per document version of one meeting. */
export function useDocumentProgress(meetingId: string): ProgressMap {
  const [state, setState] = useState<{ meetingId: string; map: ProgressMap }>({
    meetingId,
    map: EMPTY_PROGRESS,
  });
  useEffect(
    () =>
      getApi().on('documents.progress', (event) => {
        if (event.meetingId !== meetingId) return;
        setState((previous) => ({
          meetingId,
          map: applyProgress(
            previous.meetingId === meetingId ? previous.map : EMPTY_PROGRESS,
            event,
          ),
        }));
      }),
    [meetingId],
  );
  return state.meetingId === meetingId ? state.map : EMPTY_PROGRESS;
}
