/**
 * Signaling between a client and the SFU over the authenticated WebSocket. Requests carry ids
 * and get exactly one response; notifications flow server → client. mediasoup's own parameter
 * objects (RTP, DTLS) are checked for shape here and in depth by mediasoup itself.
 */
import { z } from 'zod';

export const SIGNALING_PROTOCOL_VERSION = 1;
export const SIGNALING_PATH = '/ws';
/** WebSocket close codes the server uses, with a reason the client can show. */
export const signalingCloseCodes = {
  incompatible: 4400,
  unauthorized: 4401,
  roomClosed: 4410,
  serverShutdown: 4503,
} as const;

const id = z.string().min(1).max(64);
const mediasoupObject = z.record(z.string(), z.unknown());

export const signalingRequests = {
  getRouterRtpCapabilities: {
    data: z.strictObject({}),
    response: z.object({ routerRtpCapabilities: mediasoupObject }),
  },
  join: {
    data: z.strictObject({ rtpCapabilities: mediasoupObject }),
    response: z.object({ peerId: z.string() }),
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
  connectWebRtcTransport: {
    data: z.strictObject({ transportId: id, dtlsParameters: mediasoupObject }),
    response: z.object({}),
  },
  produce: {
    data: z.strictObject({
      transportId: id,
      kind: z.enum(['audio', 'video']),
      rtpParameters: mediasoupObject,
      source: z.enum(['mic', 'camera', 'screen']),
    }),
    response: z.object({ producerId: z.string() }),
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
} as const;

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

const errorSchema = z.object({ code: z.string(), name: z.string(), message: z.string() });

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
