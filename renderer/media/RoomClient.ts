/**
 * Owns the signaling connection and mediasoup-client for one meeting room; no React. State is
 * an immutable snapshot replaced on every change, read by React with useSyncExternalStore.
 *
 * State shape:
 * - phase: idle → connecting → joined, or failed (with `error`) / left
 * - localStream: the camera+mic stream being sent (for the self preview)
 * - producers: one entry per sent track, with what the server reports receiving from it
 */
import { Device } from 'mediasoup-client';
import type { types as msc } from 'mediasoup-client';
import { SignalingClient } from '../../common/protocol/SignalingClient';
import type { PhongHopApi } from '../../common/ipc/contract';

export interface ProducerState {
  id: string;
  kind: 'audio' | 'video';
  source: 'mic' | 'camera' | 'screen';
  /** Packets the server has received from this track (server-side producer stats). */
  serverPacketCount: number;
  serverBitrate: number;
}

export interface RoomState {
  phase: 'idle' | 'connecting' | 'joined' | 'failed' | 'left';
  error?: string;
  localStream?: MediaStream;
  producers: ProducerState[];
}

export class RoomClient {
  readonly #api: PhongHopApi;
  readonly #meetingId: string;
  readonly #listeners = new Set<() => void>();
  #state: RoomState = { phase: 'idle', producers: [] };
  #signaling: SignalingClient | undefined;
  #sendTransport: msc.Transport | undefined;
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
    this.#set({ phase: 'connecting', producers: [] });
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
      const { routerRtpCapabilities } = await signaling.request('getRouterRtpCapabilities', {});
      const device = await Device.factory();
      await device.load({
        routerRtpCapabilities: routerRtpCapabilities as unknown as msc.RtpCapabilities,
      });
      await signaling.request('join', {
        rtpCapabilities: device.recvRtpCapabilities as unknown as Record<string, unknown>,
      });
      const transportInfo = await signaling.request('createWebRtcTransport', { direction: 'send' });
      const transport = device.createSendTransport({
        id: transportInfo.id,
        iceParameters: transportInfo.iceParameters as unknown as msc.IceParameters,
        iceCandidates: transportInfo.iceCandidates as unknown as msc.IceCandidate[],
        dtlsParameters: transportInfo.dtlsParameters as unknown as msc.DtlsParameters,
      });
      this.#sendTransport = transport;
      transport.on('connect', ({ dtlsParameters }, callback, errback) => {
        signaling
          .request('connectWebRtcTransport', {
            transportId: transport.id,
            dtlsParameters: dtlsParameters as unknown as Record<string, unknown>,
          })
          .then(() => callback(), errback);
      });
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        signaling
          .request('produce', {
            transportId: transport.id,
            kind,
            rtpParameters: rtpParameters as unknown as Record<string, unknown>,
            source: (appData as { source: 'mic' | 'camera' }).source,
          })
          .then(({ producerId }) => callback({ id: producerId }), errback);
      });
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: true,
        video: { width: 640, height: 360 },
      });
      if (abandoned()) return stream.getTracks().forEach((t) => t.stop());
      const producers: ProducerState[] = [];
      for (const track of stream.getTracks()) {
        const source = track.kind === 'audio' ? 'mic' : 'camera';
        const producer = await transport.produce({ track, appData: { source } });
        producers.push({
          id: producer.id,
          kind: producer.kind,
          source,
          serverPacketCount: 0,
          serverBitrate: 0,
        });
      }
      if (abandoned()) return stream.getTracks().forEach((t) => t.stop());
      this.#set({ phase: 'joined', localStream: stream, producers });
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
    this.#set({ phase: 'left', producers: [] });
    this.#signaling?.close();
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
    if (this.#state.phase === 'joined') this.#set({ ...this.#state, producers });
  }

  #set(state: RoomState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }
}
