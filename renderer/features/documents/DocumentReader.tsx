/**
 * Opens an agenda document full screen: its bytes come from `documents.read` (the verified local
 * copy, or downloaded first, with progress meanwhile) and are shown by the PDF viewer, with the
 * reader's annotations and those shared with everyone over its pages (DocumentAnnotations).
 * Confidential documents carry the reader's name as a watermark.
 */
import { Alert, Box, Group, Loader, Modal, Progress, Stack, Text } from '@mantine/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentVersionOf, type LocalAgendaDocument } from '../../../common/domain/document';
import { errorMessage } from '../../i18n/errorMessage';
import { useIpcQuery } from '../../lib/useIpcQuery';
import { useSession } from '../../state/sessionStore';
import { percentOf, progressKey, type ProgressMap } from './agendaState';
import { DocumentAnnotations } from './annotations/DocumentAnnotations';
import type { PdfViewerController } from './PdfViewerController';

// pdf.js is large and only needed once a document is opened: its own chunk, loaded then.
const PdfViewer = lazy(() => import('./PdfViewer').then((m) => ({ default: m.PdfViewer })));
type PdfViewerProps = import('./PdfViewer').PdfViewerProps;

export function DocumentReaderModal({
  meetingId,
  document,
  progress,
  onClose,
  initialPage,
}: {
  meetingId: string;
  document: LocalAgendaDocument | null;
  progress: ProgressMap;
  onClose: () => void;
  /** The page to open at (a search hit); default the first. */
  initialPage?: number;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={document !== null}
      onClose={onClose}
      fullScreen
      title={document?.title}
      closeButtonProps={{ 'aria-label': t('agenda.reader.close') }}
      styles={{
        content: { display: 'flex', flexDirection: 'column' },
        body: { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' },
        title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' },
      }}
    >
      {document && (
        <DocumentReader
          key={`${document.id}@${document.currentVersion}`}
          meetingId={meetingId}
          document={document}
          version={currentVersionOf(document).version}
          progress={progress}
          annotations
          {...(initialPage !== undefined ? { viewer: { initialPage } } : {})}
        />
      )}
    </Modal>
  );
}

/** What a reader embedding the viewer (presenter sync) passes through to it. */
export type ViewerHooks = Pick<
  PdfViewerProps,
  | 'initialPage'
  | 'initialScale'
  | 'onController'
  | 'onPageChanged'
  | 'onScaleChanged'
  | 'thumbnails'
>;

/**
 * One version of an agenda document in the viewer, read from the local cache (downloaded first
 * when missing, with progress). Embedded in the room for presenter sync, and in the modal above.
 */
export function DocumentReader({
  meetingId,
  document,
  version,
  progress,
  viewer = {},
  annotations = false,
}: {
  meetingId: string;
  document: Pick<LocalAgendaDocument, 'id' | 'title' | 'confidential'>;
  version: number;
  progress: ProgressMap;
  viewer?: ViewerHooks;
  /** Show the annotation tools and layer (the agenda's reader). */
  annotations?: boolean;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const [controller, setController] = useState<PdfViewerController | null>(null);
  const query = useIpcQuery('documents.read', { meetingId, documentId: document.id, version });
  const bytes = query.status === 'success' ? query.data.bytes : null;
  // The viewer opens a new document when the source changes: one object per set of bytes.
  const source = useMemo(() => (bytes ? { data: bytes } : null), [bytes]);
  const viewerName =
    session.phase === 'ready' && session.session.status === 'signed_in'
      ? session.session.user.fullName
      : undefined;

  const onController = (c: PdfViewerController | null) => {
    setController(c);
    viewer.onController?.(c);
  };
  const pdfViewer = source && (
    <Box style={{ flex: 1, minHeight: '60vh' }}>
      <Suspense fallback={<Loader size="sm" aria-label={t('agenda.reader.loading')} />}>
        <PdfViewer
          source={source}
          title={document.title}
          confidential={document.confidential}
          {...(viewerName ? { viewerName } : {})}
          {...viewer}
          onController={onController}
        />
      </Suspense>
    </Box>
  );

  if (query.status === 'error') {
    return (
      <Alert color="red" variant="light" title={t('agenda.reader.failed')}>
        {errorMessage(t, query.error)}
      </Alert>
    );
  }
  if (!source) {
    const download = progress.get(progressKey(document.id, version));
    return (
      <Stack align="center" justify="center" gap="sm" style={{ flex: 1 }} role="status">
        <Group gap="sm">
          <Loader size="sm" aria-hidden />
          <Text size="lg">{t('agenda.reader.loading')}</Text>
        </Group>
        {download?.state === 'downloading' && (
          <Progress
            w="20rem"
            value={percentOf(download)}
            aria-label={t('agenda.progressLabel', { title: document.title })}
          />
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }}>
      {query.status === 'success' && query.data.source === 'cache' && (
        <Text size="sm" c="dimmed">
          {t('agenda.reader.fromCache')}
        </Text>
      )}
      {annotations ? (
        <DocumentAnnotations
          meetingId={meetingId}
          documentId={document.id}
          version={version}
          title={document.title}
          controller={controller}
        >
          {pdfViewer}
        </DocumentAnnotations>
      ) : (
        pdfViewer
      )}
    </Stack>
  );
}
