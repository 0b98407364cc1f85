/**
 * A participant in a meeting's room without media, as the app's RoomClient joins it: a join
 * ticket over REST, the signaling socket, then `join` (with the router's own capabilities, as
 * nothing will be consumed). For tests of the meeting channels (conclusions, presentation).
 */
import WebSocket from 'ws';
import { SignalingClient } from '../../common/protocol/SignalingClient';

// SignalingClient speaks the browser's WebSocket API; `ws` provides it in Node.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export async function joinRoomWithoutMedia(
  url: string,
  token: string,
  meetingId: string,
  onNotification: (method: string, data: unknown) => void = () => undefined,
): Promise<SignalingClient> {
  const client = await openSignaling(url, token, meetingId, onNotification);
  const { routerRtpCapabilities } = await client.request('getRouterRtpCapabilities', {});
  await client.request('join', { rtpCapabilities: routerRtpCapabilities });
  return client;
}

/** The signaling socket of a meeting's room, not joined yet. */
export async function openSignaling(
  url: string,
  token: string,
  meetingId: string,
  onNotification: (method: string, data: unknown) => void = () => undefined,
): Promise<SignalingClient> {
  const res = await fetch(`${url}/api/meetings/${meetingId}/join-ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (!res.ok) throw new Error(`join ticket refused: ${res.status}`);
  const { ticket, signalingUrl } = (await res.json()) as { ticket: string; signalingUrl: string };
  const client = await SignalingClient.connect(signalingUrl, ticket);
  client.onNotification = onNotification;
  return client;
}

/** Polls `cond` every 20 ms until it holds, or fails after `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
