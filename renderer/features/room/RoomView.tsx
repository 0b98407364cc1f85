/**
 * The online meeting room: joins through RoomClient (no React in it) and shows the self preview
 * and what the server receives from each sent track.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../../app/useFocusOnMount';
import { getApi } from '../../lib/api';
import { useIpcQuery } from '../../lib/useIpcQuery';
import { RoomClient, type ProducerState } from '../../media/RoomClient';
import { RemoteTile } from './RemoteTile';

export interface RoomViewProps {
  meetingId: string;
  /** Back to the meeting's details. */
  onLeave: () => void;
}

export function RoomView({ meetingId, onLeave }: RoomViewProps) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  // Served from main's cache when offline, so the title is there even without the server.
  const meeting = useIpcQuery('meetings.get', { id: meetingId });
  const title = meeting.status === 'success' ? meeting.data.meeting.title : t('app.loading');
  const client = useMemo(() => new RoomClient(getApi(), meetingId), [meetingId]);
  const state = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const preview = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    void client.join();
    return () => client.leave();
  }, [client]);

  useEffect(() => {
    if (preview.current && state.localStream) preview.current.srcObject = state.localStream;
  }, [state.localStream]);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={1} size="h2" ref={headingRef} tabIndex={-1}>
          {title}
        </Title>
        <Button color="red" size="md" onClick={onLeave} style={{ flexShrink: 0 }}>
          {t('room.leave')}
        </Button>
      </Group>
      {state.phase === 'connecting' && (
        <Group role="status">
          <Loader size="sm" />
          <Text>{t('room.connecting')}</Text>
        </Group>
      )}
      {state.phase === 'failed' && (
        <Alert color="red" role="alert" title={t('room.failed')}>
          {state.error}
        </Alert>
      )}
      {state.phase === 'joined' && (
        <section aria-label={t('room.participants')}>
          {state.peers.length === 0 ? (
            <Text c="dimmed">{t('room.alone')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {state.peers.map((peer) => (
                <RemoteTile key={peer.peerId} peer={peer} />
              ))}
            </SimpleGrid>
          )}
        </section>
      )}
      {state.phase === 'joined' && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder padding="sm">
            <Text fw={600} mb="xs">
              {t('room.selfPreview')}
            </Text>
            <video
              ref={preview}
              autoPlay
              muted
              playsInline
              style={{ width: '100%', borderRadius: 8, background: '#000' }}
            />
          </Card>
          <Card withBorder padding="sm">
            <Text fw={600} mb="xs">
              {t('room.sending')}
            </Text>
            <Stack gap="xs">
              {state.producers.map((p) => (
                <ProducerRow key={p.id} producer={p} />
              ))}
            </Stack>
          </Card>
        </SimpleGrid>
      )}
    </Stack>
  );
}

function ProducerRow({ producer }: { producer: ProducerState }) {
  const { t } = useTranslation();
  const receiving = producer.serverPacketCount > 0;
  return (
    <Group
      justify="space-between"
      data-testid={`producer-${producer.kind}`}
      data-server-packets={producer.serverPacketCount}
    >
      <Text>{producer.kind === 'audio' ? t('room.microphone') : t('room.camera')}</Text>
      <Badge color={receiving ? 'green' : 'gray'} variant="light" size="lg">
        {receiving
          ? t('room.serverReceiving', {
              kbps: Math.round(producer.serverBitrate / 1000),
              packets: producer.serverPacketCount,
            })
          : t('room.waitingForServer')}
      </Badge>
    </Group>
  );
}
