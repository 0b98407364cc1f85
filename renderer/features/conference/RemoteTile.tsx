import { Badge, Button, Card, Group, Text } from '@mantine/core';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MuteTarget } from '../../../common/protocol/signaling';
import type { RemotePeer } from '../../media/RoomClient';

export interface RemoteTileProps {
  peer: RemotePeer;
  /** The loudest speaker now: the tile is outlined. */
  activeSpeaker: boolean;
  /** Present for the chair and the secretary: microphone controls on the tile. */
  onSetMicrophones?: (target: MuteTarget, muted: boolean) => void;
  /** Reports the video's shown width, so the client asks for the simulcast layer that fits. */
  onVideoWidth: (peerId: string, width: number) => void;
  /** Compact tiles (the strip of speaker view) hide the controls. */
  compact?: boolean;
}

const qualityColor = { good: 'green', fair: 'yellow', poor: 'red' } as const;

/**
 * One remote participant: their video and audio, who they are and where they sit. Memoised: the
 * room's state changes many times a second while people join, and a tile need only render when
 * its own peer (RoomClient replaces just the changed peer's object) or its highlight changes.
 */
export const RemoteTile = memo(function RemoteTile({
  peer,
  activeSpeaker,
  onSetMicrophones,
  onVideoWidth,
  compact = false,
}: RemoteTileProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);

  useEffect(() => {
    if (video.current)
      video.current.srcObject = peer.videoTrack ? new MediaStream([peer.videoTrack]) : null;
  }, [peer.videoTrack]);
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) onVideoWidth(peer.peerId, entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onVideoWidth, peer.peerId]);
  useEffect(() => {
    if (audio.current)
      audio.current.srcObject = peer.audioTrack ? new MediaStream([peer.audioTrack]) : null;
  }, [peer.audioTrack]);

  const isChair = peer.meetingRole === 'chair';
  return (
    <Card
      withBorder
      padding="xs"
      data-testid="remote-tile"
      data-peer-name={peer.displayName}
      data-site-name={peer.siteName}
      data-audio-bytes={peer.inbound.audioBytes}
      data-video-bytes={peer.inbound.videoBytes}
      data-frames-decoded={peer.inbound.framesDecoded}
      data-mic-muted={peer.micMuted}
      data-has-microphone={peer.hasMicrophone}
      data-active-speaker={activeSpeaker}
      data-video-capped={peer.videoCapped}
      data-refused-by-server={peer.refusedByServer}
      data-preferred-layer={peer.preferredLayer ?? ''}
      data-spatial-layer={peer.spatialLayer ?? ''}
      data-server-preferred-layer={peer.serverPreferredLayer ?? ''}
      role="group"
      aria-label={t('room.tileLabel', { name: peer.displayName, site: peer.siteName })}
      style={{
        outline: activeSpeaker
          ? '3px solid var(--mantine-color-green-6)'
          : isChair
            ? '2px solid var(--mantine-color-blue-6)'
            : undefined,
      }}
    >
      <Card.Section pos="relative">
        <video
          ref={video}
          autoPlay
          muted
          playsInline
          style={{ width: '100%', aspectRatio: '16 / 9', background: '#111', display: 'block' }}
        />
        <audio ref={audio} autoPlay />
        {peer.refusedByServer && (
          // Over the black video, where the user looks for it; the badges below are crowded.
          <Text
            data-testid="refused-by-server"
            role="status"
            c="white"
            size="sm"
            ta="center"
            pos="absolute"
            inset={0}
            p="sm"
            style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
          >
            {t('room.refusedByServer')}
          </Text>
        )}
      </Card.Section>
      <Group justify="space-between" mt="xs" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} truncate>
            {peer.displayName}
          </Text>
          <Text size="sm" c="dimmed" truncate>
            {peer.siteName}
          </Text>
        </div>
        <Group gap={4} wrap="nowrap">
          {peer.quality !== 'unknown' && (
            <Badge
              color={qualityColor[peer.quality]}
              variant="dot"
              data-testid="network-quality"
              data-quality={peer.quality}
            >
              {t(`room.quality.${peer.quality}`)}
            </Badge>
          )}
          {isChair && <Badge variant="light">{t('room.chairBadge')}</Badge>}
          {!peer.hasMicrophone && (
            <Badge color="gray" variant="light">
              {t('devices.noMicrophone')}
            </Badge>
          )}
          {peer.micMuted && (
            <Badge color={peer.mutedByChair ? 'orange' : 'gray'} variant="light">
              {peer.mutedByChair ? t('room.micMutedByChair') : t('room.micMuted')}
            </Badge>
          )}
          {peer.videoCapped && (
            <Badge color="gray" variant="light">
              {t('room.videoCapped')}
            </Badge>
          )}
          {!peer.videoTrack && !peer.refusedByServer && (
            <Badge color="gray" variant="light">
              {t('room.noVideo')}
            </Badge>
          )}
        </Group>
      </Group>
      {onSetMicrophones && !compact && (
        <Group gap="xs" mt="xs">
          <Button
            size="xs"
            variant="light"
            onClick={() => onSetMicrophones({ kind: 'peer', peerId: peer.peerId }, !peer.micMuted)}
            aria-label={t(peer.micMuted ? 'room.unmutePersonOf' : 'room.mutePersonOf', {
              name: peer.displayName,
            })}
          >
            {peer.micMuted ? t('room.unmutePerson') : t('room.mutePerson')}
          </Button>
          <Button
            size="xs"
            variant="light"
            onClick={() => onSetMicrophones({ kind: 'site', siteId: peer.siteId }, true)}
            aria-label={t('room.muteSiteOf', { site: peer.siteName })}
          >
            {t('room.muteSite')}
          </Button>
          <Button
            size="xs"
            variant="light"
            onClick={() => onSetMicrophones({ kind: 'allExcept', peerId: peer.peerId }, true)}
            aria-label={t('room.onlyThisSpeaksOf', { name: peer.displayName })}
          >
            {t('room.onlyThisSpeaks')}
          </Button>
        </Group>
      )}
    </Card>
  );
});
