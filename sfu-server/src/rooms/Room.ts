import { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';
import type { Logger } from 'pino';
import { roomMediaCodecs } from './mediaCodecs';
import {
  AppError,
  assertUnreachable,
  InvalidError,
  InvalidStateError,
  NotFoundError,
} from '../../../common/errors';
import type {
  MuteTarget,
  SignalingNotificationData,
  SignalingNotificationName,
} from '../../../common/protocol/signaling';
import type { Reservation } from '../media/WorkerLoad';
import type { WorkerPool } from '../media/WorkerPool';
import type { Peer, ProducerAppData, Release } from './Peer';
import { SenderLayers } from './SenderLayers';

export interface RoomEvents {
  close: [];
}

/** A peer placed on a worker is expected to consume this soon; what it has not is given back. */
const RESERVATION_TTL_MS = 15_000;

/** A simulcast layer nobody receives is still sent this long (see SenderLayers). */
const LOWER_SENDER_LAYER_AFTER_MS = 3_000;

/**
 * A room's router takes newcomers while its worker's load stays within this share of the bound;
 * beyond it the room spreads to the least loaded worker. The rest is headroom for the peers already
 * there, who consume every later sender too: in a room where everyone receives everyone, half
 * of the bound on the first worker lets two workers hold about as many peers as an even split.
 */
const PACK_UP_TO_SHARE_OF_BOUND = 0.5;

/** How long resuming a camera's consumer waits for the camera's lowest layer (see whenResumable). */
const LOWEST_LAYER_WAIT_MS = 3_000;

/** One router of a room, on one worker. */
interface RoomRouter {
  readonly router: ms.Router;
  readonly worker: ms.Worker;
  /** Peers whose transports are on this router. */
  readonly peerIds: Set<string>;
  /**
   * Producers of the room's other routers piped here, by producer id (a pipe producer keeps the
   * id of its source). One pipe per producer per router; the promise is shared by every caller.
   */
  readonly pipes: Map<string, Promise<ms.Producer>>;
  /** Closed on purpose (emptied), so its close is not a worker's death. */
  retired: boolean;
}

/** Where a room's router runs and who is on it (tests, benchmarks, diagnostics). */
export interface RoomRouterInfo {
  router: ms.Router;
  workerPid: number;
  peerIds: string[];
}

/**
 * The online room of one meeting: its routers and the peers in it. Meeting state lives elsewhere.
 *
 * A room starts with one router. A peer is placed on a router when it creates its first
 * transport: on the least loaded of the room's routers while that worker stays within half the
 * pool's consumer bound with the peer's expected consumers, otherwise on the least loaded worker
 * of the pool (a new router if the room has none there). Every producer is piped
 * (`pipeToRouter`) to the room's other routers that carry peers, once per router; pausing the
 * source pauses the pipe consumer, which pauses the pipe producer and every consumer of it, so a
 * chair's mute reaches every router.
 *
 * The bound itself is kept when consuming: a consumer that would take its worker over it is
 * refused (`unavailable`, reason `workerFull`). Placement only steers peers away from full
 * workers; the peers already on one consume every later sender wherever that sender is.
 */
export class Room extends EventEmitter<RoomEvents> {
  readonly meetingId: string;
  readonly logger: Logger;
  readonly #pool: WorkerPool;
  /** The first router never retires: it carries the active speaker observer. */
  readonly #routers: RoomRouter[];
  readonly #peers = new Map<string, Peer>();
  /**
   * By user, the connection that has opened but not joined yet (at most one: see arrive). With
   * the one joined, a user holds at most two connections to a room, and four transports.
   */
  readonly #arriving = new Map<string, Peer>();
  /** By peer, including peers that have transports but have not joined yet. */
  readonly #placements = new Map<Peer, Promise<RoomRouter>>();
  readonly #routerOfPeer = new Map<Peer, RoomRouter>();
  readonly #reservations = new Map<Peer, Reservation>();
  /** Placements run one at a time, so two peers never both take a router's last capacity. */
  #placing: Promise<unknown> = Promise.resolve();
  #closed = false;

  /**
   * One observer, on the first router, with microphones of the other routers piped to it. One
   * observer per router would each elect a local dominant speaker, and merging those would need
   * audio levels the observers do not expose; the pipe costs one audio stream per microphone.
   */
  readonly #speakerObserver: ms.ActiveSpeakerObserver;
  /**
   * People the chair has muted, by user: a microphone they send again after a reconnect (a new
   * peer, a new producer) starts muted, or a dropped link would undo the chair's mute.
   */
  readonly #mutedByChair = new Set<string>();
  /** The last dominant speaker the observer named, for peers that join after it did. */
  #activeSpeakerId: string | null = null;
  /** Which simulcast layers each camera's owner need send. */
  readonly #senderLayers = new SenderLayers({ lowerAfterMs: LOWER_SENDER_LAYER_AFTER_MS });

  private constructor(
    meetingId: string,
    pool: WorkerPool,
    first: RoomRouter,
    speakerObserver: ms.ActiveSpeakerObserver,
    logger: Logger,
  ) {
    super();
    // Every signaling session in the room listens for its close: hundreds of sites, not ten.
    this.setMaxListeners(0);
    this.meetingId = meetingId;
    this.#pool = pool;
    this.#routers = [first];
    this.#speakerObserver = speakerObserver;
    this.logger = logger;
  }

  static async create(meetingId: string, pool: WorkerPool, logger: Logger): Promise<Room> {
    const worker = pool.leastLoadedWorker();
    if (!worker) throw new Error('No mediasoup worker is running');
    const router = await worker.createRouter({
      mediaCodecs: roomMediaCodecs,
      appData: { meetingId },
    });
    let speakerObserver: ms.ActiveSpeakerObserver;
    try {
      speakerObserver = await router.createActiveSpeakerObserver({ interval: 300 });
    } catch (error) {
      router.close();
      throw error;
    }
    const first: RoomRouter = {
      router,
      worker,
      peerIds: new Set(),
      pipes: new Map(),
      retired: false,
    };
    const room = new Room(meetingId, pool, first, speakerObserver, logger.child({ meetingId }));
    // NOTE: a pipe producer shares its source's appData, so this names the speaking peer
    // whichever router the microphone is on.
    speakerObserver.on('dominantspeaker', ({ producer }) => {
      room.#activeSpeakerId = (producer.appData as ProducerAppData).peerId;
      room.broadcast('activeSpeaker', { peerId: room.#activeSpeakerId });
    });
    room.#watch(first);
    room.logger.info({ workerPid: worker.pid }, 'room created');
    return room;
  }

  get closed(): boolean {
    return this.#closed;
  }
  get peers(): Peer[] {
    return [...this.#peers.values()];
  }

  /** Who is speaking now (null before anyone has, or once they left). */
  get activeSpeakerId(): string | null {
    return this.#activeSpeakerId;
  }

  /** The same on every router of the room (same codecs), so a client may load it first. */
  get rtpCapabilities(): ms.RtpCapabilities {
    return this.#routers[0]!.router.rtpCapabilities;
  }

  /** The room's routers, the first one first. */
  get routers(): RoomRouterInfo[] {
    return this.#routers.map((r) => ({
      router: r.router,
      workerPid: r.worker.pid,
      peerIds: [...r.peerIds],
    }));
  }

  /** The router carrying `peer`'s transports, once placed. */
  routerOf(peer: Peer): ms.Router | undefined {
    return this.#routerOfPeer.get(peer)?.router;
  }

  /**
   * The router for `peer`'s transports: placed on the first call (transports may come before
   * `join`), the same router for every later call.
   */
  async routerFor(peer: Peer): Promise<ms.Router> {
    if (this.#closed) throw new InvalidStateError('The room is closed');
    let placement = this.#placements.get(peer);
    if (!placement) {
      const next = this.#placing.then(() => this.#place(peer));
      this.#placing = next.catch(() => undefined);
      placement = next;
      this.#placements.set(peer, placement);
      next.catch(() => {
        if (this.#placements.get(peer) === next) this.#placements.delete(peer);
      });
    }
    return (await placement).router;
  }

  /**
   * A connection of `peer`'s user opened (its ticket was good); it is not in the room until it
   * joins. An earlier one of the same user that has not joined either is replaced: a window on
   * the device check, or a connection abandoned half way, holds no transports beside it.
   */
  arrive(peer: Peer): void {
    const userId = peer.info.userId;
    const previous = this.#arriving.get(userId);
    this.#arriving.set(userId, peer);
    if (previous && previous !== peer) this.#replace(previous);
  }

  /**
   * Adds the peer and tells everyone else it arrived. One connection per user: an earlier one
   * of the same user in the room (another window, another machine, or a link that dropped
   * before the server noticed) leaves it first, so the others see it leave once and the user
   * is listed once.
   */
  addPeer(peer: Peer): void {
    const previous = this.#peers.get(peer.id);
    if (previous && previous !== peer) {
      previous.close();
      this.#unplace(previous);
    }
    const userId = peer.info.userId;
    if (this.#arriving.get(userId) === peer) this.#arriving.delete(userId);
    for (const other of [...this.#peers.values()])
      if (other !== peer && other.info.userId === userId) this.#replace(other);
    this.#peers.set(peer.id, peer);
    for (const other of this.#peers.values()) {
      if (other !== peer) other.notify('peerJoined', { peer: peer.summary() });
    }
  }

  /** Removes the peer (closing its media) and tells everyone else it left. */
  removePeer(peer: Peer): void {
    if (this.#arriving.get(peer.info.userId) === peer) this.#arriving.delete(peer.info.userId);
    const present = this.#peers.get(peer.id) === peer;
    if (present) this.#peers.delete(peer.id);
    if (present && this.#activeSpeakerId === peer.id) this.#activeSpeakerId = null;
    peer.close();
    this.#unplace(peer);
    if (present)
      for (const other of this.#peers.values()) other.notify('peerLeft', { peerId: peer.id });
  }

  /** `peer` leaves the room (closing its media) and its connection is ended as replaced. */
  #replace(peer: Peer): void {
    this.logger.info(
      { peerId: peer.id, userId: peer.info.userId },
      'connection replaced by a newer one of the same user',
    );
    this.removePeer(peer);
    peer.replaced();
  }

  /** A producer of any peer in this room (consumers may only reach into their own room). */
  findProducer(producerId: string): { peer: Peer; producer: ms.Producer } | undefined {
    for (const peer of this.#peers.values()) {
      const producer = peer.producers.find((p) => p.id === producerId);
      if (producer) return { peer, producer };
    }
    return undefined;
  }

  /** Sends a notification to every peer in the room. */
  broadcast<N extends SignalingNotificationName>(
    name: N,
    data: SignalingNotificationData<N>,
  ): void {
    for (const peer of this.#peers.values()) peer.notify(name, data);
  }

  /**
   * A new producer of `owner`: piped to the room's other routers that carry peers (they will
   * consume it), and microphones to the first router for the active speaker observer.
   */
  producerAdded(owner: Peer, producer: ms.Producer): void {
    const home = this.#routerOfPeer.get(owner);
    if (!home || this.#closed) return;
    producer.observer.once('close', () => this.#closePipes(producer.id));
    this.#senderLayers.addProducer(producer, (spatialLayer) =>
      owner.notify('producerLayersWanted', { producerId: producer.id, spatialLayer }),
    );
    for (const target of this.#routers) {
      if (target !== home && target.peerIds.size > 0)
        void this.#pipeQuietly(producer, home, target);
    }
    if (producer.kind !== 'audio') return;
    const first = this.#routers[0]!;
    const onFirst = home === first ? Promise.resolve() : this.#pipe(producer, home, first);
    onFirst
      .then(() => this.#speakerObserver.addProducer({ producerId: producer.id }))
      .catch(() => undefined);
  }

  /**
   * Creates `peer`'s consumer of another peer's producer on `peer`'s router, piping the producer
   * there first if it lives on another router.
   */
  async consume(peer: Peer, transportId: string, producerId: string): Promise<ms.Consumer> {
    const found = this.findProducer(producerId);
    if (!found || found.peer === peer)
      throw new NotFoundError(`No producer ${producerId} to consume`);
    const transport = peer.transport(transportId);
    const home = this.#routerOfPeer.get(peer);
    const origin = this.#routerOfPeer.get(found.peer);
    const rtpCapabilities = peer.rtpCapabilities;
    if (!home || !origin || !rtpCapabilities) throw new InvalidStateError('Join the room first');
    // NOTE: reserved before the first await, so two consumes of one producer cannot both pass.
    const reservation = peer.reserveConsumer(producerId);
    const admitted = this.#pool.load.admit(home.worker, this.#pool.maxConsumersPerWorker);
    if (!admitted) {
      reservation();
      this.logger.warn(
        { peerId: peer.id, producerId, workerPid: home.worker.pid },
        'consumer refused: the worker is at its consumer bound',
      );
      throw new AppError(
        'unavailable',
        'The media server is at its capacity: this stream cannot be received now',
        { reason: 'workerFull' },
      );
    }
    try {
      return await this.#createConsumer(peer, transport, found, home, origin, reservation);
    } catch (error) {
      reservation();
      throw error;
    } finally {
      admitted();
    }
  }

  async #createConsumer(
    peer: Peer,
    transport: ms.WebRtcTransport,
    found: { peer: Peer; producer: ms.Producer },
    home: RoomRouter,
    origin: RoomRouter,
    reservation: Release,
  ): Promise<ms.Consumer> {
    const producerId = found.producer.id;
    const rtpCapabilities = peer.rtpCapabilities!;
    if (origin !== home) await this.#pipe(found.producer, origin, home);
    if (!home.router.canConsume({ producerId, rtpCapabilities })) {
      throw new InvalidError('Your device cannot receive this stream');
    }
    const consumer = await transport.consume({
      producerId,
      rtpCapabilities,
      // Paused until the client has its consumer ready, so no keyframe is lost.
      paused: true,
      // A camera starts on its lowest simulcast layer: the smallest keyframe, the first to arrive
      // and decode, and the one a sender short of CPU or bandwidth never drops (a consumer that
      // latched onto a top layer the sender dropped before its first RTCP sender report cannot
      // switch down: versatica/mediasoup#492). The client raises it to fit the tile it shows.
      ...(found.producer.type === 'simulcast' ? { preferredLayers: { spatialLayer: 0 } } : {}),
      appData: { peerId: found.peer.id },
    });
    peer.addConsumer(consumer, reservation);
    this.#senderLayers.addConsumer(consumer);
    this.#reservations.get(peer)?.claim();
    return consumer;
  }

  /**
   * Resolves when `consumer` may be resumed: for a camera, once its sender's lowest simulcast
   * layer carries media (at most a few seconds). A consumer resumed while only a higher layer of
   * a just-started camera had arrived would take that layer as its RTP timestamp reference; when
   * the sender then dropped it (CPU adaptation, SenderLayers) the consumer could never switch to
   * another and its receiver saw no more video (versatica/mediasoup#492, seen in bench:sfu).
   */
  async whenResumable(consumer: ms.Consumer): Promise<void> {
    const source = this.findProducer(consumer.producerId)?.producer;
    if (source?.type === 'simulcast') await lowestLayerLive(source, LOWEST_LAYER_WAIT_MS);
  }

  /** `consumer`'s preferred layer changed: its sender may have to send more, or less. */
  consumerLayersChanged(consumer: ms.Consumer): void {
    this.#senderLayers.update(consumer.producerId);
  }

  /** The highest simulcast layer the owner of camera `producerId` was asked to send. */
  senderLayer(producerId: string): number | undefined {
    return this.#senderLayers.announced(producerId);
  }

  /**
   * Pauses or resumes the microphones a chair's target names, on the server, so nothing reaches
   * anyone whatever the muted client does. Returns how many changed. Pausing the source producer
   * is enough on every router: its pipe consumers pause, and with them the pipe producers.
   * "Everyone but X" also lifts a chair's mute of X: the chair is giving X the floor (a
   * microphone X muted themselves stays theirs to open); and it spares `by`, the chair or
   * secretary who asked, who moderates while X speaks.
   */
  async setMicrophones(target: MuteTarget, muted: boolean, by?: Peer): Promise<number> {
    const wanted = new Map<Peer, boolean>();
    for (const peer of this.peers) {
      switch (target.kind) {
        case 'peer':
          if (peer.id === target.peerId) wanted.set(peer, muted);
          break;
        case 'site':
          if (peer.info.siteId === target.siteId) wanted.set(peer, muted);
          break;
        case 'allExcept':
          if (peer.id === target.peerId) {
            if (muted) wanted.set(peer, false);
          } else if (peer !== by) wanted.set(peer, muted);
          break;
        default:
          return assertUnreachable(target);
      }
    }
    let changed = 0;
    for (const [peer, mute] of wanted) changed += await this.#setMicrophonesOf(peer, mute);
    return changed;
  }

  async #setMicrophonesOf(peer: Peer, muted: boolean): Promise<number> {
    if (muted) this.#mutedByChair.add(peer.info.userId);
    else this.#mutedByChair.delete(peer.info.userId);
    let changed = 0;
    for (const producer of peer.producers) {
      const appData = producer.appData as ProducerAppData;
      if (appData.source !== 'mic') continue;
      if (muted && !(producer.paused && appData.mutedByChair)) {
        await producer.pause();
        appData.mutedByChair = true;
        this.broadcast('producerPaused', {
          peerId: peer.id,
          producerId: producer.id,
          byChair: true,
        });
        changed++;
      } else if (!muted && appData.mutedByChair) {
        appData.mutedByChair = false;
        await producer.resume();
        this.broadcast('producerResumed', { peerId: peer.id, producerId: producer.id });
        changed++;
      }
    }
    return changed;
  }

  /** Whether the chair muted this user (and has not unmuted them since), in any of their visits. */
  isMutedByChair(userId: string): boolean {
    return this.#mutedByChair.has(userId);
  }

  /** Tells every peer but `except` about a new or closed producer. */
  announceProducer(owner: Peer, producer: ms.Producer, event: 'added' | 'closed'): void {
    for (const other of this.#peers.values()) {
      if (other === owner) continue;
      if (event === 'added') {
        const summary = owner.summary().producers.find((p) => p.producerId === producer.id);
        if (summary) other.notify('producerAdded', { peerId: owner.id, producer: summary });
      } else {
        other.notify('producerClosed', { peerId: owner.id, producerId: producer.id });
      }
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const peer of this.#peers.values()) peer.close();
    this.#peers.clear();
    this.#arriving.clear();
    for (const reservation of this.#reservations.values()) reservation.release();
    this.#reservations.clear();
    this.#senderLayers.close();
    // NOTE: #closed is set first, so the routers' close events below do not re-enter close().
    for (const r of this.#routers) r.router.close();
    this.logger.info('room closed');
    this.emit('close');
  }

  /** A router closes with its worker; the whole room goes with it and clients rejoin a new one. */
  #watch(entry: RoomRouter): void {
    entry.router.observer.once('close', () => {
      if (entry.retired) return;
      if (!this.#closed)
        this.logger.warn({ workerPid: entry.worker.pid }, 'a router of the room closed; closing');
      this.close();
    });
  }

  /** Producers `peer` would consume if it joined now: every other peer's. */
  #expectedConsumers(peer: Peer): number {
    let count = 0;
    for (const other of this.#peers.values()) if (other !== peer) count += other.producers.length;
    return count;
  }

  async #place(peer: Peer): Promise<RoomRouter> {
    if (this.#closed || peer.closed) throw new InvalidStateError('The room or the peer is closed');
    const load = this.#pool.load;
    const bound = this.#pool.maxConsumersPerWorker;
    const packUpTo = bound * PACK_UP_TO_SHARE_OF_BOUND;
    const demand = this.#expectedConsumers(peer);
    let best = this.#routers[0]!;
    for (const r of this.#routers) if (load.load(r.worker) < load.load(best.worker)) best = r;
    let chosen = best;
    if (load.load(best.worker) + demand > packUpTo) {
      const lightest = this.#pool.leastLoadedWorker();
      const inRoom = this.#routers.find((r) => r.worker === lightest);
      if (inRoom) chosen = inRoom;
      else if (lightest && load.load(lightest) < load.load(best.worker))
        chosen = await this.#addRouter(lightest, peer);
      if (load.load(chosen.worker) + demand > bound)
        this.logger.warn(
          { demand, bound, workerPid: chosen.worker.pid, load: load.load(chosen.worker) },
          "every worker is at the consumer bound; the peer's streams over it will be refused",
        );
    }
    // #addRouter adds the peer itself, before any await, so the new router is never empty.
    chosen.peerIds.add(peer.id);
    this.#routerOfPeer.set(peer, chosen);
    if (demand > 0)
      this.#reservations.set(peer, load.reserve(chosen.worker, demand, RESERVATION_TTL_MS));
    return chosen;
  }

  /** A new router on `worker` carrying `peer`, with the room's producers piped to it. */
  async #addRouter(worker: ms.Worker, peer: Peer): Promise<RoomRouter> {
    const router = await worker.createRouter({
      mediaCodecs: roomMediaCodecs,
      appData: { meetingId: this.meetingId },
    });
    if (this.#closed || peer.closed) {
      router.close();
      throw new InvalidStateError('The room or the peer closed while a router was created');
    }
    const entry: RoomRouter = {
      router,
      worker,
      peerIds: new Set([peer.id]),
      pipes: new Map(),
      retired: false,
    };
    this.#routers.push(entry);
    this.#watch(entry);
    this.logger.info(
      { workerPid: worker.pid, routers: this.#routers.length, routerId: router.id },
      'room spread to another router',
    );
    // The newcomer consumes all of these; start piping now rather than on its first consume.
    for (const other of this.#peers.values()) {
      const origin = this.#routerOfPeer.get(other);
      if (!origin || origin === entry) continue;
      for (const producer of other.producers) void this.#pipeQuietly(producer, origin, entry);
    }
    return entry;
  }

  /** Forgets `peer`'s placement; a router other than the first that nobody uses is closed. */
  #unplace(peer: Peer): void {
    this.#placements.delete(peer);
    this.#reservations.get(peer)?.release();
    this.#reservations.delete(peer);
    const home = this.#routerOfPeer.get(peer);
    if (!home) return;
    this.#routerOfPeer.delete(peer);
    home.peerIds.delete(peer.id);
    if (this.#closed || home === this.#routers[0] || home.peerIds.size > 0) return;
    // NOTE: retired before closing, so its close is not taken for a dead worker. Closing the
    // router closes its pipe transports, and mediasoup closes their peers on the other routers.
    home.retired = true;
    this.#routers.splice(this.#routers.indexOf(home), 1);
    home.router.close();
    this.logger.info(
      { workerPid: home.worker.pid, routers: this.#routers.length },
      'emptied router closed',
    );
  }

  /** `producer` (on `from`) made available on `to`; one pipe per producer per router. */
  #pipe(producer: ms.Producer, from: RoomRouter, to: RoomRouter): Promise<ms.Producer> {
    const cached = to.pipes.get(producer.id);
    if (cached) return cached;
    const forget = () => {
      if (to.pipes.get(producer.id) === pipe) to.pipes.delete(producer.id);
    };
    const pipe = from.router
      .pipeToRouter({ producerId: producer.id, router: to.router })
      .then(({ pipeProducer }) => {
        if (!pipeProducer) throw new Error('pipeToRouter() returned no producer');
        // Closes when the source or either router closes (mediasoup links the pipe's ends).
        pipeProducer.observer.once('close', forget);
        return pipeProducer;
      });
    pipe.catch(forget);
    to.pipes.set(producer.id, pipe);
    return pipe;
  }

  async #pipeQuietly(producer: ms.Producer, from: RoomRouter, to: RoomRouter): Promise<void> {
    try {
      await this.#pipe(producer, from, to);
    } catch (error) {
      // A producer or a router that closes meanwhile is normal; anything else is worth a line.
      if (!this.#closed && !producer.closed && !to.retired)
        this.logger.warn({ err: error, producerId: producer.id }, 'pipeToRouter() failed');
    }
  }

  /**
   * The source closed: close its pipe producers now. mediasoup would also do it, once the worker
   * tells the pipe consumer; closing here makes consumers on every router see it at once.
   */
  #closePipes(producerId: string): void {
    for (const r of this.#routers) {
      const pipe = r.pipes.get(producerId);
      if (!pipe) continue;
      r.pipes.delete(producerId);
      void pipe.then(
        (p) => p.close(),
        () => undefined,
      );
    }
  }
}

/** Resolves once `producer`'s lowest simulcast layer has a score (media arrives), or after `timeoutMs`. */
function lowestLayerLive(producer: ms.Producer, timeoutMs: number): Promise<void> {
  const live = (scores: ms.ProducerScore[]) =>
    scores.some((s) => s.encodingIdx === 0 && s.score > 0);
  if (producer.closed || live(producer.score)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      producer.off('score', onScore);
      producer.observer.off('close', done);
      resolve();
    };
    const onScore = (scores: ms.ProducerScore[]) => {
      if (live(scores)) done();
    };
    const timer = setTimeout(done, timeoutMs);
    producer.on('score', onScore);
    producer.observer.once('close', done);
  });
}
