import { useCallback, useEffect, useState } from 'react';
import { callServer } from '../../lib/callServer';

/** How often the badge of unseen invitations asks again while the app is open. */
export const UNSEEN_REFRESH_MS = 60_000;

/**
 * The number of invitations the user has not opened (myInvitations.unseen), for the navigation's
 * badge: asked again when `navigation` changes (another screen), every minute, and on `refresh()`.
 * A failed ask (offline) keeps the last number.
 */
export function useUnseenInvitations(navigation: string): { unseen: number; refresh: () => void } {
  const [unseen, setUnseen] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const refresh = useCallback(() => setAttempt((n) => n + 1), []);
  useEffect(() => {
    let current = true;
    const ask = () =>
      callServer('myInvitations', {}, {}).then(
        (answer) => current && setUnseen(answer.unseen),
        () => undefined,
      );
    void ask();
    const timer = setInterval(() => void ask(), UNSEEN_REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [navigation, attempt]);
  return { unseen, refresh };
}
