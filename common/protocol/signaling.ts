/**
 * Signaling between a client and the SFU over the authenticated WebSocket. Requests carry ids
 * and get exactly one response; notifications flow server → client. mediasoup's own parameter
 * objects (RTP, DTLS) are checked for shape here and in depth by mediasoup itself.
 */
import { z } from 'zod';
import { meetingRoleSchema } from '../domain/policy';
import { agendaChannelNotifications } from './agendaChannel';
import { conclusionsChannelNotifications, conclusionsChannelRequests } from './conclusionsChannel';
import { meetingChannelNotifications, meetingChannelRequests } from './meetingChannel';
import {
  presentationChannelNotifications,
  presentationChannelRequests,
} from './presentationChannel';

export const SIGNALING_PROTOCOL_VERSION = 1;

/**
 * A camera is sent in three simulcast layers (quarter, half and full size): 0, 1 and 2. A client
 * starts sending layers 0 to CAMERA_START_LAYER; the server then tells it, with
 * `producerLayersWanted`, the highest layer anyone receives (see SenderLayers).
 */
export const CAMERA_TOP_LAYER = 2;
export const CAMERA_START_LAYER = 1;
export const SIGNALING_PATH = '/ws';
/**
 * The largest signaling message either side accepts, in UTF-8 bytes: a conclusions sync after a
 * long offline stretch (MAX_CONCLUSIONS_UPDATE_CHARS) fits. A larger one is answered with
 * `too_large`; the socket itself takes up to twice this before it closes (1009), so an
 * oversized message gets an answer rather than a dropped connection.
 */
export const MAX_SIGNALING_MESSAGE_BYTES = 512 * 1024;
/** WebSocket close codes the server uses, with a reason the client can show. */
export const signalingCloseCodes = {
  incompatible: 4400,
  unauthorized: 4401,
  /**
   * The same user joined the same meeting from another window or machine: one connection per
   * user per meeting, the newest one stays. The replaced client must not reconnect.
   */
  replaced: 4409,
  roomClosed: 4410,
  serverShutdown: 4503,
} as const;

const id = z.string().min(1).max(64);
const mediasoupObject = z.record(z.string(), z.unknown());

export const mediaSourceSchema = z.enum(['mic', 'camera', 'screen']);
export type MediaSource = z.infer<typeof mediaSourceSchema>;

export const producerSummarySchema = z.object({
  producerId: z.string(),
  kind: z.enum(['audio', 'video']),
  source: mediaSourceSchema,
  /** Paused on the server: nothing of it reaches anyone. */
  paused: z.boolean(),
  /** Paused by the chair; only the chair can resume it. */
  mutedByChair: z.boolean(),
});
export type ProducerSummary = z.infer<typeof producerSummarySchema>;

/** A participant in the room as others see them: a person at a site. */
export const peerSummarySchema = z.object({
  peerId: z.string(),
  userId: z.string(),
  displayName: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  meetingRole: meetingRoleSchema,
  producers: z.array(producerSummarySchema),
});
export type PeerSummary = z.infer<typeof peerSummarySchema>;

export const muteTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('peer'), peerId: id }),
  z.strictObject({ kind: z.literal('site'), siteId: id }),
  z.strictObject({ kind: z.literal('allExcept'), peerId: id }),
]);
export type MuteTarget = z.infer<typeof muteTargetSchema>;

export const signalingRequests = {
  getRouterRtpCapabilities: {
    data: z.strictObject({}),
    response: z.object({ routerRtpCapabilities: mediasoupObject }),
  },
  /** Enter the room; the answer lists who is already there and what they send. */
  join: {
    data: z.strictObject({ rtpCapabilities: mediasoupObject }),
    response: z.object({
      peerId: z.string(),
      peers: z.array(peerSummarySchema),
      /** Who is speaking now: the server announces only changes (`activeSpeaker`). */
      activeSpeakerId: z.string().nullable().optional(),
    }),
  },
  createWebRtcTransport: {
    data: z.strictObject({ direction: z.enum(['send', 'recv']) }),
    response: z.object({
      id: z.string(),
      iceParameters: mediasoupObject,
      iceCandidates: z.array(mediasoupObject),
      dtlsParameters: mediasoupObject,
    }),
  },
  /** New ICE credentials for one of the caller's transports, after its ICE failed or stalled. */
  restartIce: {
    data: z.strictObject({ transportId: id }),
    response: z.object({ iceParameters: mediasoupObject }),
  },
  /** What the server sees of one of the caller's transports (for diagnostics and the quality view). */
  getTransportStats: {
    data: z.strictObject({ transportId: id }),
    response: z.object({
      iceState: z.string(),
      dtlsState: z.string(),
      bytesReceived: z.number(),
      bytesSent: z.number(),
      recvBitrate: z.number(),
      sendBitrate: z.number(),
    }),
  },
  connectWebRtcTransport: {
    data: z.strictObject({ transportId: id, dtlsParameters: mediasoupObject }),
    response: z.object({}),
  },
  produce: {
    data: z.strictObject({
      transportId: id,
      kind: z.enum(['audio', 'video']),
      rtpParameters: mediasoupObject,
      source: mediaSourceSchema,
    }),
    response: z.object({ producerId: z.string() }),
  },
  /** Receive another peer's producer; the consumer starts paused until resumeConsumer. */
  consume: {
    data: z.strictObject({ transportId: id, producerId: id }),
    response: z.object({
      consumerId: z.string(),
      producerId: z.string(),
      kind: z.enum(['audio', 'video']),
      rtpParameters: mediasoupObject,
    }),
  },
  resumeConsumer: {
    data: z.strictObject({ consumerId: id }),
    response: z.object({}),
  },
  /** Stop receiving a stream for now (audio-only mode, a receive cap, a hidden tile). */
  pauseConsumer: {
    data: z.strictObject({ consumerId: id }),
    response: z.object({}),
  },
  /** Which simulcast layer to receive: chosen from the size the tile is shown at. */
  setConsumerPreferredLayers: {
    data: z.strictObject({
      consumerId: id,
      spatialLayer: z.number().int().min(0).max(CAMERA_TOP_LAYER),
      temporalLayer: z.number().int().min(0).max(2).optional(),
    }),
    /** What the server's consumer now prefers (null: not a simulcast stream). */
    response: z.object({ preferredSpatialLayer: z.number().int().nullable() }),
  },
  /** The sender mutes or unmutes one of its own tracks (the server stops forwarding it). */
  pauseProducer: { data: z.strictObject({ producerId: id }), response: z.object({}) },
  resumeProducer: { data: z.strictObject({ producerId: id }), response: z.object({}) },
  /**
   * The chair (or the secretary at the console) mutes or unmutes microphones: one person, a
   * whole site, or everyone but one person (the speaker). Answers how many microphones changed.
   */
  setMicrophones: {
    data: z.strictObject({ target: muteTargetSchema, muted: z.boolean() }),
    response: z.object({ changed: z.number().int() }),
  },
  closeProducer: {
    data: z.strictObject({ producerId: id }),
    response: z.object({}),
  },
  /** What the server receives from one of the caller's own producers. */
  getProducerStats: {
    data: z.strictObject({ producerId: id }),
    response: z.object({
      packetCount: z.number(),
      byteCount: z.number(),
      bitrate: z.number(),
    }),
  },
  ...meetingChannelRequests,
  ...conclusionsChannelRequests,
  ...presentationChannelRequests,
} as const;

/** Server → client notifications, validated by the client like responses. */
export const signalingNotifications = {
  peerJoined: z.object({ peer: peerSummarySchema }),
  peerLeft: z.object({ peerId: z.string() }),
  producerAdded: z.object({ peerId: z.string(), producer: producerSummarySchema }),
  producerClosed: z.object({ peerId: z.string(), producerId: z.string() }),
  consumerClosed: z.object({ consumerId: z.string() }),
  /** The simulcast layer the server now forwards on a consumer (null: none, e.g. paused). */
  consumerLayersChanged: z.object({
    consumerId: z.string(),
    spatialLayer: z.number().int().nullable(),
  }),
  /**
   * To a camera's owner: the highest simulcast layer anyone in the room receives of it. Layers
   * above it need not be encoded or sent (the sender's CPU and uplink); layer 0 always is.
   */
  producerLayersWanted: z.object({
    producerId: z.string(),
    spatialLayer: z.number().int().min(0).max(CAMERA_TOP_LAYER),
  }),
  producerPaused: z.object({ peerId: z.string(), producerId: z.string(), byChair: z.boolean() }),
  producerResumed: z.object({ peerId: z.string(), producerId: z.string() }),
  /** The loudest speaker now (null when nobody speaks). */
  activeSpeaker: z.object({ peerId: z.string().nullable() }),
  /** The last message was dropped: the client sends faster than the server accepts. */
  rateLimited: z.object({}),
  /** A message without a usable id failed; nothing to answer, so it is reported here. */
  error: z.object({ code: z.string(), name: z.string(), message: z.string() }),
  ...meetingChannelNotifications,
  ...conclusionsChannelNotifications,
  ...presentationChannelNotifications,
  ...agendaChannelNotifications,
} as const;
export type SignalingNotificationName = keyof typeof signalingNotifications;
export type SignalingNotificationData<N extends SignalingNotificationName> = z.infer<
  (typeof signalingNotifications)[N]
>;

export type SignalingMethod = keyof typeof signalingRequests;
export type SignalingRequestData<M extends SignalingMethod> = z.infer<
  (typeof signalingRequests)[M]['data']
>;
export type SignalingResponseData<M extends SignalingMethod> = z.infer<
  (typeof signalingRequests)[M]['response']
>;

export function isSignalingMethod(value: unknown): value is SignalingMethod {
  return typeof value === 'string' && Object.hasOwn(signalingRequests, value);
}

/** Envelope of every client → server message. */
export const signalingClientMessageSchema = z.strictObject({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.string().max(64),
  data: z.unknown(),
});
export type SignalingClientMessage = z.infer<typeof signalingClientMessageSchema>;

const errorSchema = z.object({
  code: z.string(),
  name: z.string(),
  message: z.string(),
  /** What the refusal is about (e.g. `reason`, a message key), as the server's AppError had it. */
  details: z.unknown().optional(),
});

export const signalingServerMessageSchema = z.union([
  z.object({
    type: z.literal('response'),
    id: z.number().int(),
    ok: z.literal(true),
    data: z.unknown(),
  }),
  z.object({
    type: z.literal('response'),
    id: z.number().int(),
    ok: z.literal(false),
    error: errorSchema,
  }),
  z.object({ type: z.literal('notification'), method: z.string(), data: z.unknown() }),
]);
export type SignalingServerMessage = z.infer<typeof signalingServerMessageSchema>;
