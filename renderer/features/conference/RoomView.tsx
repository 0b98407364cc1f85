/**
 * The online meeting room: joins through RoomClient (no React in it), shows every other site's
 * tile, the self preview with what the server receives, and — for the chair and the secretary —
 * microphone control over people and sites. A delegate without a camera or microphone takes
 * part all the same (and can turn one on later from here); in hall mode only the meeting's
 * panels show, and no media is sent or received.
 */
import { can } from '../../../common/domain/policy';
import {
  Alert,
  Select,
  SegmentedControl,
  Switch,
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
import { notifications } from '@mantine/notifications';
import {
  lazy,
  memo,
  startTransition,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { MuteTarget } from '../../../common/protocol/signaling';
import { PanelBoundary } from '../../app/PanelBoundary';
import { useFocusOnMount } from '../../app/useFocusOnMount';
import { getApi } from '../../lib/api';
import { useIpcQuery } from '../../lib/useIpcQuery';
import {
  markJoinStep,
  RoomClient,
  type ProducerState,
  type RemotePeer,
} from '../../media/RoomClient';
import { useSession } from '../../state/sessionStore';
import { DeviceCheck } from './DeviceCheck';
import { DeviceFailureMessage } from './DeviceFailureMessage';
import { AgendaView } from '../documents/AgendaView';
import { MeetingPanel } from '../meeting/MeetingPanel';
import { PresentationPanel } from '../presentation/PresentationPanel';

// The editor (TipTap/ProseMirror) loads when the room opens, not with the app.
const ConclusionsPanel = lazy(() =>
  import('../conclusions/ConclusionsPanel').then((m) => ({ default: m.ConclusionsPanel })),
);

// RoomView renders again on every change of RoomClient's state (inbound stats each second, the
// active speaker, each consumer while joining). The panels below depend on none of it: memoised,
// they render only when their own props change. Rendering all of them on every change kept a
// joining client's main thread busy for seconds on a two-core machine, delaying its first frames.
const MeetingPanelInRoom = memo(MeetingPanel);
const PresentationPanelInRoom = memo(PresentationPanel);
const AgendaInRoom = memo(AgendaView);
const ConclusionsPanelInRoom = memo(ConclusionsPanel);

/**
 * What follows the tiles after joining, in the order it appears: the room's controls with the
 * self preview, then the four panels.
 */
const STAGES = 5;

/**
 * How many of the room's panels to show: none until `active`, then one more per step, each step
 * a transition started from a fresh task. Mounting them all at once (the conclusions editor above
 * all) held a joining client's main thread for over a second on two cores while its first remote
 * frames waited; one at a time, interruptible, the tiles and the media go first.
 */
function useStagedMount(active: boolean, count: number): number {
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (!active || shown >= count) return;
    const timer = setTimeout(() => startTransition(() => setShown((n) => n + 1)));
    return () => clearTimeout(timer);
  }, [active, shown, count]);
  return active ? shown : 0;
}
import { RemoteTile } from './RemoteTile';
import { ScreenShareView } from './ScreenShareView';

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
  const session = useSession();
  const client = useMemo(() => new RoomClient(getApi(), meetingId), [meetingId]);
  const state = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const preview = useRef<HTMLVideoElement>(null);
  const [layout, setLayout] = useState<Layout>('grid');

  const title = meeting.status === 'success' ? meeting.data.meeting.title : t('app.loading');
  const myUserId =
    session.phase === 'ready' && session.session.status === 'signed_in'
      ? session.session.user.id
      : undefined;
  const myRole =
    meeting.status === 'success'
      ? meeting.data.meeting.participants.find((p) => p.userId === myUserId)?.meetingRole
      : undefined;
  const controlsMics = can(myRole, 'microphones.control');

  const [checkedDevices, setCheckedDevices] = useState(false);
  useEffect(() => {
    // The connection opens while the user checks camera and microphone: joining is then quicker.
    client.prepare();
    return () => client.leave();
  }, [client]);

  const joined = state.phase === 'joined';

  const setMicrophones = useCallback(
    (target: MuteTarget, muted: boolean) => {
      client.setMicrophones(target, muted).then(
        (changed) =>
          notifications.show({
            message: t(muted ? 'room.mutedCount' : 'room.unmutedCount', { count: changed }),
          }),
        (error: unknown) =>
          notifications.show({
            color: 'red',
            message: error instanceof Error ? error.message : String(error),
          }),
      );
    },
    [client, t],
  );

  // The tiles mount as soon as the room is joined, before their media arrives; everything else
  // comes a step at a time once this client's own media is sent too, so that no long commit
  // holds the main thread while the first remote frames are on their way.
  const stages = useStagedMount(joined && state.sending, STAGES);
  const controlsShown = stages >= 1;
  const panels = stages - 1;
  // The preview element appears with the controls: attach the stream when it does.
  useEffect(() => {
    if (preview.current && state.localStream) preview.current.srcObject = state.localStream;
  }, [state.localStream, controlsShown]);

  const onVideoWidth = useCallback(
    (peerId: string, width: number) => void client.setVideoWidth(peerId, width),
    [client],
  );
  const addDevice = useCallback(
    (device: 'camera' | 'microphone') =>
      void client.addDevice(device).catch((error: unknown) =>
        notifications.show({
          color: 'red',
          message: error instanceof Error ? error.message : String(error),
        }),
      ),
    [client],
  );
  const self = state.self;
  const media = state.mode === 'media';
  const hasMic = (state.localStream?.getAudioTracks().length ?? 0) > 0;
  const hasCamera = (state.localStream?.getVideoTracks().length ?? 0) > 0;
  // What this site receives, for whoever checks that hall mode takes nothing (tests, support).
  const remoteTracks = state.peers.reduce(
    (n, p) => n + Number(!!p.audioTrack) + Number(!!p.videoTrack) + Number(!!p.screenTrack),
    0,
  );
  return (
    <Stack
      gap="lg"
      data-testid="room"
      data-room-mode={state.mode}
      data-remote-tracks={remoteTracks}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={1} size="h2" ref={headingRef} tabIndex={-1}>
          {title}
        </Title>
        <Group wrap="nowrap" style={{ flexShrink: 0 }}>
          {self && joined && media && !hasMic && (
            <Button
              size="md"
              variant="default"
              loading={state.openingDevice === 'microphone'}
              onClick={() => addDevice('microphone')}
            >
              {t('devices.addMicrophone')}
            </Button>
          )}
          {joined && media && !hasCamera && (
            <Button
              size="md"
              variant="default"
              loading={state.openingDevice === 'camera'}
              onClick={() => addDevice('camera')}
            >
              {t('devices.addCamera')}
            </Button>
          )}
          {self && joined && media && hasMic && (
            <Button
              size="md"
              variant={self.micMuted ? 'filled' : 'default'}
              color={self.micMuted ? 'orange' : undefined}
              // The chair and the secretary may always open their own microphone again.
              disabled={self.mutedByChair && !controlsMics}
              onClick={() => void client.setMyMicMuted(!self.micMuted)}
            >
              {self.micMuted ? t('room.unmuteMe') : t('room.muteMe')}
            </Button>
          )}
          {joined && media && (
            <Button
              size="md"
              variant={state.sharingScreen ? 'filled' : 'default'}
              onClick={() =>
                void (
                  state.sharingScreen ? client.stopScreenShare() : client.startScreenShare()
                ).catch((error: unknown) =>
                  notifications.show({
                    color: 'red',
                    message: error instanceof Error ? error.message : String(error),
                  }),
                )
              }
            >
              {state.sharingScreen ? t('room.stopScreenShare') : t('room.startScreenShare')}
            </Button>
          )}
          <Button color="red" size="md" onClick={onLeave}>
            {t('room.leave')}
          </Button>
        </Group>
      </Group>
      {!checkedDevices && (
        <DeviceCheck
          onJoin={(choice) => {
            setCheckedDevices(true);
            void (choice.mode === 'hall' ? client.joinHall() : client.join(choice.stream));
          }}
        />
      )}
      {(state.phase === 'connecting' || state.phase === 'reconnecting') && (
        <Group role="status">
          <Loader size="sm" />
          <Text>
            {state.phase === 'connecting' ? t('room.connecting') : t('room.reconnecting')}
          </Text>
        </Group>
      )}
      {state.phase === 'failed' && (
        <Alert
          color={state.replaced ? 'blue' : 'red'}
          role="alert"
          title={state.replaced ? t('room.replaced') : t('room.failed')}
        >
          {state.replaced ? t('room.replacedHint') : state.error}
        </Alert>
      )}
      {state.mode === 'hall' && joined && (
        <Alert color="blue" role="status" data-testid="hall-mode">
          {t('devices.hallModeActive')}
        </Alert>
      )}
      {state.deviceFailure && (
        <Alert
          color="orange"
          role="alert"
          data-testid="device-failure"
          title={t(
            state.deviceFailure.device === 'camera'
              ? 'devices.addFailedCamera'
              : 'devices.addFailedMicrophone',
          )}
          withCloseButton
          closeButtonLabel={t('devices.dismiss')}
          onClose={() => client.clearDeviceFailure()}
        >
          <DeviceFailureMessage
            device={state.deviceFailure.device}
            failure={state.deviceFailure.failure}
          />
          <Text size="sm" mt={4}>
            {t('devices.stillInMeeting')}
          </Text>
        </Alert>
      )}
      {self?.mutedByChair && (
        <Alert color="orange" role="status">
          {t('room.mutedByChair')}
        </Alert>
      )}
      {controlsShown && media && (
        <RoomControls
          client={client}
          layout={layout}
          onLayout={setLayout}
          maxVideos={state.maxVideos}
          audioOnly={state.audioOnly}
        />
      )}
      {joined &&
        media &&
        state.peers
          .filter((p) => p.screenTrack)
          .map((p) => <ScreenShareView key={p.peerId} peer={p} />)}
      {joined && media && state.receiving && (
        <RoomTiles
          peers={state.peers}
          layout={layout}
          activeSpeakerId={state.activeSpeakerId}
          onSetMicrophones={controlsMics ? setMicrophones : undefined}
          onVideoWidth={onVideoWidth}
        />
      )}
      {/* Each panel apart: an error in one leaves the tiles and the other panels working. */}
      {panels >= 1 && myUserId && (
        <PanelBoundary>
          <MeetingPanelInRoom channel={client.meeting} userId={myUserId} />
        </PanelBoundary>
      )}
      {panels >= 2 && myUserId && myRole && meeting.status === 'success' && (
        <PanelBoundary>
          <PresentationPanelInRoom
            channel={client.presentation}
            agendaChanges={client.agenda}
            meeting={meeting.data.meeting}
            userId={myUserId}
            meetingRole={myRole}
          />
        </PanelBoundary>
      )}
      {/* The agenda follows the chair: the item under discussion and new documents are pushed. */}
      {panels >= 3 && (
        <PanelBoundary>
          <AgendaInRoom meetingId={meetingId} live={client.agenda} />
        </PanelBoundary>
      )}
      {panels >= 4 && myUserId && myRole && meeting.status === 'success' && (
        <PanelBoundary>
          <Suspense fallback={null}>
            <ConclusionsPanelInRoom
              channel={client.conclusions}
              meeting={meeting.data.meeting}
              userId={myUserId}
              meetingRole={myRole}
            />
          </Suspense>
        </PanelBoundary>
      )}
      {controlsShown && media && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder padding="sm">
            <Text fw={600} mb="xs">
              {t('room.selfPreview')}
            </Text>
            <div style={{ position: 'relative' }}>
              <video
                ref={preview}
                autoPlay
                muted
                playsInline
                style={{ width: '100%', borderRadius: 8, background: '#000', display: 'block' }}
              />
              {!hasCamera && (
                <Text
                  c="gray.4"
                  size="sm"
                  pos="absolute"
                  inset={0}
                  style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
                >
                  {t('devices.noCamera')}
                </Text>
              )}
            </div>
          </Card>
          <Card withBorder padding="sm">
            <Text fw={600} mb="xs">
              {t('room.sending')}
            </Text>
            <Stack gap="xs">
              {!hasMic && !hasCamera && <Text c="dimmed">{t('devices.notSending')}</Text>}
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

type Layout = 'grid' | 'speaker';

interface RoomControlsProps {
  client: RoomClient;
  layout: Layout;
  onLayout: (layout: Layout) => void;
  maxVideos: number | null;
  audioOnly: boolean;
}

/**
 * Layout, video cap and audio-only switches. Memoised on those three: the room's state changes
 * with every consumer during a join and every second with the stats, and these Mantine inputs
 * (the Select above all) are the costliest part of the room to render again for nothing.
 */
const RoomControls = memo(function RoomControls({
  client,
  layout,
  onLayout,
  maxVideos,
  audioOnly,
}: RoomControlsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      <SegmentedControl
        aria-label={t('room.layout')}
        value={layout}
        onChange={(value) => onLayout(value as Layout)}
        data={[
          { value: 'grid', label: t('room.layoutGrid') },
          { value: 'speaker', label: t('room.layoutSpeaker') },
        ]}
      />
      <Select
        label={t('room.maxVideos')}
        w={220}
        allowDeselect={false}
        value={maxVideos === null ? 'all' : String(maxVideos)}
        onChange={(value) =>
          void client.setMaxVideos(!value || value === 'all' ? null : Number(value))
        }
        data={[
          { value: 'all', label: t('room.maxVideosAll') },
          ...['1', '2', '4', '6', '9'].map((n) => ({ value: n, label: n })),
        ]}
      />
      <Switch
        size="md"
        checked={audioOnly}
        onChange={(event) => void client.setAudioOnly(event.currentTarget.checked)}
        label={t('room.audioOnly')}
      />
    </Group>
  );
});

interface RoomTilesProps {
  peers: readonly RemotePeer[];
  layout: Layout;
  activeSpeakerId: string | null;
  onSetMicrophones?: (target: MuteTarget, muted: boolean) => void;
  onVideoWidth: (peerId: string, width: number) => void;
}

/**
 * The participants' tiles, mounted once their consumers exist (`receiving`) rather than when the
 * room is joined: the mount is the costliest render of the room (about 200 ms of a busy 2-core
 * PC's main thread), and on the join it held back the answers to the consumer requests and the
 * media set-up that follows them. Mounted later, it runs while ICE and DTLS connect, and renders
 * the tiles with their tracks at once.
 */
const RoomTiles = memo(function RoomTiles({
  peers,
  layout,
  activeSpeakerId,
  onSetMicrophones,
  onVideoWidth,
}: RoomTilesProps) {
  const { t } = useTranslation();
  useEffect(() => {
    markJoinStep('tiles');
  }, []);
  return (
    <section aria-label={t('room.participants')}>
      {peers.length === 0 ? (
        <Text c="dimmed">{t('room.alone')}</Text>
      ) : layout === 'grid' ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {peers.map((peer) => (
            <RemoteTile
              key={peer.peerId}
              peer={peer}
              activeSpeaker={peer.peerId === activeSpeakerId}
              onSetMicrophones={onSetMicrophones}
              onVideoWidth={onVideoWidth}
            />
          ))}
        </SimpleGrid>
      ) : (
        <SpeakerLayout
          peers={peers}
          mainPeerId={mainPeerId(peers, activeSpeakerId)}
          activeSpeakerId={activeSpeakerId}
          onSetMicrophones={onSetMicrophones}
          onVideoWidth={onVideoWidth}
        />
      )}
    </section>
  );
});

/** Speaker view's main tile: the active speaker, else the chair, else the first peer. */
function mainPeerId(
  peers: readonly RemotePeer[],
  activeSpeakerId: string | null,
): string | undefined {
  return (
    peers.find((p) => p.peerId === activeSpeakerId)?.peerId ??
    peers.find((p) => p.meetingRole === 'chair')?.peerId ??
    peers[0]?.peerId
  );
}

interface SpeakerLayoutProps {
  peers: readonly RemotePeer[];
  mainPeerId: string | undefined;
  activeSpeakerId: string | null;
  onSetMicrophones?: (target: MuteTarget, muted: boolean) => void;
  onVideoWidth: (peerId: string, width: number) => void;
}

/** One large tile for who is speaking, the other sites in a strip of small tiles below. */
function SpeakerLayout({
  peers,
  mainPeerId,
  activeSpeakerId,
  onSetMicrophones,
  onVideoWidth,
}: SpeakerLayoutProps) {
  const main = peers.find((p) => p.peerId === mainPeerId);
  const others = peers.filter((p) => p.peerId !== mainPeerId);
  return (
    <Stack gap="sm">
      {main && (
        <div data-testid="speaker-main">
          <RemoteTile
            peer={main}
            activeSpeaker={main.peerId === activeSpeakerId}
            onSetMicrophones={onSetMicrophones}
            onVideoWidth={onVideoWidth}
          />
        </div>
      )}
      <SimpleGrid cols={{ base: 3, md: 5, lg: 6 }} data-testid="speaker-strip">
        {others.map((peer) => (
          <RemoteTile
            key={peer.peerId}
            peer={peer}
            activeSpeaker={peer.peerId === activeSpeakerId}
            onVideoWidth={onVideoWidth}
            compact
          />
        ))}
      </SimpleGrid>
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
      data-max-spatial-layer={producer.maxSpatialLayer ?? ''}
    >
      <Text>{producer.kind === 'audio' ? t('room.microphone') : t('room.camera')}</Text>
      <Group gap="xs">
        {/* Layers nobody receives are not sent: say how many are. */}
        {producer.maxSpatialLayer !== undefined && (
          <Badge color="blue" variant="light" size="lg">
            {t('room.layersSent', { count: producer.maxSpatialLayer + 1 })}
          </Badge>
        )}
        <Badge color={receiving ? 'green' : 'gray'} variant="light" size="lg">
          {receiving
            ? t('room.serverReceiving', {
                kbps: Math.round(producer.serverBitrate / 1000),
                packets: producer.serverPacketCount,
              })
            : t('room.waitingForServer')}
        </Badge>
      </Group>
    </Group>
  );
}
