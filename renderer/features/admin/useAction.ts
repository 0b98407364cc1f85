import { notifications } from '@mantine/notifications';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { directoryErrorMessage } from './directoryErrors';

/**
 * A dialog's submit: busy while it runs, the refusal worded and kept on screen when it fails, a
 * green notice when it worked. `run` resolves to whether it worked.
 */
export function useAction() {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (action: () => Promise<string | null>): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        const done = await action();
        if (done) notifications.show({ color: 'green', message: done });
        return true;
      } catch (caught) {
        setError(directoryErrorMessage(t, caught, i18n.language));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [t, i18n.language],
  );
  return { busy, error, run, clearError: () => setError(null) };
}
