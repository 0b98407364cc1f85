import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format';

/** Shown when main answered from its local cache because the server is unreachable. */
export function OfflineNotice({ fetchedAt }: { fetchedAt: string }) {
  const { t } = useTranslation();
  return (
    // A status, not an alarm: the screen still works, so role="status" rather than the default "alert".
    <Alert role="status" color="yellow" variant="light">
      {t('offline.notice', { time: formatDateTime(fetchedAt) })}
    </Alert>
  );
}
