/**
 * A PDF the server renders for meeting planning (the giấy mời, the week's calendar), fetched by
 * main (`planning.pdf`) and shown in the app's PDF viewer, with "Lưu tệp PDF" to keep a copy.
 */
import { Alert, Box, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcRequest } from '../../../common/ipc/contract';
import { errorMessage } from '../../i18n/errorMessage';
import { saveFile } from '../../lib/saveFile';
import { useIpcQuery } from '../../lib/useIpcQuery';

// pdf.js is large: its own chunk, loaded when a PDF is first shown (as the agenda's reader does).
const PdfViewer = lazy(() =>
  import('../documents/PdfViewer').then((m) => ({ default: m.PdfViewer })),
);

export function PlanningPdf({
  request,
  title,
}: {
  request: IpcRequest<'planning.pdf'>;
  /** The document's name for the viewer's page area and the save button. */
  title: string;
}) {
  const { t } = useTranslation();
  const query = useIpcQuery('planning.pdf', request);
  const data = query.status === 'success' ? query.data : null;
  // One source object per set of bytes: a new one opens a new document in the viewer.
  const source = useMemo(() => (data ? { data: data.bytes } : null), [data]);

  if (query.status === 'error')
    return (
      <Alert color="red" variant="light" title={t('planning.pdf.failed')}>
        <Stack gap="sm" align="flex-start">
          <Text>{errorMessage(t, query.error)}</Text>
          <Button variant="white" color="red" onClick={query.reload} loading={query.reloading}>
            {t('app.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  if (!data || !source)
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" aria-hidden />
        <Text>{t('planning.pdf.loading')}</Text>
      </Group>
    );
  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="flex-end">
        <Button
          variant="default"
          onClick={() => saveFile(data.bytes, data.fileName, data.mimeType)}
        >
          {t('planning.pdf.save')}
        </Button>
      </Group>
      <Box style={{ flex: 1, minHeight: '60vh' }}>
        <Suspense fallback={<Loader size="sm" aria-label={t('planning.pdf.loading')} />}>
          <PdfViewer source={source} title={title} thumbnails={false} />
        </Suspense>
      </Box>
    </Stack>
  );
}

/** The PDF full screen in a dialog (Escape or the close button leaves it). */
export function PlanningPdfModal({
  request,
  title,
  onClose,
}: {
  /** null: closed. */
  request: IpcRequest<'planning.pdf'> | null;
  title: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={request !== null}
      onClose={onClose}
      fullScreen
      title={title}
      closeButtonProps={{ 'aria-label': t('planning.close') }}
      styles={{
        content: { display: 'flex', flexDirection: 'column' },
        body: { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' },
        title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' },
      }}
    >
      {request && <PlanningPdf request={request} title={title} />}
    </Modal>
  );
}
