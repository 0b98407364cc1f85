/**
 * Uploading a PDF to the agenda (issue #4), for the meeting's chair and secretary: a new document
 * on an item (title defaulting to the file's name, a "Mật" checkbox) or a new version of a
 * document. The picked file is read here and handed to main (`documents.upload`), which streams
 * it to the server; its progress events drive the bar. The dialog stays open at the end, showing
 * that the upload finished (or why the server refused the file), until the user closes it.
 */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Progress,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaDocument, DocumentUploadProgress } from '../../../common/domain/document';
import type { AppError } from '../../../common/errors';
import { errorMessage } from '../../i18n/errorMessage';
import { getApi, randomUuid } from '../../lib/api';
import { toAppError } from '../../lib/contractChecks';
import { formatBytes } from './agendaState';

/** What the dialog uploads to: an item (a new document) or a document (a new version). */
export type UploadTarget =
  | { kind: 'document'; itemId: string; itemNumber: number; itemTitle: string }
  | { kind: 'version'; document: AgendaDocument };

type Outcome =
  | { status: 'idle' }
  | { status: 'uploading'; uploadId: string }
  | { status: 'done'; document: AgendaDocument }
  | { status: 'failed'; error: AppError };

export function UploadDocumentModal({
  meetingId,
  target,
  onClose,
  onUploaded,
}: {
  meetingId: string;
  /** null: the dialog is closed. */
  target: UploadTarget | null;
  onClose: () => void;
  /** The server has the document: the agenda reads itself again. */
  onUploaded: () => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>({ status: 'idle' });
  const uploading = outcome.status === 'uploading';
  const close = () => {
    if (uploading) return;
    setOutcome({ status: 'idle' });
    onClose();
  };
  return (
    <Modal
      opened={target !== null}
      onClose={close}
      title={t(
        target?.kind === 'version' ? 'agenda.manage.dialogVersion' : 'agenda.manage.dialogDocument',
      )}
      size="lg"
      closeOnClickOutside={!uploading}
      closeOnEscape={!uploading}
      withCloseButton={!uploading}
    >
      {target && (
        <UploadForm
          // A fresh form (file, title) for each target the dialog opens on.
          key={target.kind === 'version' ? target.document.id : target.itemId}
          meetingId={meetingId}
          target={target}
          outcome={outcome}
          setOutcome={setOutcome}
          onUploaded={onUploaded}
          onClose={close}
        />
      )}
    </Modal>
  );
}

function UploadForm({
  meetingId,
  target,
  outcome,
  setOutcome,
  onUploaded,
  onClose,
}: {
  meetingId: string;
  target: UploadTarget;
  outcome: Outcome;
  setOutcome: (outcome: Outcome) => void;
  onUploaded: () => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const fileId = useId();
  const hintId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [confidential, setConfidential] = useState(false);
  const uploadId = outcome.status === 'uploading' ? outcome.uploadId : null;
  const progress = useUploadProgress(uploadId);
  const locked = outcome.status === 'uploading' || outcome.status === 'done';

  const pick = (picked: File | null) => {
    setFile(picked);
    if (picked) setTitle(picked.name.replace(/\.pdf$/i, ''));
    if (outcome.status === 'failed') setOutcome({ status: 'idle' });
  };

  const submit = async () => {
    if (!file) return;
    const id = randomUuid();
    setOutcome({ status: 'uploading', uploadId: id });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { document } = await getApi().invoke('documents.upload', {
        uploadId: id,
        meetingId,
        target:
          target.kind === 'document'
            ? {
                kind: 'document',
                itemId: target.itemId,
                confidential,
                ...(title.trim() ? { title: title.trim() } : {}),
              }
            : { kind: 'version', documentId: target.document.id },
        fileName: file.name,
        bytes,
      });
      setOutcome({ status: 'done', document });
      onUploaded();
    } catch (error) {
      setOutcome({ status: 'failed', error: toAppError(error) });
    }
  };

  const percent =
    outcome.status === 'done'
      ? 100
      : progress && progress.totalBytes > 0
        ? Math.floor((progress.sentBytes / progress.totalBytes) * 100)
        : 0;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        <Text fw={600}>
          {target.kind === 'document'
            ? t('agenda.manage.forItem', { number: target.itemNumber, title: target.itemTitle })
            : t('agenda.manage.forDocument', {
                title: target.document.title,
                version: target.document.currentVersion,
              })}
        </Text>
        <Stack gap={4}>
          <Text component="label" htmlFor={fileId} fw={500}>
            {t('agenda.manage.file')}
          </Text>
          <input
            id={fileId}
            type="file"
            accept="application/pdf,.pdf"
            aria-describedby={hintId}
            disabled={locked}
            onChange={(event) => pick(event.currentTarget.files?.[0] ?? null)}
          />
          <Text id={hintId} size="sm" c="dimmed">
            {file
              ? t('agenda.manage.chosen', {
                  name: file.name,
                  size: formatBytes(file.size, i18n.language),
                })
              : t('agenda.manage.fileHint')}
          </Text>
        </Stack>
        {target.kind === 'document' && (
          <>
            <TextInput
              label={t('agenda.manage.title')}
              description={t('agenda.manage.titleHint')}
              value={title}
              onChange={(event) => setTitle(event.currentTarget.value)}
              maxLength={300}
              disabled={locked}
            />
            <Checkbox
              label={t('agenda.manage.confidential')}
              description={t('agenda.manage.confidentialHint')}
              checked={confidential}
              onChange={(event) => setConfidential(event.currentTarget.checked)}
              disabled={locked}
            />
          </>
        )}
        {(outcome.status === 'uploading' || outcome.status === 'done') && (
          <Stack gap={4}>
            <Progress
              value={percent}
              size="lg"
              aria-label={t('agenda.manage.progressLabel', { name: file?.name ?? '' })}
            />
            <Text role="status">
              {outcome.status === 'done'
                ? outcome.document.currentVersion > 1
                  ? t('agenda.manage.uploadedVersion', {
                      version: outcome.document.currentVersion,
                      title: outcome.document.title,
                    })
                  : t('agenda.manage.uploaded', { title: outcome.document.title })
                : progress?.phase === 'checking'
                  ? t('agenda.manage.checking')
                  : t('agenda.manage.sending', { percent })}
            </Text>
          </Stack>
        )}
        {outcome.status === 'failed' && (
          <Alert color="red" variant="light" title={t('agenda.manage.failed')} role="alert">
            {errorMessage(t, outcome.error, 'agenda')}
          </Alert>
        )}
        <Group justify="flex-end">
          {outcome.status === 'done' ? (
            <Button size="md" onClick={onClose}>
              {t('agenda.manage.close')}
            </Button>
          ) : (
            <>
              <Button size="md" variant="default" onClick={onClose} disabled={locked}>
                {t('agenda.manage.cancel')}
              </Button>
              <Button size="md" type="submit" disabled={!file} loading={locked}>
                {t('agenda.manage.submit')}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** The latest `documents.uploadProgress` event of one upload (null: none running, none yet). */
function useUploadProgress(uploadId: string | null): DocumentUploadProgress | null {
  const [latest, setLatest] = useState<DocumentUploadProgress | null>(null);
  useEffect(() => {
    if (!uploadId) return;
    return getApi().on('documents.uploadProgress', (event) => {
      if (event.uploadId === uploadId) setLatest(event);
    });
  }, [uploadId]);
  return latest?.uploadId === uploadId ? latest : null;
}
