/**
 * A light participant on werift: speaks the app's signaling, sends Opus silence and a looped
 * VP8 keyframe as real SRTP, and counts the RTP it receives per remote producer without
 * decoding. One WebRtcTransport carries both directions (the server does not tie a transport to
 * a direction), so each client costs one ICE/DTLS session.
 */
import { AppError } from '../../common/errors';
import type { Socket } from 'node:dgram';
import { RTCPeerConnection, RTCRtpCodecParameters, type RTCRtpTransceiver } from 'werift';
import type {
  SignalingMethod,
  SignalingRequestData,
  SignalingResponseData,
} from '../../common/protocol/signaling';
import { BenchSignaling, joinTicket, login } from './signaling';
import { localDtlsParameters, remoteAnswer } from './sdp';
import { AUDIO_FRAME_MS, OPUS_SILENCE, RtpStream, VP8_FRAME_PAYLOADS } from './media';

interface RtpCodecCapability {
  kind: string;
  mimeType: string;
  preferredPayloadType: number;
  clockRate: number;
  channels?: number;
  rtcpFeedback?: { type: string; parameter?: string }[];
}
interface RtpHeaderExtensionCapability {
  uri: string;
}
interface RouterCapabilities {
  codecs: RtpCodecCapability[];
  headerExtensions: RtpHeaderExtensionCapability[];
}

/** Receive statistics of one SSRC (RFC 3550 extended sequence numbers). */
class SeqCounter {
  received = 0;
  #base = -1;
  #max = 0;
  #cycles = 0;

  add(seq: number): void {
    this.received++;
    if (this.#base < 0) {
      this.#base = seq;
      this.#max = seq;
      return;
    }
    const delta = (seq - this.#max) & 0xffff;
    if (delta > 0 && delta < 0x8000) {
      if (seq < this.#max) this.#cycles += 0x10000;
      this.#max = seq;
    }
  }

  get expected(): number {
    return this.#base < 0 ? 0 : this.#cycles + this.#max - this.#base + 1;
  }
}

interface RemoteStream {
  producerId: string;
  kind: 'audio' | 'video';
  firstRtpAt?: number;
  counter: SeqCounter;
}

export interface StreamSnapshot {
  producerId: string;
  kind: 'audio' | 'video';
  packets: number;
  expected: number;
}

const RECV_BUFFER_BYTES = 4 * 1024 * 1024;

const STRIPPED_EXTENSIONS = [
  // No congestion feedback from this client: keep the server from estimating bandwidth on it.
  'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
  'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
];

/**
 * Many clients in one process on a busy 2-core machine: with the default 208 KB socket buffer
 * the kernel drops datagrams whenever the event loop stalls for a few hundred ms (counted in
 * /proc/net/snmp RcvbufErrors), which would show as SFU loss. werift does not expose its
 * sockets, so reach them through its ICE connection (bench-only).
 */
function enlargeReceiveBuffers(pc: RTCPeerConnection): void {
  type Internals = {
    iceTransports?: { connection?: { protocols?: { transport?: { socket?: Socket } }[] } }[];
  };
  for (const ice of (pc as unknown as Internals).iceTransports ?? []) {
    for (const protocol of ice.connection?.protocols ?? []) {
      try {
        protocol.transport?.socket?.setRecvBufferSize(RECV_BUFFER_BYTES);
      } catch {
        // Capped by net.core.rmem_max, or not a UDP socket: keep the default.
      }
    }
  }
}

export interface SyntheticClientOptions {
  /**
   * Send audio and video (default). A receive-only client still negotiates both m-lines (werift
   * needs them for the bundled transport) but produces nothing.
   */
  send?: boolean;
}

export class SyntheticClient {
  readonly username: string;
  readonly sends: boolean;
  peerId = '';
  /** Producers of the peers already in the room when this client joined. */
  readonly initialProducers = new Set<string>();
  /** Producers the server refused to let this client consume (its worker at the bound). */
  readonly refused = new Set<string>();
  /** Every notification the server sent, in order. */
  readonly notifications: { method: string; data: unknown }[] = [];
  joinStartedAt = 0;
  joinMs: number | undefined;
  joinError: string | undefined;
  readonly #streams = new Map<number, RemoteStream>();
  #signaling: BenchSignaling | undefined;
  #pc: RTCPeerConnection | undefined;
  #audio: RTCRtpTransceiver | undefined;
  #video: RTCRtpTransceiver | undefined;
  #connected = false;
  readonly #audioRtp = new RtpStream(48000);
  readonly #videoRtp = new RtpStream(90000);
  #transportId = '';
  #allReceived: (() => void) | undefined;

  constructor(
    readonly serverUrl: string,
    username: string,
    options: SyntheticClientOptions = {},
  ) {
    this.username = username;
    this.sends = options.send ?? true;
  }

  /** Joins, sends, and resolves once RTP of every producer present at join time has arrived. */
  async join(timeoutMs = 20_000): Promise<void> {
    const token = await login(this.serverUrl, this.username);
    this.joinStartedAt = performance.now();
    const { ticket, signalingUrl } = await joinTicket(this.serverUrl, token);
    const signaling = await BenchSignaling.connect(signalingUrl, ticket);
    this.#signaling = signaling;
    signaling.onNotification = (method, data) => {
      this.notifications.push({ method, data });
      if (method !== 'producerAdded') return;
      const { producer } = data as { producer: { producerId: string } };
      void this.#consume(producer.producerId).catch(() => undefined);
    };

    const { routerRtpCapabilities } = await signaling.request('getRouterRtpCapabilities', {});
    const caps = routerRtpCapabilities as unknown as RouterCapabilities;
    const opus = caps.codecs.find((c) => c.mimeType.toLowerCase() === 'audio/opus');
    const vp8 = caps.codecs.find((c) => c.mimeType.toLowerCase() === 'video/vp8');
    if (!opus || !vp8) throw new Error('router offers no Opus or VP8');

    const transport = await signaling.request('createWebRtcTransport', { direction: 'send' });
    this.#transportId = transport.id;
    const pc = new RTCPeerConnection({
      bundlePolicy: 'max-bundle',
      iceServers: [],
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceUseIpv6: false,
      codecs: {
        audio: [
          new RTCRtpCodecParameters({
            mimeType: 'audio/opus',
            clockRate: 48000,
            channels: 2,
            payloadType: opus.preferredPayloadType,
          }),
        ],
        video: [
          new RTCRtpCodecParameters({
            mimeType: 'video/VP8',
            clockRate: 90000,
            payloadType: vp8.preferredPayloadType,
          }),
        ],
      },
      headerExtensions: { audio: [], video: [] },
    });
    this.#pc = pc;
    this.#audio = pc.addTransceiver('audio', { direction: 'sendonly' });
    this.#video = pc.addTransceiver('video', { direction: 'sendonly' });
    const connected = new Promise<void>((resolve, reject) => {
      pc.connectionStateChange.subscribe((state) => {
        if (state === 'connected') resolve();
        if (state === 'failed') reject(new Error('ICE/DTLS failed'));
        if (state !== 'connected' && process.env.BENCH_DEBUG)
          process.stderr.write(
            `${this.username} ${state} at ${Math.round(performance.now())} ice=${pc.iceConnectionState}\n`,
          );
      });
    });
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const local = pc.localDescription?.sdp ?? offer.sdp;
    await pc.setRemoteDescription({
      type: 'answer',
      sdp: remoteAnswer(transport, [
        {
          kind: 'audio',
          mid: this.#audio.mid!,
          payloadType: opus.preferredPayloadType,
          rtpmap: 'opus/48000/2',
        },
        {
          kind: 'video',
          mid: this.#video.mid!,
          payloadType: vp8.preferredPayloadType,
          rtpmap: 'VP8/90000',
        },
      ]),
    });
    this.#audio.sender.dtlsTransport.onRtp.subscribe((rtp) => {
      const stream = this.#streams.get(rtp.header.ssrc);
      if (!stream) return;
      stream.counter.add(rtp.header.sequenceNumber);
      if (stream.firstRtpAt === undefined) {
        stream.firstRtpAt = performance.now();
        this.#checkAllReceived();
      }
    });
    await signaling.request('connectWebRtcTransport', {
      transportId: transport.id,
      dtlsParameters: localDtlsParameters(local),
    });

    const recvCaps = {
      ...caps,
      codecs: caps.codecs
        .filter((c) => !c.mimeType.toLowerCase().endsWith('/rtx'))
        .map((c) => ({
          ...c,
          rtcpFeedback: (c.rtcpFeedback ?? []).filter(
            (f) => f.type !== 'transport-cc' && f.type !== 'goog-remb',
          ),
        })),
      headerExtensions: caps.headerExtensions.filter((e) => !STRIPPED_EXTENSIONS.includes(e.uri)),
    };
    const { peerId, peers } = await signaling.request('join', { rtpCapabilities: recvCaps });
    this.peerId = peerId;
    for (const peer of peers)
      for (const p of peer.producers) this.initialProducers.add(p.producerId);
    const allReceived = new Promise<void>((resolve) => (this.#allReceived = resolve));
    await Promise.all([...this.initialProducers].map((id) => this.#consume(id)));

    await connected;
    this.#connected = true;
    enlargeReceiveBuffers(pc);
    const sent = [
      [this.#audio, 'audio', 'audio/opus', opus.preferredPayloadType, 48000, 2],
      [this.#video, 'video', 'video/VP8', vp8.preferredPayloadType, 90000, undefined],
    ] as const;
    for (const [transceiver, kind, mime, pt, clockRate, channels] of this.sends ? sent : []) {
      await signaling.request('produce', {
        transportId: transport.id,
        kind,
        source: kind === 'audio' ? 'mic' : 'camera',
        rtpParameters: {
          mid: transceiver.mid,
          codecs: [
            {
              mimeType: mime,
              payloadType: pt,
              clockRate,
              ...(channels ? { channels } : {}),
              parameters: {},
              rtcpFeedback: [],
            },
          ],
          headerExtensions: [],
          encodings: [{ ssrc: transceiver.sender.ssrc }],
          rtcp: { cname: `bench-${this.username}`, reducedSize: true },
        },
      });
    }

    this.#checkAllReceived();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no RTP from every remote producer')), timeoutMs);
    });
    try {
      await Promise.race([allReceived, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** One 20 ms tick of the media clock: audio every tick, a video frame when `video` is set. */
  tick(video: boolean): void {
    if (!this.#connected || !this.sends || !this.#audio || !this.#video) return;
    for (const p of this.#audioRtp.frame([OPUS_SILENCE], AUDIO_FRAME_MS))
      void this.#audio.sender.sendRtp(p).catch(() => undefined);
    if (!video) return;
    for (const p of this.#videoRtp.frame(VP8_FRAME_PAYLOADS, AUDIO_FRAME_MS * 3))
      void this.#video.sender.sendRtp(p).catch(() => undefined);
  }

  /** Per remote producer: packets received and packets expected (from sequence numbers). */
  snapshot(): StreamSnapshot[] {
    return [...this.#streams.values()].map((s) => ({
      producerId: s.producerId,
      kind: s.kind,
      packets: s.counter.received,
      expected: s.counter.expected,
    }));
  }

  /** Any signaling request on this client's socket (tests: the chair's actions, closing a producer). */
  request<M extends SignalingMethod>(
    method: M,
    data: SignalingRequestData<M>,
  ): Promise<SignalingResponseData<M>> {
    if (!this.#signaling) throw new Error('not connected');
    return this.#signaling.request(method, data);
  }

  /** werift's view of the connection (diagnostics). */
  get connectionState(): string {
    return this.#pc?.connectionState ?? 'none';
  }

  async close(): Promise<void> {
    this.#connected = false;
    this.#signaling?.close();
    await this.#pc?.close().catch(() => undefined);
  }

  /** The receiving (and sending) transport: one for both, as the server allows. */
  get transportId(): string {
    return this.#transportId;
  }

  /** Asks again for the producers the server refused; resolves to how many it let through. */
  async consumeRefused(): Promise<number> {
    const ids = [...this.refused];
    this.refused.clear();
    await Promise.all(ids.map((id) => this.#consume(id)));
    return ids.filter((id) => !this.refused.has(id)).length;
  }

  async #consume(producerId: string): Promise<void> {
    const signaling = this.#signaling!;
    let consumer;
    try {
      consumer = await signaling.request('consume', { transportId: this.#transportId, producerId });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'unavailable')) throw error;
      this.refused.add(producerId);
      return;
    }
    const rtp = consumer.rtpParameters as { encodings?: { ssrc?: number }[] };
    const ssrc = rtp.encodings?.[0]?.ssrc;
    if (ssrc === undefined) throw new Error('consumer without ssrc');
    this.#streams.set(ssrc, { producerId, kind: consumer.kind, counter: new SeqCounter() });
    await signaling.request('resumeConsumer', { consumerId: consumer.consumerId });
  }

  #checkAllReceived(): void {
    if (this.joinMs !== undefined || !this.#allReceived) return;
    const arrived = new Set(
      [...this.#streams.values()]
        .filter((s) => s.firstRtpAt !== undefined)
        .map((s) => s.producerId),
    );
    for (const id of this.initialProducers) if (!arrived.has(id)) return;
    const last = Math.max(
      this.joinStartedAt,
      ...[...this.#streams.values()]
        .filter((s) => this.initialProducers.has(s.producerId))
        .map((s) => s.firstRtpAt ?? 0),
    );
    if (this.initialProducers.size > 0) this.joinMs = last - this.joinStartedAt;
    this.#allReceived();
  }
}

/**
 * One media clock for synthetic senders: Opus every 20 ms, a VP8 frame every 60 ms, for the
 * clients in `clients` at each tick (the array may grow and shrink). Returns what stops it.
 */
export function startMediaClock(clients: readonly SyntheticClient[]): () => void {
  let tickCount = 0;
  const timer = setInterval(() => {
    const video = tickCount++ % 3 === 0;
    for (const c of clients) c.tick(video);
  }, AUDIO_FRAME_MS);
  return () => clearInterval(timer);
}
