/**
 * Frames of the browser bridge: the renderer in a plain browser reaches the same main-process
 * services over one WebSocket to a Node host (tests, guests). A profile id, kept by the browser,
 * selects that client's own services and local store.
 */
import { z } from 'zod';

export const BRIDGE_PATH = '/bridge';
export const BRIDGE_PROTOCOL_VERSION = 1;

export const bridgeClientFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    version: z.number().int(),
    profileId: z.string().regex(/^[a-zA-Z0-9-]{8,64}$/),
  }),
  z.strictObject({
    type: z.literal('invoke'),
    id: z.number().int().nonnegative(),
    channel: z.string().max(64),
    request: z.unknown(),
  }),
]);
export type BridgeClientFrame = z.infer<typeof bridgeClientFrameSchema>;

const serializedErrorSchema = z.object({
  code: z.string(),
  name: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

// A plain union: two frames share type 'result' and differ by `ok`.
export const bridgeHostFrameSchema = z.union([
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(true),
    value: z.unknown(),
  }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(false),
    error: serializedErrorSchema,
  }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type BridgeHostFrame = z.infer<typeof bridgeHostFrameSchema>;
