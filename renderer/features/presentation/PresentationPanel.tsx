/**
 * Presenter sync in the room (issue #4): the presented document at the presenter's page, read
 * from this computer's cache, so it keeps up on audio-only and weak links. A reader follows the
 * presenter by default; turning a page oneself stops following ("browse freely"), and the
 * "Theo người trình bày" switch brings the reader back to the presenter's page. The chair and
 * the secretary (or whom they name) pick a document and present it; their page turns are sent.
 */
import {
  Alert,
  Box,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingDetail } from '../../../common/domain/meeting';
import { mayPresent } from '../../../common/domain/presentation';
import { can } from '../../../common/domain/policy';
import { errorMessage } from '../../i18n/errorMessage';
import { useIpcQuery } from '../../lib/useIpcQuery';
import type { AgendaChannel } from '../../media/AgendaChannel';
import type { PresentationChannel } from '../../media/PresentationChannel';
import { DocumentReader } from '../documents/DocumentReader';
import type { PdfViewerController } from '../documents/PdfViewerController';
import { useAgendaReload } from '../documents/useAgendaReload';
import { useDocumentProgress } from '../documents/useDocumentProgress';

export interface PresentationPanelProps {
  channel: PresentationChannel;
  /** The room's agenda changes: a document uploaded during the meeting can be presented at once. */
  agendaChanges: AgendaChannel;
  meeting: MeetingDetail;
  userId: string;
  meetingRole: string;
}

export function PresentationPanel({
  channel,
  agendaChanges,
  meeting,
  userId,
  meetingRole,
}: PresentationPanelProps) {
  const { t } = useTranslation();
  const { state, following, error } = useSyncExternalStore(channel.subscribe, channel.getSnapshot);
  const agenda = useIpcQuery('documents.agenda', { meetingId: meeting.id });
  useAgendaReload(agenda.reload, agendaChanges);
  const progress = useDocumentProgress(meeting.id);
  const controller = useRef<PdfViewerController | null>(null);
  const presentation = state?.presentation ?? null;
  const presenting = presentation?.presenter.userId === userId;
  const follows = presentation !== null && !presenting && following;
  const canPresent = state !== null && mayPresent(meetingRole, userId, state);

  // Follow: each new state of the presenter moves this reader's viewer (marked remote, not echoed).
  const page = presentation?.page;
  const scale = presentation?.scale;
  useEffect(() => {
    const viewer = controller.current;
    if (!follows || !viewer || page === undefined || scale === undefined) return;
    viewer.goToPage(page, { origin: 'remote' });
    viewer.setScale(scale, { origin: 'remote' });
  }, [follows, page, scale, presentation?.seq]);

  const documents =
    agenda.status === 'success'
      ? agenda.data.agenda.items.flatMap((item) =>
          item.documents.map((d) => ({ ...d, itemTitle: item.title })),
        )
      : [];
  const presented = documents.find((d) => d.id === presentation?.documentId);

  return (
    <Paper component="section" withBorder p="md" aria-labelledby="presentation-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} id="presentation-title">
            {t('presentation.title')}
          </Title>
          {presentation && !presenting ? (
            <Switch
              label={t('presentation.follow')}
              checked={following}
              onChange={(e) => channel.setFollowing(e.currentTarget.checked)}
            />
          ) : null}
        </Group>
        {error ? (
          <Alert color="red" role="alert">
            {errorMessage(t, error)}
          </Alert>
        ) : null}
        {canPresent ? (
          <PresenterControls
            channel={channel}
            documents={documents}
            presenting={presenting}
            presentedId={presentation?.documentId ?? null}
          />
        ) : null}
        {can(meetingRole, 'presentation.lead') && state ? (
          <Select
            label={t('presentation.appoint')}
            data={[
              { value: '', label: t('presentation.appointNobody') },
              ...meeting.participants
                .filter((p) => !can(p.meetingRole, 'presentation.present'))
                .map((p) => ({ value: p.userId, label: `${p.fullName} — ${p.agencyName}` })),
            ]}
            value={state.appointedUserId ?? ''}
            onChange={(value) => void channel.appoint(value ? value : null)}
            allowDeselect={false}
            searchable
            maw={480}
          />
        ) : null}
        {presentation ? (
          <>
            <Text data-testid="presentation-status">
              {t('presentation.now', {
                title: presentation.title,
                name: presentation.presenter.fullName,
                site: presentation.presenter.siteName,
                page: presentation.page,
              })}
            </Text>
            <Box
              data-testid="presentation-viewer"
              data-following={follows ? 'true' : 'false'}
              style={{ height: '70vh', display: 'flex', flexDirection: 'column' }}
            >
              <DocumentReader
                key={`${presentation.documentId}@${presentation.version}`}
                meetingId={meeting.id}
                document={{
                  id: presentation.documentId,
                  title: presentation.title,
                  confidential: presented?.confidential ?? false,
                }}
                version={presentation.version}
                progress={progress}
                viewer={{
                  initialPage: presentation.page,
                  initialScale: presentation.scale,
                  thumbnails: false,
                  onController: (viewer) => {
                    controller.current = viewer;
                  },
                  onPageChanged: (event) => {
                    if (event.origin !== 'user') return;
                    if (presenting) void channel.turnPage(event.pageNumber);
                    else if (
                      following &&
                      event.pageNumber !== channel.getSnapshot().state?.presentation?.page
                    )
                      channel.setFollowing(false);
                  },
                  onScaleChanged: (event) => {
                    if (event.origin !== 'user' || !presenting || !controller.current) return;
                    void channel.turnPage(
                      controller.current.getSnapshot().pageNumber,
                      event.preset ?? event.scale,
                    );
                  },
                }}
              />
            </Box>
          </>
        ) : (
          <Text c="dimmed">{t('presentation.none')}</Text>
        )}
      </Stack>
    </Paper>
  );
}

function PresenterControls({
  channel,
  documents,
  presenting,
  presentedId,
}: {
  channel: PresentationChannel;
  documents: { id: string; title: string; itemTitle: string; currentVersion: number }[];
  presenting: boolean;
  presentedId: string | null;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const choice = documents.find((d) => d.id === chosen);
  return (
    <Group align="flex-end" wrap="wrap">
      <Select
        label={t('presentation.choose')}
        placeholder={t('presentation.choosePlaceholder')}
        data={documents.map((d) => ({ value: d.id, label: `${d.itemTitle} — ${d.title}` }))}
        value={chosen ?? presentedId}
        onChange={setChosen}
        searchable
        miw={320}
        style={{ flex: 1 }}
      />
      <Button
        disabled={!choice}
        onClick={() =>
          choice && void channel.present(choice.id, choice.currentVersion, 1, 'page-width')
        }
      >
        {t('presentation.start')}
      </Button>
      {presenting ? (
        <Button variant="default" onClick={() => void channel.stop()}>
          {t('presentation.stop')}
        </Button>
      ) : null}
    </Group>
  );
}
