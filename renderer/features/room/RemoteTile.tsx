import { Badge, Card, Group, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemotePeer } from '../../media/RoomClient';

/** One remote participant: their video, their audio, who they are and where they sit. */
export function RemoteTile({ peer }: { peer: RemotePeer }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);

  useEffect(() => {
    if (video.current)
      video.current.srcObject = peer.videoTrack ? new MediaStream([peer.videoTrack]) : null;
  }, [peer.videoTrack]);
  useEffect(() => {
    if (audio.current)
      audio.current.srcObject = peer.audioTrack ? new MediaStream([peer.audioTrack]) : null;
  }, [peer.audioTrack]);

  return (
    <Card
      withBorder
      padding="xs"
      data-testid="remote-tile"
      data-peer-name={peer.displayName}
      data-audio-bytes={peer.inbound.audioBytes}
      data-video-bytes={peer.inbound.videoBytes}
      data-frames-decoded={peer.inbound.framesDecoded}
      aria-label={t('room.tileLabel', { name: peer.displayName, site: peer.siteName })}
    >
      <Card.Section>
        <video
          ref={video}
          autoPlay
          muted
          playsInline
          style={{ width: '100%', aspectRatio: '16 / 9', background: '#111', display: 'block' }}
        />
        <audio ref={audio} autoPlay />
      </Card.Section>
      <Group justify="space-between" mt="xs" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} truncate>
            {peer.displayName}
          </Text>
          <Text size="sm" c="dimmed" truncate>
            {peer.siteName}
          </Text>
        </div>
        {!peer.videoTrack && (
          <Badge color="gray" variant="light">
            {t('room.noVideo')}
          </Badge>
        )}
      </Group>
    </Card>
  );
}
