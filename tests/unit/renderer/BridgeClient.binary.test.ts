import { describe, expect, it } from 'vitest';
import { decodeHostFrame, encodeHostFrame } from '../../../common/ipc/bridgeProtocol';
import { BridgeClient } from '../../../renderer/lib/BridgeClient';

const sha = 'ab'.repeat(32);

describe('encodeHostFrame() / decodeHostFrame()', () => {
  it('a frame without bytes stays JSON text', () => {
    const frame = { type: 'result', id: 1, ok: true, value: { a: [1, 'b'] } } as const;
    const encoded = encodeHostFrame(frame);
    expect(typeof encoded).toBe('string');
    expect(decodeHostFrame(encoded)).toEqual(frame);
  });

  it('a frame with Uint8Array values (Buffers too) round-trips as one binary message', () => {
    const pdf = new Uint8Array(70_000).map((_, i) => i % 251);
    const frame = {
      type: 'result' as const,
      id: 7,
      ok: true as const,
      value: { bytes: Buffer.from(pdf), more: [new Uint8Array([1, 2, 3])], sha },
    };
    const encoded = encodeHostFrame(frame);
    expect(encoded).toBeInstanceOf(Uint8Array);
    // The bytes themselves, not base64: the message is barely larger than the payload.
    expect((encoded as Uint8Array).byteLength).toBeLessThan(pdf.byteLength + 300);
    const decoded = decodeHostFrame((encoded as Uint8Array).slice().buffer) as any;
    expect(decoded.value.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(decoded.value.bytes).equals(Buffer.from(pdf))).toBe(true);
    expect(decoded.value.more[0]).toEqual(new Uint8Array([1, 2, 3]));
    expect(decoded.value.sha).toBe(sha);
  });

  it('a truncated binary message is refused', () => {
    const encoded = encodeHostFrame({
      type: 'result',
      id: 1,
      ok: true,
      value: { bytes: new Uint8Array(100) },
    }) as Uint8Array;
    expect(() => decodeHostFrame(encoded.slice(0, encoded.byteLength - 10))).toThrow(/truncated/);
  });
});

/** A socket the test drives as the host. */
class FakeSocket {
  static last: FakeSocket | undefined;
  binaryType = 'blob';
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  readonly sent: any[] = [];
  constructor() {
    FakeSocket.last = this;
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.onclose?.();
  }
}

describe('BridgeClient with binary frames', () => {
  it('documents.read answered by a binary frame resolves with the bytes as a Uint8Array', async () => {
    const client = BridgeClient.connect({
      url: 'ws://127.0.0.1:5174/bridge',
      profileId: 'profile-0001',
      WebSocketCtor: FakeSocket as unknown as typeof WebSocket,
    });
    const socket = FakeSocket.last!;
    expect(socket.binaryType).toBe('arraybuffer');
    socket.onopen?.();
    socket.onmessage?.({ data: JSON.stringify({ type: 'ready' }) });
    const pending = client.invoke('documents.read', { meetingId: 'm', documentId: 'd' });
    const call = socket.sent.find((f) => f.type === 'invoke');
    const pdf = new TextEncoder().encode('%PDF-1.7 …');
    const message = encodeHostFrame({
      type: 'result',
      id: call.id,
      ok: true,
      value: {
        bytes: pdf,
        meetingId: 'm',
        documentId: 'd',
        version: 1,
        sha256: sha,
        source: 'cache',
      },
    }) as Uint8Array;
    socket.onmessage?.({ data: message.slice().buffer });
    const result = await pending;
    expect(result.bytes).toEqual(pdf);
    client.close();
  });
});
