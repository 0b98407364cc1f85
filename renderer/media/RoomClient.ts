/**
 * Owns the signaling connection and mediasoup-client for one meeting room; no React. State is
 * an immutable snapshot replaced on every change, read by React with useSyncExternalStore.
 *
 * State shape:
 * - phase: idle → connecting → joined, or failed (with `error`) / left
 * - localStream: the camera+mic stream being sent (for the self preview)
 * - producers: one entry per sent track, with what the server reports receiving from it
 * - peers: everyone else in the room (a person at a site), with the tracks received from them
 *   and inbound counters from WebRTC stats (the basis of the per-tile network indicator)
 */
import { Device } from 'mediasoup-client';
import type { types as msc } from 'mediasoup-client';
import { assertUnreachable } from '../../common/errors';
import { SignalingClient } from '../../common/protocol/SignalingClient';
import {
  signalingNotifications,
  type MediaSource,
  type PeerSummary,
} from '../../common/protocol/signaling';
import type { PhongHopApi } from '../../common/ipc/contract';

export interface ProducerState {
  id: string;
  kind: 'audio' | 'video';
  source: MediaSource;
  /** Packets the server has received from this track (server-side producer stats). */
  serverPacketCount: number;
  serverBitrate: number;
}

export interface InboundCounters {
  audioBytes: number;
  videoBytes: number;
  framesDecoded: number;
  packetsLost: number;
}

export interface RemotePeer {
  peerId: string;
  displayName: string;
  siteId: string;
  siteName: string;
  audioTrack?: MediaStreamTrack;
  videoTrack?: MediaStreamTrack;
  inbound: InboundCounters;
}

export interface RoomState {
  phase: 'idle' | 'connecting' | 'joined' | 'failed' | 'left';
  error?: string;
  localStream?: MediaStream;
  producers: ProducerState[];
  peers: RemotePeer[];
}

const noInbound: InboundCounters = {
  audioBytes: 0,
  videoBytes: 0,
  framesDecoded: 0,
  packetsLost: 0,
};

export class RoomClient {
  readonly #api: PhongHopApi;
  readonly #meetingId: string;
  readonly #listeners = new Set<() => void>();
  #state: RoomState = { phase: 'idle', producers: [], peers: [] };
  #signaling: SignalingClient | undefined;
  #sendTransport: msc.Transport | undefined;
  #recvTransport: msc.Transport | undefined;
  /** Consumers by id, with the peer they come from. */
  readonly #consumers = new Map<string, { consumer: msc.Consumer; peerId: string }>();
  #statsTimer: ReturnType<typeof setInterval> | undefined;
  /** Bumped by leave(): a join still in flight sees it changed and undoes what it made. */
  #attempt = 0;

  constructor(api: PhongHopApi, meetingId: string) {
    this.#api = api;
    this.#meetingId = meetingId;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): RoomState => this.#state;

  async join(): Promise<void> {
    if (this.#state.phase === 'connecting' || this.#state.phase === 'joined') return;
    const attempt = ++this.#attempt;
    const abandoned = () => attempt !== this.#attempt;
    this.#set({ phase: 'connecting', producers: [], peers: [] });
    try {
      const { ticket, signalingUrl } = await this.#api.invoke('room.joinTicket', {
        meetingId: this.#meetingId,
      });
      if (abandoned()) return;
      const signaling = await SignalingClient.connect(signalingUrl, ticket);
      if (abandoned()) return signaling.close();
      this.#signaling = signaling;
      signaling.onClose = (_code, reason) => {
        if (this.#state.phase !== 'left')
          this.#set({ ...this.#state, phase: 'failed', error: reason || 'disconnected' });
      };
      signaling.onNotification = (method, data) => this.#onNotification(method, data);

      const { routerRtpCapabilities } = await signaling.request('getRouterRtpCapabilities', {});
      const device = await Device.factory();
      await device.load({
        routerRtpCapabilities: routerRtpCapabilities as unknown as msc.RtpCapabilities,
      });
      this.#sendTransport = await this.#createTransport(signaling, device, 'send');
      this.#recvTransport = await this.#createTransport(signaling, device, 'recv');
      if (abandoned()) return;

      const { peers } = await signaling.request('join', {
        rtpCapabilities: device.recvRtpCapabilities as unknown as Record<string, unknown>,
      });
      this.#set({ ...this.#state, peers: [...this.#state.peers, ...peers.map(toRemotePeer)] });
      for (const peer of peers) {
        for (const producer of peer.producers) void this.#consume(peer.peerId, producer.producerId);
      }

      const stream = await navigator.mediaDevices.getUserMedia({
        audio: true,
        video: { width: 640, height: 360 },
      });
      if (abandoned()) return stream.getTracks().forEach((t) => t.stop());
      const producers: ProducerState[] = [];
      for (const track of stream.getTracks()) {
        const source = track.kind === 'audio' ? 'mic' : 'camera';
        const producer = await this.#sendTransport.produce({ track, appData: { source } });
        producers.push({
          id: producer.id,
          kind: producer.kind,
          source,
          serverPacketCount: 0,
          serverBitrate: 0,
        });
      }
      if (abandoned()) return stream.getTracks().forEach((t) => t.stop());
      this.#set({ ...this.#state, phase: 'joined', localStream: stream, producers });
      this.#statsTimer = setInterval(() => void this.#pollStats(), 1000);
    } catch (error) {
      if (abandoned()) return;
      this.#set({
        ...this.#state,
        phase: 'failed',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  leave(): void {
    this.#attempt++;
    if (this.#statsTimer) clearInterval(this.#statsTimer);
    this.#state.localStream?.getTracks().forEach((t) => t.stop());
    this.#sendTransport?.close();
    this.#recvTransport?.close();
    this.#consumers.clear();
    this.#set({ phase: 'left', producers: [], peers: [] });
    this.#signaling?.close();
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

  async #consume(peerId: string, producerId: string): Promise<void> {
    const signaling = this.#signaling;
    const transport = this.#recvTransport;
    if (!signaling || !transport) return;
    try {
      const info = await signaling.request('consume', { transportId: transport.id, producerId });
      const consumer = await transport.consume({
        id: info.consumerId,
        producerId: info.producerId,
        kind: info.kind,
        rtpParameters: info.rtpParameters as unknown as msc.RtpParameters,
      });
      this.#consumers.set(consumer.id, { consumer, peerId });
      this.#updatePeer(peerId, (p) =>
        consumer.kind === 'audio'
          ? { ...p, audioTrack: consumer.track }
          : { ...p, videoTrack: consumer.track },
      );
      await signaling.request('resumeConsumer', { consumerId: consumer.id });
    } catch {
      // The producer may have closed meanwhile; its peer's tile simply shows no track.
    }
  }

  #onNotification(method: string, raw: unknown): void {
    if (!Object.hasOwn(signalingNotifications, method)) return;
    const name = method as keyof typeof signalingNotifications;
    const parsed = signalingNotifications[name].safeParse(raw);
    if (!parsed.success) return;
    switch (name) {
      case 'peerJoined': {
        const { peer } = parsed.data as { peer: PeerSummary };
        this.#set({
          ...this.#state,
          peers: [...this.#state.peers.filter((p) => p.peerId !== peer.peerId), toRemotePeer(peer)],
        });
        break;
      }
      case 'peerLeft': {
        const { peerId } = parsed.data as { peerId: string };
        for (const [id, entry] of this.#consumers) {
          if (entry.peerId === peerId) {
            entry.consumer.close();
            this.#consumers.delete(id);
          }
        }
        this.#set({ ...this.#state, peers: this.#state.peers.filter((p) => p.peerId !== peerId) });
        break;
      }
      case 'producerAdded': {
        const { peerId, producer } = parsed.data as {
          peerId: string;
          producer: { producerId: string };
        };
        void this.#consume(peerId, producer.producerId);
        break;
      }
      case 'consumerClosed': {
        const { consumerId } = parsed.data as { consumerId: string };
        const entry = this.#consumers.get(consumerId);
        if (!entry) break;
        this.#consumers.delete(consumerId);
        entry.consumer.close();
        this.#updatePeer(entry.peerId, (p) =>
          entry.consumer.kind === 'audio'
            ? { ...p, audioTrack: undefined }
            : { ...p, videoTrack: undefined },
        );
        break;
      }
      // Tracks go away through consumerClosed; these need no action in the room view yet.
      case 'producerClosed':
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
    const producers = await Promise.all(
      this.#state.producers.map(async (p) => {
        const stats = await signaling
          .request('getProducerStats', { producerId: p.id })
          .catch(() => undefined);
        return stats
          ? { ...p, serverPacketCount: stats.packetCount, serverBitrate: stats.bitrate }
          : p;
      }),
    );
    const inbound = new Map<string, InboundCounters>();
    for (const { consumer, peerId } of this.#consumers.values()) {
      const counters = { ...(inbound.get(peerId) ?? noInbound) };
      const report = await consumer.getStats().catch(() => undefined);
      report?.forEach(
        (s: {
          type: string;
          kind?: string;
          bytesReceived?: number;
          framesDecoded?: number;
          packetsLost?: number;
        }) => {
          if (s.type !== 'inbound-rtp') return;
          if (s.kind === 'audio') counters.audioBytes += s.bytesReceived ?? 0;
          else counters.videoBytes += s.bytesReceived ?? 0;
          counters.framesDecoded += s.framesDecoded ?? 0;
          counters.packetsLost += s.packetsLost ?? 0;
        },
      );
      inbound.set(peerId, counters);
    }
    if (this.#state.phase !== 'joined') return;
    this.#set({
      ...this.#state,
      producers,
      peers: this.#state.peers.map((p) => ({ ...p, inbound: inbound.get(p.peerId) ?? p.inbound })),
    });
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

function toRemotePeer(peer: PeerSummary): RemotePeer {
  return {
    peerId: peer.peerId,
    displayName: peer.displayName,
    siteId: peer.siteId,
    siteName: peer.siteName,
    inbound: noInbound,
  };
}
