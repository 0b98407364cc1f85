import { Group, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryState } from '../lib/useIpcQuery';
import { LoadError } from './LoadError';
import { OfflineNotice } from './OfflineNotice';

export interface QueryViewProps<T extends { source: 'server' | 'cache'; fetchedAt: string }> {
  query: QueryState<T> & { reload: () => void };
  /** Heading of the error shown when loading failed. */
  errorTitle: string;
  children: (data: T) => ReactNode;
}

/** A screen's data as the user sees it: loading, an error with retry, or the data (marked when offline). */
export function QueryView<T extends { source: 'server' | 'cache'; fetchedAt: string }>({
  query,
  errorTitle,
  children,
}: QueryViewProps<T>) {
  const { t } = useTranslation();
  switch (query.status) {
    case 'loading':
      return (
        <Group gap="sm" role="status">
          <Loader size="sm" aria-hidden />
          <Text>{t('app.loading')}</Text>
        </Group>
      );
    case 'error':
      return (
        <LoadError
          title={errorTitle}
          error={query.error}
          onRetry={query.reload}
          retrying={query.reloading}
        />
      );
    case 'success':
      return (
        <>
          {query.data.source === 'cache' && <OfflineNotice fetchedAt={query.data.fetchedAt} />}
          {children(query.data)}
        </>
      );
  }
}
