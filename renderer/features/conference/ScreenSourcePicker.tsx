/**
 * The in-app screen-share source picker (issue #3). In the desktop app, getDisplayMedia (the
 * room's "Chia sẻ màn hình") reaches main, which lists the screens and windows and asks here
 * which one to share (`screenShare.pick`); the answer goes back with `screenShare.select`. In a
 * browser, Chromium shows its own picker and this never opens.
 *
 * A radio group of thumbnails, screens first: the arrow keys move the choice, Enter shares the
 * focused source (a double click too), Escape cancels. Mounted once in the signed-in shell.
 */
import {
  Box,
  Button,
  Group,
  Modal,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenSharePick, ScreenSource } from '../../../common/ipc/screenShare';
import { errorMessage } from '../../i18n/errorMessage';
import { getApi } from '../../lib/api';

/** What `toDataURL()` gives for an empty image (a minimised window has no snapshot). */
const EMPTY_PNG = 'data:image/png;base64,';

export function ScreenSourcePicker() {
  const { t } = useTranslation();
  const [request, setRequest] = useState<ScreenSharePick | null>(null);
  /** The checked source's id; '' for none (Radio.Group's empty value). */
  const [selected, setSelected] = useState('');

  useEffect(() => {
    const api = getApi();
    const offPick = api.on('screenShare.pick', (pick) => {
      setRequest(pick);
      setSelected('');
    });
    // Answered elsewhere (another window of this profile), replaced, or timed out in main.
    const offEnded = api.on('screenShare.pickEnded', ({ requestId }) =>
      setRequest((current) => (current?.requestId === requestId ? null : current)),
    );
    return () => {
      offPick();
      offEnded();
    };
  }, []);

  const answer = (sourceId: string | null) => {
    if (!request) return;
    const { requestId } = request;
    setRequest(null);
    getApi()
      .invoke('screenShare.select', { requestId, sourceId })
      .catch((error: unknown) => {
        // A late cancel (the request already timed out) has nothing left to undo.
        if (sourceId === null) return;
        notifications.show({
          color: 'red',
          title: t('screenShare.failed'),
          message: errorMessage(t, error),
        });
      });
  };

  const sources = request?.sources ?? [];
  const screens = sources.filter((s) => s.kind === 'screen');
  const windows = sources.filter((s) => s.kind === 'window');
  // One tab stop for the group (WAI-ARIA radio group): the checked source, else the first.
  const tabStop = selected || sources[0]?.id;
  const card = (source: ScreenSource, label: string) => (
    <SourceCard
      key={source.id}
      source={source}
      label={label}
      tabStop={source.id === tabStop}
      noPreview={t('screenShare.noPreview')}
      onShare={() => answer(source.id)}
    />
  );

  return (
    <Modal
      opened={request !== null}
      onClose={() => answer(null)}
      title={<Text fw={700}>{t('screenShare.title')}</Text>}
      size="xl"
      closeButtonProps={{ 'aria-label': t('screenShare.close') }}
    >
      <Stack gap="md">
        <Radio.Group
          value={selected}
          onChange={setSelected}
          label={<VisuallyHidden>{t('screenShare.sources')}</VisuallyHidden>}
          description={t('screenShare.hint')}
        >
          <Stack gap="lg" mt="xs">
            {screens.length > 0 && (
              <SourceSection title={t('screenShare.screens')}>
                {screens.map((s, i) => card(s, t('screenShare.screenName', { number: i + 1 })))}
              </SourceSection>
            )}
            {windows.length > 0 && (
              <SourceSection title={t('screenShare.windows')}>
                {windows.map((s) => card(s, s.name))}
              </SourceSection>
            )}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => answer(null)}>
            {t('screenShare.cancel')}
          </Button>
          <Button disabled={!selected} onClick={() => answer(selected)}>
            {t('screenShare.share')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SourceSection({ title, children }: { title: string; children: React.ReactNode }) {
  const headingId = useId();
  return (
    <div role="group" aria-labelledby={headingId}>
      <Title order={3} size="h5" id={headingId} mb="xs">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
        {children}
      </SimpleGrid>
    </div>
  );
}

function SourceCard({
  source,
  label,
  tabStop,
  noPreview,
  onShare,
}: {
  source: ScreenSource;
  label: string;
  /** The group's one tab stop (the others are reached with the arrow keys). */
  tabStop: boolean;
  noPreview: string;
  onShare: () => void;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    // NOTE: before the button's own Enter (a click, which would only check the source).
    if (event.key === 'Enter') {
      event.preventDefault();
      onShare();
    }
  };
  return (
    <Radio.Card
      value={source.id}
      radius="md"
      p="xs"
      tabIndex={tabStop ? 0 : -1}
      data-autofocus={tabStop || undefined}
      data-source-id={source.id}
      onKeyDown={onKeyDown}
      onDoubleClick={onShare}
    >
      <Stack gap={6}>
        <Box
          bg="dark.6"
          style={{
            aspectRatio: '16 / 9',
            borderRadius: 'var(--mantine-radius-sm)',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            overflow: 'hidden',
          }}
        >
          {source.thumbnail === EMPTY_PNG ? (
            <Text size="xs" c="gray.4" aria-hidden>
              {noPreview}
            </Text>
          ) : (
            <img
              src={source.thumbnail}
              alt=""
              style={{ width: '100%', height: '100%', objectFit: 'contain' }}
            />
          )}
        </Box>
        <Group gap={6} wrap="nowrap">
          {source.appIcon && <img src={source.appIcon} alt="" width={16} height={16} />}
          <Text size="sm" lineClamp={2}>
            {label}
          </Text>
        </Group>
      </Stack>
    </Radio.Card>
  );
}
