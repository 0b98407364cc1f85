/**
 * One client's signaling socket: parses and validates each message, enforces a rate limit,
 * dispatches to the room, and answers every request exactly once.
 */
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import type { types as ms } from 'mediasoup';
import {
  AppError,
  ForbiddenError,
  InvalidError,
  InvalidStateError,
  serializeError,
} from '../../../common/errors';
import {
  isSignalingMethod,
  MAX_SIGNALING_MESSAGE_BYTES,
  signalingClientMessageSchema,
  signalingCloseCodes,
  signalingRequests,
  type SignalingMethod,
  type SignalingRequestData,
  type SignalingResponseData,
  type SignalingServerMessage,
} from '../../../common/protocol/signaling';
import type { User } from '../../../common/domain/user';
import { can } from '../../../common/domain/policy';
import type { MeetingRole } from '../db/repos/MeetingRepository';
import { Peer, type ProducerAppData, type Release } from '../rooms/Peer';
import type { Room } from '../rooms/Room';
import {
  meetingChannelHandlers,
  type MeetingChannelHandlers,
} from '../session/meetingChannelHandlers';
import type { MeetingSessionService } from '../session/MeetingSessionService';
import {
  conclusionsChannelHandlers,
  type ConclusionsChannelHandlers,
} from '../conclusions/conclusionsChannelHandlers';
import type { ConclusionsService } from '../conclusions/ConclusionsService';
import {
  presentationChannelHandlers,
  type PresentationChannelHandlers,
} from '../session/presentationChannelHandlers';
import type { PresentationService } from '../session/PresentationService';
import { TokenBucket } from './TokenBucket';
import type { SessionWatch } from './SessionWatch';
import type { AuditLog } from '../db/repos/AuditLog';

export interface SignalingSessionOptions {
  socket: WebSocket;
  room: Room;
  user: User;
  /** The user's role in this meeting: chair and secretary control microphones. */
  meetingRole: MeetingRole;
  logger: Logger;
  listenIp: string;
  announcedIp: string | undefined;
  /** Attendance, the speaking queue and votes of the room's meeting. */
  sessions: MeetingSessionService;
  /** The meeting's live conclusions. */
  conclusions: ConclusionsService;
  /** Presenter sync of the meeting's documents. */
  presentations: PresentationService;
  /** Closes the socket when its sign-in ends and keeps the meeting role current. */
  watch?: { watch: SessionWatch; sessionTokenHash: string };
  /** Records joins, leaves and microphone control (who, when, in which meeting). */
  audit?: AuditLog;
}

/** The requests that are not about media: the meeting channel and the conclusions. */
type ChannelMethods = MeetingChannelHandlers &
  ConclusionsChannelHandlers &
  PresentationChannelHandlers;
type MediaMethod = Exclude<SignalingMethod, keyof ChannelMethods>;
type Handlers = {
  [M in MediaMethod]: (data: SignalingRequestData<M>) => Promise<SignalingResponseData<M>>;
};

export class SignalingSession {
  readonly #socket: WebSocket;
  readonly #room: Room;
  readonly #peer: Peer;
  readonly #logger: Logger;
  readonly #options: SignalingSessionOptions;
  // Joining a room of N senders costs ~2N requests (consume + resume) at once.
  readonly #bucket = new TokenBucket(600, 200);
  #joined = false;
  #closed = false;
  readonly #channels: ChannelMethods;
  /** Who is asking; its role is refreshed from the database (SessionWatch), never frozen. */
  readonly #actor: { user: User; meetingRole: MeetingRole };
  #unwatch: () => void = () => undefined;

  constructor(options: SignalingSessionOptions) {
    this.#options = options;
    this.#socket = options.socket;
    this.#room = options.room;
    const peerId = randomUUID();
    this.#peer = new Peer(
      {
        id: peerId,
        userId: options.user.id,
        displayName: options.user.fullName,
        siteId: options.user.site.id,
        siteName: options.user.site.name,
        meetingRole: options.meetingRole,
      },
      (method, data) => this.#send({ type: 'notification', method, data }),
      () => this.#replaced(),
    );
    this.#logger = options.logger.child({ peerId, userId: options.user.id });
    const actor = { user: options.user, meetingRole: options.meetingRole };
    this.#actor = actor;
    const meetingId = options.room.meetingId;
    if (options.watch) {
      this.#unwatch = options.watch.watch.add({
        sessionTokenHash: options.watch.sessionTokenHash,
        meetingId,
        userId: options.user.id,
        end: (reason) => {
          this.#logger.info({ reason }, 'signaling socket closed: its sign-in ended');
          this.#socket.close(signalingCloseCodes.unauthorized, reason);
        },
        setMeetingRole: (role) => {
          this.#actor.meetingRole = role;
          this.#peer.info.meetingRole = role;
        },
      });
    }
    this.#channels = {
      ...meetingChannelHandlers(options.sessions, meetingId, actor),
      ...conclusionsChannelHandlers(options.conclusions, meetingId, actor, peerId),
      ...presentationChannelHandlers(options.presentations, meetingId, actor),
    };
    this.#socket.on('message', (raw, isBinary) => this.receive(raw, isBinary));
    this.#socket.on('close', () => this.close());
    this.#room.once('close', this.#onRoomClosed);
    // One connection per user per meeting: an earlier one of this user's that has not joined
    // is replaced now, one in the room when this one joins (Room.arrive, Room.addPeer).
    this.#room.arrive(this.#peer);
  }

  readonly #onRoomClosed = () => this.#socket.close(signalingCloseCodes.roomClosed, 'room closed');

  /**
   * A newer connection of the same user took this one's place: the peer has left the room
   * already (the others saw it leave); this session ends and its socket is closed, with a code
   * that tells the client not to reconnect.
   */
  #replaced(): void {
    if (this.#closed) return;
    this.#logger.info('signaling socket replaced by a newer connection of its user');
    this.close('replaced');
    this.#socket.close(signalingCloseCodes.replaced, 'replaced by a newer connection');
  }

  close(reason?: 'replaced'): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unwatch();
    if (this.#joined)
      this.#record('room.leave', { peerId: this.#peer.id, ...(reason ? { reason } : {}) });
    // NOTE: the room outlives its sessions; a listener left behind would leak one per visit.
    this.#room.off('close', this.#onRoomClosed);
    this.#room.removePeer(this.#peer);
  }

  /** Handles one raw message (also messages that arrived before this session existed). */
  receive(raw: unknown, isBinary: boolean): void {
    void this.#onMessage(raw, isBinary);
  }

  readonly #handlers: Handlers = {
    getRouterRtpCapabilities: async () => ({
      routerRtpCapabilities: this.#room.rtpCapabilities as unknown as Record<string, unknown>,
    }),
    join: async ({ rtpCapabilities }) => {
      if (this.#joined) throw new InvalidStateError('Already joined');
      this.#peer.rtpCapabilities = rtpCapabilities as unknown as ms.RtpCapabilities;
      // NOTE: listed after the peer is added: a connection of this user it replaced is gone.
      this.#room.addPeer(this.#peer);
      const others = this.#room.peers.filter((p) => p !== this.#peer).map((p) => p.summary());
      this.#joined = true;
      this.#record('room.join', { peerId: this.#peer.id, siteId: this.#peer.info.siteId });
      return { peerId: this.#peer.id, peers: others, activeSpeakerId: this.#room.activeSpeakerId };
    },
    // Transports may be made before join, so a client can consume from its first notification.
    // The first one places the peer on one of the room's routers; all of its transports go there.
    createWebRtcTransport: async ({ direction }) => {
      const slot = this.#peer.reserveTransport();
      try {
        return await this.#createTransport(direction, slot);
      } catch (error) {
        slot();
        throw error;
      }
    },
    restartIce: async ({ transportId }) => ({
      iceParameters: (await this.#peer.transport(transportId).restartIce()) as unknown as Record<
        string,
        unknown
      >,
    }),
    getTransportStats: async ({ transportId }) => {
      const transport = this.#peer.transport(transportId);
      const [stats] = await transport.getStats();
      return {
        iceState: transport.iceState,
        dtlsState: transport.dtlsState,
        bytesReceived: stats?.bytesReceived ?? 0,
        bytesSent: stats?.bytesSent ?? 0,
        recvBitrate: stats?.recvBitrate ?? 0,
        sendBitrate: stats?.sendBitrate ?? 0,
      };
    },
    connectWebRtcTransport: async ({ transportId, dtlsParameters }) => {
      await this.#peer
        .transport(transportId)
        .connect({ dtlsParameters: dtlsParameters as unknown as ms.DtlsParameters });
      return {};
    },
    produce: async ({ transportId, kind, rtpParameters, source }) => {
      this.#requireJoined();
      // A microphone is audio, a camera or a screen video: no second video sent as a "mic".
      if ((source === 'mic') !== (kind === 'audio'))
        throw new InvalidError(`A ${source} producer cannot be ${kind}`);
      const transport = this.#peer.transport(transportId);
      // Muted by the chair before a reconnect: the microphone comes back muted.
      const mutedByChair = source === 'mic' && this.#room.isMutedByChair(this.#peer.info.userId);
      // NOTE: reserved before the first await, so two produces of one source cannot both pass.
      const reservation = this.#peer.reserveSource(source);
      let producer: ms.Producer;
      try {
        producer = await transport.produce({
          kind,
          rtpParameters: rtpParameters as unknown as ms.RtpParameters,
          paused: mutedByChair,
          appData: { source, peerId: this.#peer.id, mutedByChair } satisfies ProducerAppData,
        });
      } catch (error) {
        reservation();
        throw error;
      }
      this.#peer.addProducer(producer, reservation);
      this.#room.producerAdded(this.#peer, producer);
      producer.observer.once('close', () =>
        this.#room.announceProducer(this.#peer, producer, 'closed'),
      );
      this.#logger.info({ producerId: producer.id, kind, source }, 'producer created');
      // NOTE: announced after the response is queued, so the owner learns its id first.
      queueMicrotask(() => {
        this.#room.announceProducer(this.#peer, producer, 'added');
        if (mutedByChair)
          this.#peer.notify('producerPaused', {
            peerId: this.#peer.id,
            producerId: producer.id,
            byChair: true,
          });
      });
      return { producerId: producer.id };
    },
    closeProducer: async ({ producerId }) => {
      this.#peer.producer(producerId).close();
      return {};
    },
    consume: async ({ transportId, producerId }) => {
      this.#requireJoined();
      // The room pipes the producer to this peer's router first when it lives on another one.
      const consumer = await this.#room.consume(this.#peer, transportId, producerId);
      return {
        consumerId: consumer.id,
        producerId,
        kind: consumer.kind,
        rtpParameters: consumer.rtpParameters as unknown as Record<string, unknown>,
      };
    },
    resumeConsumer: async ({ consumerId }) => {
      const consumer = this.#peer.consumer(consumerId);
      await this.#room.whenResumable(consumer);
      await consumer.resume();
      return {};
    },
    pauseConsumer: async ({ consumerId }) => {
      await this.#peer.consumer(consumerId).pause();
      return {};
    },
    setConsumerPreferredLayers: async ({ consumerId, spatialLayer, temporalLayer }) => {
      const consumer = this.#peer.consumer(consumerId);
      if (consumer.type !== 'simulcast' && consumer.type !== 'svc')
        return { preferredSpatialLayer: null };
      await consumer.setPreferredLayers({
        spatialLayer,
        ...(temporalLayer === undefined ? {} : { temporalLayer }),
      });
      this.#room.consumerLayersChanged(consumer);
      return { preferredSpatialLayer: consumer.preferredLayers?.spatialLayer ?? null };
    },
    pauseProducer: async ({ producerId }) => {
      const producer = this.#peer.producer(producerId);
      if (!producer.paused) {
        await producer.pause();
        this.#room.broadcast('producerPaused', {
          peerId: this.#peer.id,
          producerId,
          byChair: false,
        });
      }
      return {};
    },
    resumeProducer: async ({ producerId }) => {
      const producer = this.#peer.producer(producerId);
      if ((producer.appData as ProducerAppData).mutedByChair) {
        // Whoever controls the microphones is never locked out of their own (muted with a site).
        if (!can(this.#actor.meetingRole, 'microphones.control'))
          throw new ForbiddenError('The chair has muted your microphone');
        await this.#room.setMicrophones({ kind: 'peer', peerId: this.#peer.id }, false);
        return {};
      }
      if (producer.paused) {
        await producer.resume();
        this.#room.broadcast('producerResumed', { peerId: this.#peer.id, producerId });
      }
      return {};
    },
    setMicrophones: async ({ target, muted }) => {
      this.#requireJoined();
      if (!can(this.#actor.meetingRole, 'microphones.control')) {
        throw new ForbiddenError('Only the chair or the secretary controls microphones');
      }
      const changed = await this.#room.setMicrophones(target, muted, this.#peer);
      this.#logger.info({ target, muted, changed }, 'microphones set by the chair');
      this.#record('microphones.set', { target, muted, changed });
      return { changed };
    },
    getProducerStats: async ({ producerId }) => {
      const stats = await this.#peer.producer(producerId).getStats();
      return {
        packetCount: stats.reduce((sum, s) => sum + s.packetCount, 0),
        byteCount: stats.reduce((sum, s) => sum + s.byteCount, 0),
        bitrate: stats.reduce((sum, s) => sum + s.bitrate, 0),
      };
    },
  };

  /** A WebRTC transport on the peer's router, made with `slot` (reserveTransport). */
  async #createTransport(
    direction: 'send' | 'recv',
    slot: Release,
  ): Promise<SignalingResponseData<'createWebRtcTransport'>> {
    const router = await this.#room.routerFor(this.#peer);
    const transport = await router.createWebRtcTransport({
      listenInfos: [
        {
          protocol: 'udp',
          ip: this.#options.listenIp,
          announcedAddress: this.#options.announcedIp,
        },
        {
          protocol: 'tcp',
          ip: this.#options.listenIp,
          announcedAddress: this.#options.announcedIp,
        },
      ],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
      appData: { direction },
    });
    this.#peer.addTransport(transport, slot);
    return {
      id: transport.id,
      iceParameters: transport.iceParameters as unknown as Record<string, unknown>,
      iceCandidates: transport.iceCandidates as unknown as Record<string, unknown>[],
      dtlsParameters: transport.dtlsParameters as unknown as Record<string, unknown>,
    };
  }

  /** An audit entry of this meeting, written beside the media path (never delaying it). */
  #record(action: string, details: Record<string, unknown>): void {
    this.#options.audit
      ?.record({
        userId: this.#options.user.id,
        action,
        subject: this.#room.meetingId,
        details,
      })
      .catch((error: unknown) => this.#logger.error({ err: error, action }, 'audit failed'));
  }

  #requireJoined(): void {
    if (!this.#joined) throw new InvalidStateError('Join the room first');
  }

  async #onMessage(raw: unknown, isBinary: boolean): Promise<void> {
    if (this.#closed) return;
    if (!this.#bucket.take()) {
      this.#logger.warn('signaling rate limit exceeded; message dropped');
      return this.#send({ type: 'notification', method: 'rateLimited', data: {} });
    }
    let id = -1;
    try {
      if (isBinary) throw new InvalidError('Binary messages are not accepted');
      if (byteLength(raw) > MAX_SIGNALING_MESSAGE_BYTES)
        throw new AppError(
          'too_large',
          `Messages over ${MAX_SIGNALING_MESSAGE_BYTES} bytes are refused`,
        );
      let json: unknown;
      try {
        json = JSON.parse(String(raw));
      } catch {
        throw new InvalidError('Message is not JSON');
      }
      const message = signalingClientMessageSchema.safeParse(json);
      if (!message.success) {
        const maybeId = (json as { id?: unknown } | null)?.id;
        if (typeof maybeId === 'number' && Number.isInteger(maybeId)) id = maybeId;
        throw new InvalidError('Malformed request envelope');
      }
      id = message.data.id;
      const { method } = message.data;
      if (!isSignalingMethod(method)) throw new InvalidError(`Unknown method ${method}`);
      const data = signalingRequests[method].data.safeParse(message.data.data);
      if (!data.success)
        throw new InvalidError(
          `Invalid data for ${method}: ${data.error.issues[0]?.message ?? ''}`,
        );
      const handler = (
        Object.hasOwn(this.#channels, method)
          ? this.#channels[method as keyof ChannelMethods]
          : this.#handlers[method as MediaMethod]
      ) as (d: unknown) => Promise<unknown>;
      const result = await handler(data.data);
      this.#send({ type: 'response', id, ok: true, data: result });
    } catch (error) {
      const appError = error instanceof AppError ? error : this.#fromMediasoup(error);
      if (appError.code === 'internal')
        this.#logger.error({ err: error }, 'signaling request failed');
      if (id >= 0) this.#send({ type: 'response', id, ok: false, error: serializeError(appError) });
      else this.#send({ type: 'notification', method: 'error', data: serializeError(appError) });
    }
  }

  /** mediasoup rejects bad parameters with TypeError; that is the client's mistake, not ours. */
  #fromMediasoup(error: unknown): AppError {
    if (error instanceof TypeError) return new InvalidError(error.message);
    return new AppError('internal', 'Internal error');
  }

  #send(message: SignalingServerMessage): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(JSON.stringify(message));
  }
}

/** The size of a message as `ws` hands it over (a Buffer, or fragments of one). */
function byteLength(raw: unknown): number {
  if (Buffer.isBuffer(raw) || raw instanceof ArrayBuffer) return raw.byteLength;
  if (Array.isArray(raw))
    return raw.reduce((sum: number, part: Buffer) => sum + part.byteLength, 0);
  return Buffer.byteLength(String(raw));
}
