import { Card, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemotePeer } from '../../media/RoomClient';

/** A shared screen, as large as the room allows: slides and documents must be readable. */
export function ScreenShareView({ peer }: { peer: RemotePeer }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current)
      video.current.srcObject = peer.screenTrack ? new MediaStream([peer.screenTrack]) : null;
  }, [peer.screenTrack]);
  return (
    <Card
      withBorder
      padding="xs"
      data-testid="screen-share"
      aria-label={t('room.screenOf', { name: peer.displayName, site: peer.siteName })}
    >
      <Text fw={600} mb="xs">
        {t('room.screenOf', { name: peer.displayName, site: peer.siteName })}
      </Text>
      <Card.Section>
        <video
          ref={video}
          autoPlay
          muted
          playsInline
          style={{
            width: '100%',
            maxHeight: '70vh',
            background: '#000',
            display: 'block',
            objectFit: 'contain',
          }}
        />
      </Card.Section>
    </Card>
  );
}
