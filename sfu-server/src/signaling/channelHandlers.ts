import type { z } from 'zod';

/** The handlers a channel of the signaling contract (meeting, conclusions) implements. */
export type ChannelHandlers<R extends Record<string, { data: z.ZodType; response: z.ZodType }>> = {
  [M in keyof R]: (data: z.infer<R[M]['data']>) => Promise<z.infer<R[M]['response']>>;
};
