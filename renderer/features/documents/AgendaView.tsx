/**
 * The meeting's agenda with its documents (issue #4): items in order, the item under discussion
 * highlighted, each document's local copy (saved, downloading with progress, not yet, failed),
 * an action to keep every document on this computer for offline reading, and the reader. The
 * meeting's chair and secretary (and admins: `canManage`) also upload documents and versions and
 * move the discussion from item to item. In the room the agenda follows the server's pushes.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  currentVersionOf,
  type DocumentCacheStatus,
  type LocalAgenda,
  type LocalAgendaDocument,
} from '../../../common/domain/document';
import { assertUnreachable } from '../../../common/errors';
import { QueryView } from '../../app/QueryView';
import { errorMessage } from '../../i18n/errorMessage';
import { getApi } from '../../lib/api';
import { toAppError } from '../../lib/contractChecks';
import { useIpcQuery } from '../../lib/useIpcQuery';
import type { AgendaChannel } from '../../media/AgendaChannel';
import {
  cacheStatusOf,
  cacheSummary,
  formatBytes,
  percentOf,
  type ProgressMap,
} from './agendaState';
import { AgendaSearch, type AgendaSearchHit } from './AgendaSearch';
import { DocumentReaderModal } from './DocumentReader';
import { UploadDocumentModal, type UploadTarget } from './UploadDocumentModal';
import { useAgendaReload, useFetchNewDocuments } from './useAgendaReload';
import { useDocumentProgress } from './useDocumentProgress';

export function AgendaView({
  meetingId,
  live,
}: {
  meetingId: string;
  /** The room's agenda changes (RoomClient.agenda); absent outside the room. */
  live?: AgendaChannel;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const query = useIpcQuery('documents.agenda', { meetingId });
  const progress = useDocumentProgress(meetingId);
  const [reading, setReading] = useState<LocalAgendaDocument | null>(null);
  /** The page a search hit opens the reader at; undefined: the first. */
  const [readingPage, setReadingPage] = useState<number | undefined>();
  const [uploading, setUploading] = useState<UploadTarget | null>(null);
  const { reload } = query;
  useAgendaReload(reload, live);
  useFetchNewDocuments(meetingId, live);
  const manage: AgendaManagement = {
    onUpload: setUploading,
    setCurrent: useCallback(
      async (itemId: string | null) => {
        await getApi().invoke('documents.setCurrentItem', { meetingId, itemId });
        reload();
      },
      [meetingId, reload],
    ),
  };

  const openHit = (hit: AgendaSearchHit) => {
    if (query.status !== 'success') return;
    const document = query.data.agenda.items
      .flatMap((item) => item.documents)
      .find((d) => d.id === hit.documentId);
    if (!document) return reload();
    // A newer version than the agenda shows: the agenda is stale; the reader opens what it has.
    if (hit.version > document.currentVersion) reload();
    setReadingPage(hit.page);
    setReading(document);
  };

  return (
    <Stack component="section" aria-labelledby={headingId} gap="sm">
      <Title order={2} size="h3" id={headingId}>
        {t('agenda.title')}
      </Title>
      <AgendaSearch meetingId={meetingId} onOpen={openHit} />
      <QueryView query={query} errorTitle={t('agenda.loadFailed')}>
        {(data) => (
          <AgendaBody
            agenda={data.agenda}
            progress={progress}
            onOpen={(document) => {
              setReadingPage(undefined);
              setReading(document);
            }}
            onPrefetched={query.reload}
            manage={data.agenda.canManage ? manage : undefined}
          />
        )}
      </QueryView>
      <DocumentReaderModal
        meetingId={meetingId}
        document={reading}
        progress={progress}
        {...(readingPage !== undefined ? { initialPage: readingPage } : {})}
        onClose={() => setReading(null)}
      />
      <UploadDocumentModal
        meetingId={meetingId}
        target={uploading}
        onClose={() => setUploading(null)}
        onUploaded={reload}
      />
    </Stack>
  );
}

/** What the chair and the secretary may do on the agenda; absent for everyone else. */
interface AgendaManagement {
  onUpload: (target: UploadTarget) => void;
  /** Rejects with the server's refusal. */
  setCurrent: (itemId: string | null) => Promise<void>;
}

function AgendaBody({
  agenda,
  progress,
  onOpen,
  onPrefetched,
  manage,
}: {
  agenda: LocalAgenda;
  progress: ProgressMap;
  onOpen: (document: LocalAgendaDocument) => void;
  onPrefetched: () => void;
  manage?: AgendaManagement;
}) {
  const { t } = useTranslation();
  const [moving, setMoving] = useState(false);
  const [moveError, setMoveError] = useState<unknown>(null);
  const items = [...agenda.items].sort((a, b) => a.position - b.position);
  if (items.length === 0) return <Text c="dimmed">{t('agenda.empty')}</Text>;
  const setCurrent = async (itemId: string | null) => {
    if (!manage) return;
    setMoving(true);
    setMoveError(null);
    try {
      await manage.setCurrent(itemId);
    } catch (caught) {
      setMoveError(toAppError(caught));
    } finally {
      setMoving(false);
    }
  };
  return (
    <Stack gap="md">
      <PrefetchControl agenda={agenda} progress={progress} onStarted={onPrefetched} />
      {moveError !== null && (
        <Alert color="red" variant="light" title={t('agenda.manage.setCurrentFailed')} role="alert">
          {errorMessage(t, moveError, 'agenda')}
        </Alert>
      )}
      <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((item, index) => {
          const number = index + 1;
          return (
            <li key={item.id} aria-current={item.current ? 'step' : undefined}>
              <Card
                withBorder
                padding="md"
                radius="md"
                bg={item.current ? 'blue.0' : undefined}
                style={
                  item.current
                    ? { borderColor: 'var(--mantine-color-blue-6)', borderWidth: 2 }
                    : undefined
                }
              >
                <Group align="flex-start" wrap="nowrap" gap="md">
                  <Text fw={700} size="lg" miw="2ch" aria-hidden>
                    {number}.
                  </Text>
                  <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
                    {item.current && (
                      <Group>
                        <Badge color="blue" variant="filled" size="lg">
                          {t('agenda.current')}
                        </Badge>
                      </Group>
                    )}
                    <Title order={3} size="h4">
                      <VisuallyHidden component="span">{number}. </VisuallyHidden>
                      {item.title}
                    </Title>
                    {item.presenter && (
                      <Text c="dimmed">{t('agenda.presenter', { presenter: item.presenter })}</Text>
                    )}
                    {manage && (
                      <Group gap="sm">
                        <Button
                          variant={item.current ? 'default' : 'filled'}
                          disabled={moving}
                          onClick={() => void setCurrent(item.current ? null : item.id)}
                          aria-label={t(
                            item.current
                              ? 'agenda.manage.clearCurrentOf'
                              : 'agenda.manage.setCurrentOf',
                            { number, title: item.title },
                          )}
                        >
                          {t(
                            item.current
                              ? 'agenda.manage.clearCurrent'
                              : 'agenda.manage.setCurrent',
                          )}
                        </Button>
                        <Button
                          variant="light"
                          onClick={() =>
                            manage.onUpload({
                              kind: 'document',
                              itemId: item.id,
                              itemNumber: number,
                              itemTitle: item.title,
                            })
                          }
                          aria-label={t('agenda.manage.uploadFor', { number, title: item.title })}
                        >
                          {t('agenda.manage.upload')}
                        </Button>
                      </Group>
                    )}
                    {item.documents.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        {t('agenda.noDocuments')}
                      </Text>
                    ) : (
                      <Stack
                        component="ul"
                        gap="xs"
                        p={0}
                        m={0}
                        style={{ listStyle: 'none' }}
                        aria-label={t('agenda.documentsOf', { number })}
                      >
                        {item.documents.map((document) => (
                          <li key={document.id}>
                            <DocumentRow
                              document={document}
                              status={cacheStatusOf(document, progress)}
                              onOpen={() => onOpen(document)}
                              onUploadVersion={
                                manage && (() => manage.onUpload({ kind: 'version', document }))
                              }
                            />
                          </li>
                        ))}
                      </Stack>
                    )}
                  </Stack>
                </Group>
              </Card>
            </li>
          );
        })}
      </Stack>
    </Stack>
  );
}

function DocumentRow({
  document,
  status,
  onOpen,
  onUploadVersion,
}: {
  document: LocalAgendaDocument;
  status: DocumentCacheStatus;
  onOpen: () => void;
  /** The chair and the secretary only. */
  onUploadVersion?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const version = currentVersionOf(document);
  return (
    <Group
      justify="space-between"
      align="center"
      wrap="wrap"
      gap="sm"
      py={6}
      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
    >
      <Stack gap={2} style={{ flex: 1, minWidth: '16rem' }}>
        <Text fw={600}>{document.title}</Text>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('agenda.pages', { count: version.pageCount })} ·{' '}
            {formatBytes(version.sizeBytes, i18n.language)}
          </Text>
          {document.currentVersion > 1 && (
            <Badge variant="outline" color="gray">
              {t('agenda.version', { version: document.currentVersion })}
            </Badge>
          )}
          {document.confidential && (
            <Badge variant="filled" color="red">
              {t('agenda.confidential')}
            </Badge>
          )}
        </Group>
      </Stack>
      <Group gap="sm" wrap="nowrap">
        <CacheIndicator status={status} title={document.title} />
        <Button
          variant="light"
          onClick={onOpen}
          aria-label={`${t('agenda.open')}: ${document.title}`}
        >
          {t('agenda.open')}
        </Button>
        {onUploadVersion && (
          <Button
            variant="default"
            onClick={onUploadVersion}
            aria-label={t('agenda.manage.uploadVersionOf', { title: document.title })}
          >
            {t('agenda.manage.uploadVersion')}
          </Button>
        )}
      </Group>
    </Group>
  );
}

export function CacheIndicator({ status, title }: { status: DocumentCacheStatus; title: string }) {
  const { t } = useTranslation();
  switch (status.state) {
    case 'cached':
      return (
        <Badge color="green" variant="light" size="lg">
          {t('agenda.cache.cached')}
        </Badge>
      );
    case 'missing':
      return (
        <Text size="sm" c="dimmed">
          {t('agenda.cache.missing')}
        </Text>
      );
    case 'queued':
      return (
        <Badge color="gray" variant="light" size="lg">
          {t('agenda.cache.queued')}
        </Badge>
      );
    case 'downloading': {
      const percent = percentOf(status);
      return (
        <Stack gap={2} miw="9rem">
          <Text size="sm" role="status">
            {t('agenda.cache.downloading', { percent })}
          </Text>
          <Progress value={percent} aria-label={t('agenda.progressLabel', { title })} />
        </Stack>
      );
    }
    case 'failed':
      return (
        <Badge color="red" variant="light" size="lg" title={status.error?.message}>
          {t('agenda.cache.failed')}
        </Badge>
      );
    default:
      return assertUnreachable(status.state);
  }
}

function PrefetchControl({
  agenda,
  progress,
  onStarted,
}: {
  agenda: LocalAgenda;
  progress: ProgressMap;
  onStarted: () => void;
}) {
  const { t } = useTranslation();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { total, cached } = cacheSummary(agenda, progress);
  if (total === 0) return null;
  const allCached = cached === total;

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      await getApi().invoke('documents.prefetch', { meetingId: agenda.meetingId });
      onStarted();
    } catch (caught) {
      setError(toAppError(caught));
    } finally {
      setStarting(false);
    }
  };

  return (
    <Stack gap="xs">
      <Group gap="md" align="center">
        <Button size="md" onClick={() => void start()} loading={starting} disabled={allCached}>
          {t('agenda.prefetch')}
        </Button>
        <Text role="status" c={allCached ? 'green.8' : 'dimmed'}>
          {allCached ? t('agenda.allCached') : t('agenda.cachedCount', { cached, total })}
        </Text>
      </Group>
      {!allCached && (
        <Text size="sm" c="dimmed">
          {t('agenda.prefetchHint')}
        </Text>
      )}
      {error !== null && (
        <Alert color="red" variant="light" title={t('agenda.prefetchFailed')}>
          {errorMessage(t, error)}
        </Alert>
      )}
    </Stack>
  );
}
