/**
 * Owns the signaling connection and mediasoup-client for one meeting room; no React. State is
 * an immutable snapshot replaced on every change, read by React with useSyncExternalStore.
 *
 * State shape:
 * - phase: idle → connecting → joined; joined ⇄ reconnecting when the link drops (the local
 *   camera and microphone keep running and are sent again after the rejoin); failed (with
 *   `error`) when it cannot join at all, or (with `replaced`) when the same user joined this
 *   meeting from another window or machine, which stays; left after leave()
 * - mode: `media` sends what this PC has (camera, microphone, both or neither) and receives the
 *   room; `hall` (a delegate in the province hall with a laptop) neither sends nor receives any
 *   media, makes no transport and consumes nothing: documents, votes and the speaking queue only
 * - localStream: the camera+mic stream being sent (for the self preview); it may hold one track
 *   or none, and a device added from inside the room (addDevice) joins it
 * - openingDevice / deviceFailure: a device being opened from inside the room, and the last one
 *   that could not be, with why (the delegate stays in the meeting either way)
 * - self: this client's peer id and whether its microphone is muted (and by whom)
 * - producers: one entry per sent track, with what the server reports receiving from it;
 *   sending once all of them are
 * - receiving: the media of everyone present at the join have their consumers here (their
 *   tracks are set); joined comes a little earlier, sending a little later
 * - peers: everyone else in the room (a person at a site), with the tracks received from them,
 *   their microphone state and inbound counters from WebRTC stats (the per-tile indicator)
 * - activeSpeakerId: the loudest speaker the server reports
 */
import { Device } from 'mediasoup-client';
import type { types as msc } from 'mediasoup-client';
import { AppError, assertUnreachable } from '../../common/errors';
import { ConclusionsChannel } from './ConclusionsChannel';
import { MeetingChannel, type SignalingRequest } from './MeetingChannel';
import { PresentationChannel } from './PresentationChannel';
import { AgendaChannel } from './AgendaChannel';
import { SignalingClient } from '../../common/protocol/SignalingClient';
import {
  CAMERA_START_LAYER,
  signalingCloseCodes,
  signalingNotifications,
  type MediaSource,
  type MuteTarget,
  type PeerSummary,
  type ProducerSummary,
  type SignalingNotificationData,
  type SignalingNotificationName,
} from '../../common/protocol/signaling';
import type { PhongHopApi } from '../../common/ipc/contract';
import { networkQuality, type NetworkQuality, type QualitySample } from './networkQuality';
import {
  browserGetUserMedia,
  openLocalDevice,
  type DeviceFailure,
  type GetUserMedia,
  type LocalDevice,
} from './localDevices';

export interface ProducerState {
  id: string;
  kind: 'audio' | 'video';
  source: MediaSource;
  /** Packets the server has received from this track (server-side producer stats). */
  serverPacketCount: number;
  serverBitrate: number;
  /** A camera: the highest simulcast layer sent (the server asks for what receivers need). */
  maxSpatialLayer?: number;
}

export interface InboundCounters {
  audioBytes: number;
  videoBytes: number;
  framesDecoded: number;
  packetsLost: number;
  packetsReceived: number;
}

export interface RemotePeer {
  peerId: string;
  displayName: string;
  siteId: string;
  siteName: string;
  meetingRole: PeerSummary['meetingRole'];
  audioTrack?: MediaStreamTrack;
  videoTrack?: MediaStreamTrack;
  /** A shared screen (slides, a document) from this peer, shown large to everyone. */
  screenTrack?: MediaStreamTrack;
  /** Its camera is paused for this site by the receive cap. */
  videoCapped: boolean;
  /** The server, at its capacity, refused some of its streams to this site (retried). */
  refusedByServer: boolean;
  micMuted: boolean;
  mutedByChair: boolean;
  /** It sends a microphone (a delegate without one, or in hall mode, does not). */
  hasMicrophone: boolean;
  inbound: InboundCounters;
  /** From loss and frozen video over the last poll interval (see networkQuality.ts). */
  quality: NetworkQuality;
  videoConsumerId?: string;
  /** Simulcast layer asked for (from the tile's size) and the one the server forwards now. */
  preferredLayer: number | null;
  spatialLayer: number | null;
  /** The layer the server's consumer prefers, as it confirmed. */
  serverPreferredLayer: number | null;
}

/** `media`: send what this PC has and receive the room; `hall`: no media at all. */
export type RoomMode = 'media' | 'hall';

export interface RoomState {
  phase: 'idle' | 'connecting' | 'joined' | 'reconnecting' | 'failed' | 'left';
  error?: string;
  /** Failed because the same user joined this meeting elsewhere: not rejoined from here. */
  replaced?: boolean;
  mode: RoomMode;
  localStream?: MediaStream;
  /** A camera or microphone being opened from inside the room (addDevice). */
  openingDevice: LocalDevice | null;
  /** The last device addDevice could not open, and why; cleared by the next try. */
  deviceFailure: { device: LocalDevice; failure: DeviceFailure } | null;
  self?: { peerId: string; micMuted: boolean; mutedByChair: boolean };
  producers: ProducerState[];
  /** Every local track is being sent (the room is joined a little before this). */
  sending: boolean;
  /** The consumers of the media present at the join exist and their tracks are set. */
  receiving: boolean;
  peers: RemotePeer[];
  activeSpeakerId: string | null;
  /** Weak-link mode: no video is sent or received, only audio. */
  audioOnly: boolean;
  /** Receive cap: how many camera videos this site receives (null: all). */
  maxVideos: number | null;
  sharingScreen: boolean;
}

const noInbound: InboundCounters = {
  audioBytes: 0,
  videoBytes: 0,
  framesDecoded: 0,
  packetsLost: 0,
  packetsReceived: 0,
};
const initialState: RoomState = {
  phase: 'idle',
  mode: 'media',
  openingDevice: null,
  deviceFailure: null,
  producers: [],
  sending: false,
  receiving: false,
  peers: [],
  activeSpeakerId: null,
  audioOnly: false,
  maxVideos: null,
  sharingScreen: false,
};

/**
 * Three simulcast layers of the camera (capture 960×540): quarter, half and full size, so each
 * receiver gets what its tile needs and a weak commune link can stay on the smallest. Only those
 * up to CAMERA_START_LAYER are sent at first; the server asks for more when someone's tile needs
 * them, and for less when nobody does (`producerLayersWanted`).
 */
const cameraEncodings = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 450_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
].map((encoding, layer) => ({ ...encoding, active: layer <= CAMERA_START_LAYER }));

/** How soon streams the server refused at its capacity are asked for again. */
const REFUSED_RETRY_MS = 5000;

/** The longest a joining client's own media waits for the room's media to be set up. */
const RECEIVE_BEFORE_SENDING_MAX_MS = 2000;

/** The simulcast layer a tile of this many CSS pixels needs. */
export function layerForWidth(width: number): number {
  if (width >= 480) return 2;
  if (width >= 240) return 1;
  return 0;
}

interface RoomSession {
  signaling: SignalingClient;
  /** Absent in hall mode: nothing is sent or received, so no WebRTC at all. */
  device: Device | undefined;
  routerRtpCapabilities: Record<string, unknown>;
  /** Send and receive transports, made ahead of the click by prepare(). */
  transports?: [send: msc.Transport, recv: msc.Transport];
}

/** Close codes after which rejoining cannot help. */
const finalCloseCodes = new Set<number>([
  signalingCloseCodes.incompatible,
  signalingCloseCodes.unauthorized,
]);

export class RoomClient {
  readonly #api: PhongHopApi;
  readonly #meetingId: string;
  readonly #listeners = new Set<() => void>();
  #state: RoomState = initialState;
  #signaling: SignalingClient | undefined;
  #sendTransport: msc.Transport | undefined;
  #recvTransport: msc.Transport | undefined;
  /** Consumers by id, with the peer they come from. */
  readonly #consumers = new Map<
    string,
    { consumer: msc.Consumer; peerId: string; source: MediaSource }
  >();
  /** Remote producers by id, to map pause notifications to a peer's microphone. */
  readonly #remoteProducers = new Map<string, { peerId: string; source: MediaSource }>();
  #micProducer: msc.Producer | undefined;
  #cameraProducer: msc.Producer | undefined;
  /** The server's word on the microphone, if it came before produce() handed the producer over. */
  #micStateEarly: { producerId: string; muted: boolean; byChair: boolean } | undefined;
  /** The server's ask for the camera's layers, if it came before the camera's producer. */
  #cameraLayerWanted: { producerId: string; spatialLayer: number } | undefined;
  /** The simulcast layer last asked for, by consumer. */
  readonly #layerAsked = new Map<string, number>();
  #screenProducer: msc.Producer | undefined;
  /** Video consumers this client has asked the server to forward (resumed). */
  readonly #flowing = new Set<string>();
  /** Streams the server refused at its consumer bound, by producer id, asked for again later. */
  readonly #refused = new Map<string, string>();
  #refusedRetryTimer: ReturnType<typeof setTimeout> | undefined;
  #statsTimer: ReturnType<typeof setInterval> | undefined;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by leave() and by each (re)connection: stale async work sees it changed and stops. */
  #attempt = 0;
  /** The socket and device opened by prepare() while the user checks their devices. */
  #prepared: Promise<RoomSession | undefined> | undefined;
  /** Bumped by each join and by leave(): a device opened for an earlier visit is not kept. */
  #visit = 0;
  /** Local tracks are sent one at a time, so a device added during a join is sent once. */
  #sendQueue: Promise<void> = Promise.resolve();

  #channelRequest: SignalingRequest = (method, data) =>
    this.#signaling
      ? this.#signaling.request(method, data)
      : Promise.reject(new AppError('unavailable', 'Not connected to the room'));

  /** Attendance, the speaking queue and votes, over the same socket; works without media. */
  readonly meeting = new MeetingChannel(this.#channelRequest);

  /** The live conclusions, over the same socket. */
  readonly conclusions = new ConclusionsChannel(this.#channelRequest);

  /** Presenter sync: small page messages that keep working on audio-only. */
  readonly presentation = new PresentationChannel(this.#channelRequest);

  /** Agenda changes (item under discussion, new documents): an agenda shown in the room reloads. */
  readonly agenda = new AgendaChannel();

  constructor(api: PhongHopApi, meetingId: string) {
    this.#api = api;
    this.#meetingId = meetingId;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): RoomState => this.#state;

  /**
   * Opens the signaling socket and loads the device while the user is still on the device check,
   * so that joining only has the transports, the join and the media left. Nothing of this makes
   * the user present in the room; join() opens its own connection if this one failed or closed.
   */
  prepare(): void {
    if (this.#prepared || (this.#state.phase !== 'idle' && this.#state.phase !== 'left')) return;
    const prepared = this.#openSession().then(
      async (session) => {
        session.signaling.onClose = () => {
          if (this.#prepared === prepared) this.#prepared = undefined;
        };
        // The transports too (a round trip, 40–200 ms on a busy PC): they make nobody present.
        const transports = await this.#createTransports(session).catch(() => undefined);
        return { ...session, transports };
      },
      () => undefined,
    );
    this.#prepared = prepared;
  }

  /**
   * Enters the room sending `stream` (camera + microphone, one of them, or no track at all: a
   * delegate whose devices failed still takes part); the client owns it from here on.
   */
  join(stream: MediaStream): Promise<void> {
    return this.#enter('media', stream);
  }

  /**
   * Enters in hall mode: present in the meeting (attendance, the speaking queue, votes, the
   * presenter's document, the agenda, the conclusions) without sending or receiving any media.
   */
  joinHall(): Promise<void> {
    return this.#enter('hall', undefined);
  }

  async #enter(mode: RoomMode, stream: MediaStream | undefined): Promise<void> {
    if (
      this.#state.phase !== 'idle' &&
      this.#state.phase !== 'left' &&
      this.#state.phase !== 'failed'
    )
      return;
    const attempt = ++this.#attempt;
    this.#visit++;
    this.#set({ ...initialState, phase: 'connecting', mode, localStream: stream });
    try {
      await this.#connect(attempt);
    } catch (error) {
      if (attempt !== this.#attempt) return;
      this.#set({ ...this.#state, phase: 'failed', error: messageOf(error) });
    }
  }

  leave(): void {
    this.#attempt++;
    this.#visit++;
    clearTimeout(this.#reconnectTimer);
    void this.#takePrepared().then((session) => session && closeSession(session));
    this.#teardown();
    this.#state.localStream?.getTracks().forEach((t) => t.stop());
    this.#set({ ...initialState, phase: 'left' });
  }

  /** Mute or unmute this client's own microphone (paused on the server, not just locally). */
  async setMyMicMuted(muted: boolean): Promise<void> {
    const producer = this.#micProducer;
    const signaling = this.#signaling;
    if (!this.#state.self) return;
    // Not sent yet (just joined, or reconnecting): it will start as the user wants it.
    if (!producer || !signaling)
      return this.#set({ ...this.#state, self: { ...this.#state.self, micMuted: muted } });
    if (muted) {
      producer.pause();
      await signaling.request('pauseProducer', { producerId: producer.id });
    } else {
      await signaling.request('resumeProducer', { producerId: producer.id });
      producer.resume();
    }
    this.#set({ ...this.#state, self: { ...this.#state.self, micMuted: muted } });
  }

  /**
   * Opens a camera or microphone from inside the room (the delegate entered without it, or it
   * failed at the device check) and sends it. If it cannot be opened, `deviceFailure` says why
   * and nothing else changes: the delegate stays in the meeting. Rejects only if the server
   * refuses the new stream.
   */
  async addDevice(
    device: LocalDevice,
    getUserMedia: GetUserMedia = browserGetUserMedia(),
  ): Promise<void> {
    const { phase, mode, openingDevice } = this.#state;
    if (mode === 'hall' || openingDevice !== null || this.#hasLocal(device)) return;
    if (phase !== 'joined' && phase !== 'reconnecting') return;
    const visit = this.#visit;
    this.#set({ ...this.#state, openingDevice: device, deviceFailure: null });
    const opened = await openLocalDevice(getUserMedia, device);
    if (visit !== this.#visit) {
      if ('track' in opened) opened.track.stop();
      return;
    }
    if ('failure' in opened) {
      this.#set({
        ...this.#state,
        openingDevice: null,
        deviceFailure: { device, failure: opened.failure },
      });
      return;
    }
    // A new stream object: the snapshot changes, and the self preview shows the camera.
    const localStream = new MediaStream([
      ...(this.#state.localStream?.getTracks() ?? []),
      opened.track,
    ]);
    this.#set({ ...this.#state, localStream, openingDevice: null });
    // A join or rejoin still under way sends it with the others; after that, it is sent here.
    const signaling = this.#signaling;
    if (signaling && this.#state.phase === 'joined' && this.#state.sending)
      await this.#sendLocalTracks(signaling, () => signaling !== this.#signaling);
  }

  /** The delegate has read why a device could not be added. */
  clearDeviceFailure(): void {
    if (this.#state.deviceFailure) this.#set({ ...this.#state, deviceFailure: null });
  }

  /** This PC has a working track of `device` in the stream it sends. */
  #hasLocal(device: LocalDevice): boolean {
    const stream = this.#state.localStream;
    const tracks = device === 'camera' ? stream?.getVideoTracks() : stream?.getAudioTracks();
    return (tracks ?? []).some((track) => track.readyState === 'live');
  }

  /**
   * The tile of `peerId` is shown `width` CSS pixels wide: ask the server for the simulcast
   * layer that fits, only when the needed layer changes.
   */
  async setVideoWidth(peerId: string, width: number): Promise<void> {
    const layer = layerForWidth(width);
    const peer = this.#state.peers.find((p) => p.peerId === peerId);
    if (!peer || peer.preferredLayer === layer) return;
    this.#updatePeer(peerId, (p) => ({ ...p, preferredLayer: layer }));
    // A new video stays on layer 0 until its first frames have come (see #raiseNewVideos).
    if (peer.videoConsumerId && peer.inbound.framesDecoded > 0)
      await this.#requestLayer(peerId, peer.videoConsumerId, layer);
  }

  /**
   * Asks for the layer each tile needs of videos that have shown frames, once per consumer and
   * layer. The server starts a camera on layer 0 and mediasoup takes the first layer a consumer
   * forwards as its timestamp reference; were that a higher layer the sender drops before its
   * first RTCP report (CPU adaptation, or SenderLayers), the consumer could never switch and the
   * tile would stay black (versatica/mediasoup#492). Layer 0 is never dropped.
   */
  #raiseNewVideos(): void {
    for (const p of this.#state.peers) {
      const consumerId = p.videoConsumerId;
      if (!consumerId || p.preferredLayer === null || p.inbound.framesDecoded === 0) continue;
      if (this.#layerAsked.get(consumerId) === p.preferredLayer) continue;
      void this.#requestLayer(p.peerId, consumerId, p.preferredLayer);
    }
  }

  /** Asks the server for a layer and records what its consumer now prefers. */
  async #requestLayer(peerId: string, consumerId: string, spatialLayer: number): Promise<void> {
    const signaling = this.#signaling;
    if (!signaling) return;
    this.#layerAsked.set(consumerId, spatialLayer);
    const answer = await signaling
      .request('setConsumerPreferredLayers', { consumerId, spatialLayer })
      .catch(() => undefined);
    if (answer) {
      this.#updatePeer(peerId, (p) => ({
        ...p,
        serverPreferredLayer: answer.preferredSpatialLayer,
      }));
    }
  }

  /** Shares a screen or window (the browser's or Electron's picker chooses which). */
  async startScreenShare(): Promise<void> {
    const transport = this.#sendTransport;
    if (!transport || this.#screenProducer) return;
    const stream = await navigator.mediaDevices.getDisplayMedia({
      video: { frameRate: 10 },
      audio: false,
    });
    const track = stream.getVideoTracks()[0];
    if (!track) return;
    // Text on slides must stay sharp: prefer resolution over frame rate when bandwidth is short.
    track.contentHint = 'detail';
    const producer = await transport.produce({ track, appData: { source: 'screen' } });
    this.#screenProducer = producer;
    track.addEventListener('ended', () => void this.stopScreenShare());
    this.#set({ ...this.#state, sharingScreen: true });
  }

  async stopScreenShare(): Promise<void> {
    const producer = this.#screenProducer;
    if (!producer) return;
    this.#screenProducer = undefined;
    producer.close();
    this.#set({ ...this.#state, sharingScreen: false });
    await this.#signaling
      ?.request('closeProducer', { producerId: producer.id })
      .catch(() => undefined);
  }

  /** Weak-link mode: stop sending the camera and receiving every video; audio goes on. */
  async setAudioOnly(audioOnly: boolean): Promise<void> {
    const signaling = this.#signaling;
    this.#set({ ...this.#state, audioOnly });
    if (!signaling) return;
    const camera = this.#cameraProducer;
    if (camera) {
      if (audioOnly) camera.pause();
      else camera.resume();
      await signaling
        .request(audioOnly ? 'pauseProducer' : 'resumeProducer', { producerId: camera.id })
        .catch(() => undefined);
    }
    await this.#syncVideoConsumers();
  }

  /**
   * This site's receive cap: at most `maxVideos` camera videos (null: all), kept for the active
   * speaker, then the chair, then in order of arrival; the others are paused on the server.
   */
  async setMaxVideos(maxVideos: number | null): Promise<void> {
    this.#set({ ...this.#state, maxVideos });
    await this.#syncVideoConsumers();
  }

  /** Peers whose camera this site receives under its cap. */
  #allowedCameras(): Set<string> {
    const { peers, maxVideos, activeSpeakerId } = this.#state;
    if (maxVideos === null) return new Set(peers.map((p) => p.peerId));
    const rank = (p: RemotePeer) =>
      p.peerId === activeSpeakerId ? 0 : p.meetingRole === 'chair' ? 1 : 2;
    const ordered = peers
      .map((p, index) => ({ p, index }))
      .sort((a, b) => rank(a.p) - rank(b.p) || a.index - b.index);
    return new Set(ordered.slice(0, maxVideos).map(({ p }) => p.peerId));
  }

  /**
   * Brings every video consumer to what audio-only mode and the receive cap want: pauses or
   * resumes it on the server (so nothing crosses a weak link) only where that changed.
   */
  async #syncVideoConsumers(): Promise<void> {
    const signaling = this.#signaling;
    if (!signaling) return;
    const allowed = this.#allowedCameras();
    const capped = new Set<string>();
    const changes: Promise<unknown>[] = [];
    for (const { consumer, peerId, source } of this.#consumers.values()) {
      if (consumer.kind !== 'video') continue;
      const cappedOut = source === 'camera' && !allowed.has(peerId);
      if (cappedOut) capped.add(peerId);
      const wanted = !this.#state.audioOnly && !cappedOut;
      if (wanted === this.#flowing.has(consumer.id)) continue;
      if (wanted) {
        this.#flowing.add(consumer.id);
        consumer.resume();
      } else {
        this.#flowing.delete(consumer.id);
        consumer.pause();
      }
      changes.push(
        signaling
          .request(wanted ? 'resumeConsumer' : 'pauseConsumer', { consumerId: consumer.id })
          .catch(() => undefined),
      );
    }
    if (this.#state.peers.some((p) => p.videoCapped !== capped.has(p.peerId))) {
      this.#set({
        ...this.#state,
        peers: this.#state.peers.map((p) => ({ ...p, videoCapped: capped.has(p.peerId) })),
      });
    }
    await Promise.all(changes);
  }

  /** Chair's control: mute or unmute a person, a site, or everyone but one person. */
  async setMicrophones(target: MuteTarget, muted: boolean): Promise<number> {
    if (!this.#signaling) throw new AppError('unavailable', 'Not connected to the room');
    return (await this.#signaling.request('setMicrophones', { target, muted })).changed;
  }

  async #connect(attempt: number): Promise<void> {
    const stale = () => attempt !== this.#attempt;
    const hall = this.#state.mode === 'hall';
    markJoinStep('start');
    const prepared = await this.#takePrepared();
    // Hall mode makes no transport: those prepared during the device check go with their socket.
    if (prepared && hall) closeSession(prepared);
    const session = (hall ? undefined : prepared) ?? (await this.#openSession(!hall));
    const { signaling, device } = session;
    if (stale()) return closeSession(session);
    this.#signaling = signaling;
    signaling.onClose = (code, reason) => this.#onSignalingClosed(signaling, code, reason);
    signaling.onNotification = (method, data) => this.#onNotification(method, data);
    if (device) {
      markJoinStep('device');
      [this.#sendTransport, this.#recvTransport] =
        session.transports ?? (await this.#createTransports(session));
      if (stale()) return;
      markJoinStep('transports');
    }

    // Without a device (hall mode) the router's own capabilities: nothing will be consumed.
    const { peerId, peers, activeSpeakerId } = await signaling.request('join', {
      rtpCapabilities: device
        ? (device.recvRtpCapabilities as unknown as Record<string, unknown>)
        : session.routerRtpCapabilities,
    });
    markJoinStep('joined');
    // In the room from here: the tiles show (and mount) while the consumers and this client's
    // own producers are still being set up, rather than after all of it. A microphone muted
    // before a reconnect stays muted after it.
    this.#set({
      ...this.#state,
      phase: 'joined',
      error: undefined,
      self: { peerId, micMuted: this.#state.self?.micMuted ?? false, mutedByChair: false },
      peers: peers.map(toRemotePeer),
      activeSpeakerId: activeSpeakerId ?? null,
      producers: [],
      receiving: hall || peers.every((peer) => peer.producers.length === 0),
      sending: hall,
    });
    for (const peer of peers)
      for (const producer of peer.producers) this.#rememberProducer(peer.peerId, producer);
    if (!hall) await this.#exchangeMedia(signaling, peers, stale);
    if (stale()) return;
    // After every (re)join: the meeting state may have moved on while the socket was down.
    this.meeting.refresh().catch(() => undefined);
    void this.conclusions.resync();
    void this.presentation.refresh();
    this.agenda.rejoined();
    clearInterval(this.#statsTimer);
    if (!hall) this.#statsTimer = setInterval(() => void this.#pollStats(), 1000);
  }

  /** Receives the media of the room, then sends this PC's own (see docs/conference.md). */
  async #exchangeMedia(
    signaling: SignalingClient,
    peers: readonly PeerSummary[],
    stale: () => boolean,
  ): Promise<void> {
    const receiving = this.#consume(
      peers.flatMap((peer) =>
        peer.producers.map((producer) => ({
          peerId: peer.peerId,
          producerId: producer.producerId,
        })),
      ),
    );
    // Receive first, then send: until the room's videos have started to arrive. This client's
    // camera encoder starting, its offer and the others consuming it all compete with the first
    // remote frames for the same cores (on a 2-core PC they delayed them by 0.3–0.8 s); the others
    // get this camera a few hundred ms later instead. Bounded, as a new camera's consumer may
    // wait up to 3 s on the server to be resumed.
    await Promise.race([
      receiving.catch(() => undefined).then(() => this.#videoArrived()),
      new Promise((resolve) => setTimeout(resolve, RECEIVE_BEFORE_SENDING_MAX_MS)),
    ]);
    if (stale()) return;
    // A consume request that hangs (it times out after 10 s) must not keep the tiles away.
    if (!this.#state.receiving) this.#set({ ...this.#state, receiving: true });
    markJoinStep('produce:start');
    await this.#sendLocalTracks(signaling, stale);
    if (stale()) return;
    markJoinStep('producing');
    this.#set({ ...this.#state, sending: true });
  }

  /**
   * Sends every local track that has no producer yet, one at a time and one call after another:
   * a device added from inside the room while a join is sending is sent once, by whichever
   * comes first.
   */
  #sendLocalTracks(signaling: SignalingClient, stale: () => boolean): Promise<void> {
    const run = this.#sendQueue.then(async () => {
      const tried = new Set<MediaStreamTrack>();
      for (;;) {
        if (stale() || signaling !== this.#signaling) return;
        const track = this.#state.localStream
          ?.getTracks()
          .find(
            (t) =>
              !tried.has(t) && !(t.kind === 'audio' ? this.#micProducer : this.#cameraProducer),
          );
        if (!track) return;
        tried.add(track);
        await this.#produceTrack(signaling, track);
      }
    });
    this.#sendQueue = run.catch(() => undefined);
    return run;
  }

  /**
   * Sends one of the local tracks. The tracks outlive a transport: a rejoin sends the same
   * camera and microphone again. A microphone the user muted meanwhile (or before a reconnect)
   * starts paused, on the server too.
   */
  async #produceTrack(signaling: SignalingClient, track: MediaStreamTrack): Promise<void> {
    const transport = this.#sendTransport;
    if (!transport) return;
    const source = track.kind === 'audio' ? 'mic' : 'camera';
    const producer = await transport.produce({
      track,
      stopTracks: false,
      appData: { source },
      ...(track.kind === 'video'
        ? { encodings: cameraEncodings, codecOptions: { videoGoogleStartBitrate: 1000 } }
        : {}),
    });
    if (transport !== this.#sendTransport) return producer.close();
    if (source === 'mic') {
      this.#micProducer = producer;
      const early = this.#micStateEarly;
      this.#micStateEarly = undefined;
      if (early?.producerId === producer.id) this.#applyOwnMicState(early.muted, early.byChair);
      else if (this.#state.self?.micMuted) {
        producer.pause();
        await signaling.request('pauseProducer', { producerId: producer.id });
      }
    } else {
      this.#cameraProducer = producer;
      // A camera added in audio-only mode is not sent until the mode is left (setAudioOnly).
      if (this.#state.audioOnly) {
        producer.pause();
        await signaling.request('pauseProducer', { producerId: producer.id });
      }
    }
    this.#set({
      ...this.#state,
      producers: [
        ...this.#state.producers,
        {
          id: producer.id,
          kind: producer.kind,
          source,
          serverPacketCount: 0,
          serverBitrate: 0,
          ...(source === 'camera' ? { maxSpatialLayer: CAMERA_START_LAYER } : {}),
        },
      ],
    });
    const wanted = this.#cameraLayerWanted;
    if (source === 'camera' && wanted?.producerId === producer.id) {
      this.#cameraLayerWanted = undefined;
      this.#sendLayers(producer, wanted.spatialLayer);
    }
  }

  /** Sends the camera's simulcast layers up to `spatialLayer` only, as the server asked. */
  #sendLayers(camera: msc.Producer, spatialLayer: number): void {
    this.#set({
      ...this.#state,
      producers: this.#state.producers.map((p) =>
        p.id === camera.id ? { ...p, maxSpatialLayer: spatialLayer } : p,
      ),
    });
    // Serialised by mediasoup-client; a failure leaves more layers sent than needed, no harm.
    camera.setMaxSpatialLayer(spatialLayer).catch(() => undefined);
  }

  /** A ticket, the signaling socket, and (unless `withDevice` is false) the loaded device. */
  async #openSession(withDevice = true): Promise<RoomSession> {
    const { ticket, signalingUrl } = await this.#api.invoke('room.joinTicket', {
      meetingId: this.#meetingId,
    });
    markJoinStep('ticket');
    const signaling = await SignalingClient.connect(signalingUrl, ticket);
    markJoinStep('socket');
    try {
      const { routerRtpCapabilities } = await signaling.request('getRouterRtpCapabilities', {});
      if (!withDevice) return { signaling, device: undefined, routerRtpCapabilities };
      const device = await Device.factory();
      await device.load({
        routerRtpCapabilities: routerRtpCapabilities as unknown as msc.RtpCapabilities,
      });
      return { signaling, device, routerRtpCapabilities };
    } catch (error) {
      signaling.close();
      throw error;
    }
  }

  /** The prepared session if it is still open (once: the caller owns it). */
  async #takePrepared(): Promise<RoomSession | undefined> {
    const prepared = this.#prepared;
    this.#prepared = undefined;
    const session = await prepared;
    if (session && !session.signaling.isOpen) closeSession(session);
    return session?.signaling.isOpen ? session : undefined;
  }

  #onSignalingClosed(signaling: SignalingClient, code: number, reason: string): void {
    if (signaling !== this.#signaling || this.#state.phase === 'left') return;
    this.#teardown();
    if (code === signalingCloseCodes.replaced) {
      // The user is in the meeting from another window or machine: that one stays, this one
      // stops (a rejoin would take the place back, and the other would do the same).
      this.#attempt++;
      this.#state.localStream?.getTracks().forEach((t) => t.stop());
      this.#set({ ...initialState, mode: this.#state.mode, phase: 'failed', replaced: true });
      return;
    }
    if (finalCloseCodes.has(code)) {
      this.#set({ ...this.#state, phase: 'failed', error: reason || String(code) });
      return;
    }
    this.#scheduleReconnect(0);
  }

  /** Rejoins with backoff (0.5 s doubling to 8 s) until it works or the user leaves. */
  #scheduleReconnect(failures: number): void {
    const attempt = ++this.#attempt;
    this.#set({
      ...this.#state,
      sharingScreen: false,
      phase: 'reconnecting',
      peers: [],
      producers: [],
      sending: false,
      receiving: false,
      activeSpeakerId: null,
    });
    const delay = Math.min(8000, 500 * 2 ** failures);
    this.#reconnectTimer = setTimeout(() => {
      this.#connect(attempt).catch((error: unknown) => {
        if (attempt !== this.#attempt) return;
        this.#teardown();
        this.#set({ ...this.#state, error: messageOf(error) });
        this.#scheduleReconnect(failures + 1);
      });
    }, delay);
  }

  /** Closes everything of the current connection but the local tracks. */
  #teardown(): void {
    clearInterval(this.#statsTimer);
    const signaling = this.#signaling;
    this.#signaling = undefined;
    this.#sendTransport?.close();
    this.#recvTransport?.close();
    this.#sendTransport = undefined;
    this.#recvTransport = undefined;
    this.#micProducer = undefined;
    this.#micStateEarly = undefined;
    this.#cameraProducer = undefined;
    this.#cameraLayerWanted = undefined;
    this.#layerAsked.clear();
    this.#screenProducer?.close();
    this.#screenProducer = undefined;
    this.#consumers.clear();
    this.#flowing.clear();
    this.#refused.clear();
    clearTimeout(this.#refusedRetryTimer);
    this.#refusedRetryTimer = undefined;
    this.#remoteProducers.clear();
    this.conclusions.disconnected();
    signaling?.close();
  }

  /** Both transports, in one round trip rather than two. */
  async #createTransports({
    signaling,
    device,
  }: RoomSession): Promise<[msc.Transport, msc.Transport]> {
    if (!device) throw new AppError('invalid_state', 'No media device loaded');
    return Promise.all([
      this.#createTransport(signaling, device, 'send'),
      this.#createTransport(signaling, device, 'recv'),
    ]);
  }

  async #createTransport(
    signaling: SignalingClient,
    device: Device,
    direction: 'send' | 'recv',
  ): Promise<msc.Transport> {
    const info = await signaling.request('createWebRtcTransport', { direction });
    const options = {
      id: info.id,
      iceParameters: info.iceParameters as unknown as msc.IceParameters,
      iceCandidates: info.iceCandidates as unknown as msc.IceCandidate[],
      dtlsParameters: info.dtlsParameters as unknown as msc.DtlsParameters,
    };
    const transport =
      direction === 'send'
        ? device.createSendTransport(options)
        : device.createRecvTransport(options);
    // ICE failed (a NAT rebinding, a switched network): new credentials first, a full rejoin
    // only if that does not work.
    transport.on('connectionstatechange', (state) => {
      if (state === 'connected') markJoinStep(`${direction}:connected`);
      if (state === 'failed') void this.#restartIce(signaling, transport);
    });
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      signaling
        .request('connectWebRtcTransport', {
          transportId: transport.id,
          dtlsParameters: dtlsParameters as unknown as Record<string, unknown>,
        })
        .then(() => callback(), errback);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        signaling
          .request('produce', {
            transportId: transport.id,
            kind,
            rtpParameters: rtpParameters as unknown as Record<string, unknown>,
            source: (appData as { source: MediaSource }).source,
          })
          .then(({ producerId }) => callback({ id: producerId }), errback);
      });
    }
    return transport;
  }

  async #restartIce(signaling: SignalingClient, transport: msc.Transport): Promise<void> {
    try {
      const { iceParameters } = await signaling.request('restartIce', {
        transportId: transport.id,
      });
      await transport.restartIce({ iceParameters: iceParameters as unknown as msc.IceParameters });
    } catch {
      if (signaling !== this.#signaling || this.#state.phase === 'left') return;
      this.#teardown();
      this.#scheduleReconnect(0);
    }
  }

  #rememberProducer(peerId: string, producer: ProducerSummary): void {
    this.#remoteProducers.set(producer.producerId, { peerId, source: producer.source });
    if (producer.source === 'mic') {
      this.#updatePeer(peerId, (p) => ({
        ...p,
        hasMicrophone: true,
        micMuted: producer.paused,
        mutedByChair: producer.mutedByChair,
      }));
    }
  }

  /**
   * Resolves once every video this client has asked to receive has had media: a remote track
   * stays muted until its first packets come. Videos held back (audio-only, the receive cap) are
   * not waited for.
   */
  #videoArrived(): Promise<unknown> {
    const waiting = [...this.#consumers.values()]
      .filter(({ consumer }) => this.#flowing.has(consumer.id) && consumer.track.muted)
      .map(({ consumer }) => consumer.track);
    return Promise.all(
      waiting.map(
        (track) =>
          new Promise((resolve) => track.addEventListener('unmute', resolve, { once: true })),
      ),
    );
  }

  /**
   * Receives the given producers. The server's consumers are all asked for first and handed to
   * mediasoup-client together, so it negotiates them in one SDP round rather than one per
   * producer (ten on joining a room of five: over a second on a busy 2-core machine).
   */
  async #consume(wanted: { peerId: string; producerId: string }[]): Promise<void> {
    const signaling = this.#signaling;
    const transport = this.#recvTransport;
    if (!signaling || !transport || wanted.length === 0) return;
    // Microphones first: the server answers in order, so at its capacity it is video that waits.
    wanted = [...wanted].sort(
      (a, b) =>
        Number(!this.#isMicrophone(a.producerId)) - Number(!this.#isMicrophone(b.producerId)),
    );
    const answers = await Promise.all(
      wanted.map(({ peerId, producerId }) =>
        signaling
          .request('consume', { transportId: transport.id, producerId })
          .catch((error: unknown) => {
            // The producer may have closed meanwhile; its peer's tile simply shows no track.
            // A full server is asked again (#retryRefused).
            if (error instanceof AppError && error.code === 'unavailable')
              this.#refused.set(producerId, peerId);
            return null;
          }),
      ),
    );
    if (signaling !== this.#signaling) return;
    this.#markRefused();
    markJoinStep('consume:server');
    const local = await Promise.all(
      answers.map((info, i) =>
        info === null
          ? null
          : transport
              .consume({
                id: info.consumerId,
                producerId: info.producerId,
                kind: info.kind,
                rtpParameters: info.rtpParameters as unknown as msc.RtpParameters,
              })
              .then((consumer) => ({ consumer, peerId: wanted[i]!.peerId }))
              .catch(() => null),
      ),
    );
    if (transport !== this.#recvTransport) {
      for (const entry of local) entry?.consumer.close();
      return;
    }
    markJoinStep('consume:local');
    const audio: Promise<unknown>[] = [];
    for (const entry of local) {
      if (!entry) continue;
      const { consumer, peerId } = entry;
      const source =
        this.#remoteProducers.get(consumer.producerId)?.source ??
        (consumer.kind === 'audio' ? 'mic' : 'camera');
      this.#consumers.set(consumer.id, { consumer, peerId, source });
      this.#updatePeer(peerId, (p) => withTrack(p, source, consumer.track, consumer.id));
      if (consumer.kind === 'audio')
        audio.push(
          signaling.request('resumeConsumer', { consumerId: consumer.id }).catch(() => undefined),
        );
    }
    if (!this.#state.receiving) this.#set({ ...this.#state, receiving: true });
    // Video starts only if audio-only mode and the receive cap allow it, on the camera's lowest
    // layer; the one that fits the tile is asked for once frames have come (#raiseNewVideos).
    await Promise.all([...audio, this.#syncVideoConsumers()]);
    markJoinStep('consume:resumed');
  }

  /** The server decides: a chair's mute also stops the local track from being encoded. */
  #applyOwnMicState(muted: boolean, byChair: boolean): void {
    const self = this.#state.self;
    if (!this.#micProducer || !self) return;
    if (muted) this.#micProducer.pause();
    else this.#micProducer.resume();
    this.#set({ ...this.#state, self: { ...self, micMuted: muted, mutedByChair: byChair } });
  }

  #isMicrophone(producerId: string): boolean {
    return this.#remoteProducers.get(producerId)?.source === 'mic';
  }

  /** Shows which peers the server refused streams of, and asks again later while any remain. */
  #markRefused(): void {
    const refusedPeers = new Set(this.#refused.values());
    if (this.#state.peers.some((p) => p.refusedByServer !== refusedPeers.has(p.peerId))) {
      this.#set({
        ...this.#state,
        peers: this.#state.peers.map((p) => ({
          ...p,
          refusedByServer: refusedPeers.has(p.peerId),
        })),
      });
    }
    if (this.#refused.size > 0 && this.#refusedRetryTimer === undefined)
      this.#refusedRetryTimer = setTimeout(() => this.#retryRefused(), REFUSED_RETRY_MS);
  }

  /** Asks again for the streams the server refused at its capacity (someone may have left). */
  #retryRefused(): void {
    clearTimeout(this.#refusedRetryTimer);
    this.#refusedRetryTimer = undefined;
    const wanted = [...this.#refused]
      .filter(([producerId]) => this.#remoteProducers.has(producerId))
      .map(([producerId, peerId]) => ({ producerId, peerId }));
    this.#refused.clear();
    this.#markRefused();
    void this.#consume(wanted);
  }

  #onNotification(method: string, raw: unknown): void {
    if (!Object.hasOwn(signalingNotifications, method)) return;
    const name = method as SignalingNotificationName;
    const parsed = signalingNotifications[name].safeParse(raw);
    if (parsed.success) this.#handle(name, parsed.data);
  }

  #handle(name: SignalingNotificationName, data: unknown): void {
    const as = <N extends SignalingNotificationName>(_n: N) => data as SignalingNotificationData<N>;
    switch (name) {
      case 'peerJoined': {
        const { peer } = as('peerJoined');
        this.#set({
          ...this.#state,
          peers: [...this.#state.peers.filter((p) => p.peerId !== peer.peerId), toRemotePeer(peer)],
        });
        break;
      }
      case 'peerLeft': {
        const { peerId } = as('peerLeft');
        for (const [id, entry] of this.#consumers) {
          if (entry.peerId !== peerId) continue;
          entry.consumer.close();
          this.#consumers.delete(id);
          this.#flowing.delete(id);
        }
        this.#set({ ...this.#state, peers: this.#state.peers.filter((p) => p.peerId !== peerId) });
        // A freed slot under the receive cap goes to the next peer.
        if (this.#state.maxVideos !== null) void this.#syncVideoConsumers();
        // The consumers it held, here and at every other site, freed server capacity.
        for (const [producerId, owner] of this.#refused)
          if (owner === peerId) this.#refused.delete(producerId);
        if (this.#refused.size > 0) this.#retryRefused();
        break;
      }
      case 'producerAdded': {
        const { peerId, producer } = as('producerAdded');
        this.#rememberProducer(peerId, producer);
        void this.#consume([{ peerId, producerId: producer.producerId }]);
        break;
      }
      case 'consumerClosed': {
        const entry = this.#consumers.get(as('consumerClosed').consumerId);
        if (!entry) break;
        this.#consumers.delete(entry.consumer.id);
        this.#flowing.delete(entry.consumer.id);
        this.#layerAsked.delete(entry.consumer.id);
        entry.consumer.close();
        this.#updatePeer(entry.peerId, (p) => withTrack(p, entry.source, undefined, undefined));
        break;
      }
      case 'producerPaused':
      case 'producerResumed': {
        const { peerId, producerId } = as('producerPaused');
        const muted = name === 'producerPaused';
        const byChair = muted && as('producerPaused').byChair;
        if (peerId === this.#state.self?.peerId) {
          if (producerId === this.#micProducer?.id) this.#applyOwnMicState(muted, byChair);
          // A microphone the chair had muted starts paused, and the server says so right after
          // answering `produce`, before produce() has handed the producer over: applied then.
          else this.#micStateEarly = { producerId, muted, byChair };
        } else if (this.#remoteProducers.get(producerId)?.source === 'mic') {
          this.#updatePeer(peerId, (p) => ({ ...p, micMuted: muted, mutedByChair: byChair }));
        }
        break;
      }
      case 'producerLayersWanted': {
        const { producerId, spatialLayer } = as('producerLayersWanted');
        const camera = this.#cameraProducer;
        if (producerId === camera?.id) this.#sendLayers(camera, spatialLayer);
        // Asked before produce() handed over the producer: applied as soon as it does.
        else this.#cameraLayerWanted = { producerId, spatialLayer };
        break;
      }
      case 'consumerLayersChanged': {
        const { consumerId, spatialLayer } = as('consumerLayersChanged');
        const entry = this.#consumers.get(consumerId);
        if (entry) this.#updatePeer(entry.peerId, (p) => ({ ...p, spatialLayer }));
        break;
      }
      case 'activeSpeaker':
        this.#set({ ...this.#state, activeSpeakerId: as('activeSpeaker').peerId });
        // TODO: hysteresis, so a cap of few videos does not flap between two speakers.
        if (this.#state.maxVideos !== null) void this.#syncVideoConsumers();
        break;
      case 'producerClosed': {
        const closed = this.#remoteProducers.get(as('producerClosed').producerId);
        if (closed?.source === 'mic')
          this.#updatePeer(closed.peerId, (p) => ({ ...p, hasMicrophone: false }));
        this.#remoteProducers.delete(as('producerClosed').producerId);
        if (this.#refused.delete(as('producerClosed').producerId)) this.#markRefused();
        break;
      }
      case 'meetingStateChanged':
        this.meeting.apply(data);
        break;
      case 'conclusionsUpdated':
        this.conclusions.applyRemote(as('conclusionsUpdated'));
        break;
      case 'conclusionsStatusChanged':
        this.conclusions.applyStatus(as('conclusionsStatusChanged'));
        break;
      case 'presentationChanged':
        this.presentation.apply(data);
        break;
      case 'agendaChanged':
        this.agenda.apply(data);
        break;
      case 'rateLimited':
      case 'error':
        break;
      default:
        assertUnreachable(name);
    }
  }

  async #pollStats(): Promise<void> {
    const signaling = this.#signaling;
    if (!signaling || this.#state.phase !== 'joined') return;
    // Merged into the producers as they are when the answers are in: a layer change that came
    // meanwhile (producerLayersWanted) must not be overwritten by this poll's older copy.
    const producerStats = new Map(
      await Promise.all(
        this.#state.producers.map(
          async (p) =>
            [
              p.id,
              await signaling
                .request('getProducerStats', { producerId: p.id })
                .catch(() => undefined),
            ] as const,
        ),
      ),
    );
    // One report for the whole receive transport: a getStats() per consumer costs the browser a
    // full stats walk each, dozens a second in a large room.
    const peerOfTrack = new Map<string, string>();
    const inbound = new Map<string, InboundCounters>();
    for (const { consumer, peerId } of this.#consumers.values()) {
      peerOfTrack.set(consumer.track.id, peerId);
      inbound.set(peerId, { ...noInbound });
    }
    const report = await this.#recvTransport?.getStats().catch(() => undefined);
    report?.forEach((s: InboundRtpStats) => {
      if (s.type !== 'inbound-rtp') return;
      const counters = inbound.get(peerOfTrack.get(s.trackIdentifier ?? '') ?? '');
      if (!counters) return;
      if (s.kind === 'audio') counters.audioBytes += s.bytesReceived ?? 0;
      else counters.videoBytes += s.bytesReceived ?? 0;
      counters.framesDecoded += s.framesDecoded ?? 0;
      counters.packetsLost += s.packetsLost ?? 0;
      counters.packetsReceived += s.packetsReceived ?? 0;
    });
    if (this.#state.phase !== 'joined' || signaling !== this.#signaling) return;
    this.#set({
      ...this.#state,
      producers: this.#state.producers.map((p) => {
        const stats = producerStats.get(p.id);
        return stats
          ? { ...p, serverPacketCount: stats.packetCount, serverBitrate: stats.bitrate }
          : p;
      }),
      peers: this.#state.peers.map((p) => {
        const now = inbound.get(p.peerId);
        if (!now) return p;
        const expectsVideo = p.videoTrack !== undefined && !this.#state.audioOnly && !p.videoCapped;
        const quality = networkQuality(toSample(p.inbound, expectsVideo), { ...now, expectsVideo });
        return { ...p, inbound: now, quality };
      }),
    });
    this.#raiseNewVideos();
  }

  #updatePeer(peerId: string, update: (peer: RemotePeer) => RemotePeer): void {
    this.#set({
      ...this.#state,
      peers: this.#state.peers.map((p) => (p.peerId === peerId ? update(p) : p)),
    });
  }

  #set(state: RoomState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }
}

/** Ends a session nobody joined with: its socket, and the peer connections of its transports. */
function closeSession({ signaling, transports }: RoomSession): void {
  for (const transport of transports ?? []) transport.close();
  signaling.close();
}

/**
 * Marks the steps of joining in the Performance timeline ("phonghop:join:ticket", …), so a slow
 * join can be taken apart in DevTools or by bench:sfu. Costs nothing noticeable. The room view
 * marks its own step (the tiles mounted) through it too.
 */
export function markJoinStep(step: string): void {
  performance.mark(`phonghop:join:${step}`);
}

interface InboundRtpStats {
  type: string;
  kind?: string;
  /** The receiving track's id: the consumer's track. */
  trackIdentifier?: string;
  bytesReceived?: number;
  framesDecoded?: number;
  packetsLost?: number;
  packetsReceived?: number;
}

/** The first poll of a peer has nothing to compare with (all counters zero). */
function toSample(counters: InboundCounters, expectsVideo: boolean): QualitySample | undefined {
  if (counters.packetsReceived === 0 && counters.packetsLost === 0) return undefined;
  return { ...counters, expectsVideo };
}

/** The peer with the track of one source set (or removed). */
function withTrack(
  peer: RemotePeer,
  source: MediaSource,
  track: MediaStreamTrack | undefined,
  consumerId: string | undefined,
): RemotePeer {
  switch (source) {
    case 'mic':
      return { ...peer, audioTrack: track };
    case 'camera':
      return { ...peer, videoTrack: track, videoConsumerId: consumerId };
    case 'screen':
      return { ...peer, screenTrack: track };
    default:
      return assertUnreachable(source);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toRemotePeer(peer: PeerSummary): RemotePeer {
  const mic = peer.producers.find((p) => p.source === 'mic');
  return {
    peerId: peer.peerId,
    displayName: peer.displayName,
    siteId: peer.siteId,
    siteName: peer.siteName,
    meetingRole: peer.meetingRole,
    micMuted: mic?.paused ?? false,
    mutedByChair: mic?.mutedByChair ?? false,
    hasMicrophone: mic !== undefined,
    inbound: noInbound,
    quality: 'unknown',
    videoCapped: false,
    refusedByServer: false,
    preferredLayer: null,
    spatialLayer: null,
    serverPreferredLayer: null,
  };
}
