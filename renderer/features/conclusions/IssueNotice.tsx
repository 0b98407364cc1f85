/**
 * Issuing the conclusion notice (for the chair and the secretary) and reading it once issued
 * (for everyone): the form asks what the Office writes on the notice, the reader opens the
 * issued PDF in the app's viewer from the local document cache.
 */
import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConclusionsStatus, IssueConclusionsInput } from '../../../common/domain/conclusions';
import type { LocalAgendaDocument } from '../../../common/domain/document';
import type { MeetingDetail } from '../../../common/domain/meeting';
import { errorMessage } from '../../i18n/errorMessage';
import { getApi } from '../../lib/api';
import type { ConclusionsChannel } from '../../media/ConclusionsChannel';
import { DocumentReaderModal } from '../documents/DocumentReader';
import { useDocumentProgress } from '../documents/useDocumentProgress';

/** Nơi nhận as the Office usually starts it: the agencies invited, then the archive copy. */
function defaultRecipients(meeting: MeetingDetail): string {
  const agencies = [...new Set(meeting.participants.map((p) => p.agencyName))];
  return [...agencies.map((a) => `- ${a};`), '- Lưu: VT.'].join('\n');
}

export function IssueNoticeButton({
  channel,
  meeting,
}: {
  channel: ConclusionsChannel;
  meeting: MeetingDetail;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [form, setForm] = useState({
    number: '',
    signerAuthority: 'TL. CHỦ TỊCH',
    signerPosition: 'CHÁNH VĂN PHÒNG',
    signerName: '',
    recipients: defaultRecipients(meeting),
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const input: IssueConclusionsInput = {
      number: form.number.trim(),
      signerAuthority: form.signerAuthority.trim() || null,
      signerPosition: form.signerPosition.trim(),
      signerName: form.signerName.trim(),
      recipients: form.recipients
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    };
    try {
      await channel.issue(input);
      setOpened(false);
      notifications.show({
        color: 'green',
        title: t('conclusions.issue.title'),
        message: t('conclusions.issue.done', input),
      });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button onClick={() => setOpened(true)}>{t('conclusions.issue.open')}</Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('conclusions.issue.title')}
        size="lg"
      >
        <form onSubmit={(e) => void submit(e)}>
          <Stack gap="sm">
            <TextInput
              label={t('conclusions.issue.number')}
              placeholder="125/TB-VP"
              required
              value={form.number}
              onChange={(e) => set({ number: e.currentTarget.value })}
              data-autofocus
            />
            <Group grow>
              <TextInput
                label={t('conclusions.issue.signerAuthority')}
                value={form.signerAuthority}
                onChange={(e) => set({ signerAuthority: e.currentTarget.value })}
              />
              <TextInput
                label={t('conclusions.issue.signerPosition')}
                required
                value={form.signerPosition}
                onChange={(e) => set({ signerPosition: e.currentTarget.value })}
              />
            </Group>
            <TextInput
              label={t('conclusions.issue.signerName')}
              required
              value={form.signerName}
              onChange={(e) => set({ signerName: e.currentTarget.value })}
            />
            <Textarea
              label={t('conclusions.issue.recipients')}
              description={t('conclusions.issue.recipientsHint')}
              autosize
              minRows={4}
              required
              value={form.recipients}
              onChange={(e) => set({ recipients: e.currentTarget.value })}
            />
            <Alert color="yellow" variant="light">
              {t('conclusions.issue.lockWarning')}
            </Alert>
            {error ? (
              <Alert color="red" role="alert">
                {errorMessage(t, error)}
              </Alert>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('conclusions.issue.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('conclusions.issue.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** Opens the issued notice in the viewer (fetched into the local cache first, like any agenda document). */
export function OpenNoticeButton({
  meetingId,
  status,
}: {
  meetingId: string;
  status: ConclusionsStatus;
}) {
  const { t } = useTranslation();
  const progress = useDocumentProgress(meetingId);
  const [reading, setReading] = useState<LocalAgendaDocument | null>(null);
  const [error, setError] = useState<unknown>(null);
  const open = async () => {
    setError(null);
    try {
      const { agenda } = await getApi().invoke('documents.agenda', { meetingId });
      const notice = agenda.items
        .flatMap((item) => item.documents)
        .find((d) => d.id === status.noticeDocumentId);
      if (!notice) throw new Error(t('conclusions.issue.notFound'));
      setReading(notice);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <Button variant="light" onClick={() => void open()} disabled={!status.noticeDocumentId}>
        {t('conclusions.issue.read')}
      </Button>
      {error ? (
        <Alert color="red" role="alert">
          {errorMessage(t, error)}
        </Alert>
      ) : null}
      <DocumentReaderModal
        meetingId={meetingId}
        document={reading}
        progress={progress}
        onClose={() => setReading(null)}
      />
    </>
  );
}
