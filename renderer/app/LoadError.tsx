import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/errorMessage';

/** A failed load, its reason in plain words, and a way to try again. */
export function LoadError({
  title,
  error,
  onRetry,
  retrying,
}: {
  title: string;
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" title={title}>
      <Stack gap="sm" align="flex-start">
        <Text>{errorMessage(t, error)}</Text>
        <Button variant="white" color="red" onClick={onRetry} loading={retrying}>
          {t('app.retry')}
        </Button>
      </Stack>
    </Alert>
  );
}
