import { describe, expect, it } from 'vitest';
import {
  bridgeClientFrameSchema,
  decodeClientFrame,
  encodeHostFrame,
  MAX_CLIENT_MESSAGE_BYTES,
} from '../../../common/ipc/bridgeProtocol';
import { BridgeClient } from '../../../renderer/lib/BridgeClient';

/** A socket the test drives as the host, keeping what the page sends as it was sent. */
class RecordingSocket {
  static last: RecordingSocket | undefined;
  binaryType = 'blob';
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  readonly sent: (string | Uint8Array)[] = [];
  constructor() {
    RecordingSocket.last = this;
  }
  send(data: string | Uint8Array) {
    this.sent.push(data);
  }
  close() {
    this.onclose?.();
  }
}

/** A client whose host has said `ready`, and the socket it sends on. */
function readyClient(profileId: string) {
  const client = BridgeClient.connect({
    url: 'ws://127.0.0.1:5174/bridge',
    profileId,
    WebSocketCtor: RecordingSocket as unknown as typeof WebSocket,
  });
  const socket = RecordingSocket.last!;
  socket.onopen?.();
  socket.onmessage?.({ data: JSON.stringify({ type: 'ready' }) });
  return { client, socket };
}

describe('BridgeClient sending bytes', () => {
  it('tasks.stageAttachment goes as one binary message the host decodes to the same bytes; other calls stay JSON text', async () => {
    const { client, socket } = readyClient('profile-0002');
    expect(typeof socket.sent[0]).toBe('string'); // hello

    const file = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7) % 256);
    const answer = client.invoke('tasks.stageAttachment', { name: 'Báo cáo.pdf', bytes: file });
    const message = socket.sent.at(-1)!;
    expect(message).toBeInstanceOf(Uint8Array);
    expect((message as Uint8Array).byteLength).toBeLessThan(file.byteLength + 300);
    const frame = bridgeClientFrameSchema.parse(decodeClientFrame(message as Uint8Array));
    expect(frame).toMatchObject({ type: 'invoke', channel: 'tasks.stageAttachment' });
    const request = (frame as { request: { name: string; bytes: Uint8Array } }).request;
    expect(request.name).toBe('Báo cáo.pdf');
    expect(Buffer.from(request.bytes).equals(Buffer.from(file))).toBe(true);

    const attachment = {
      id: 'file-0000001',
      name: 'Báo cáo.pdf',
      mime: 'application/pdf',
      size: file.byteLength,
      sha256: 'ab'.repeat(32),
    };
    const id = (frame as { id: number }).id;
    socket.onmessage?.({
      data: encodeHostFrame({ type: 'result', id, ok: true, value: attachment }),
    });
    await expect(answer).resolves.toEqual(attachment);

    void client.invoke('tasks.checkReminders', {}).catch(() => undefined);
    expect(typeof socket.sent.at(-1)).toBe('string');
    client.close();
  });

  it('documents.upload of a file larger than the host accepts is refused as too_large without sending it; the socket stays usable', async () => {
    const { client, socket } = readyClient('profile-0003');
    const sentBefore = socket.sent.length;
    const answer = client.invoke('documents.upload', {
      uploadId: 'upload-1',
      meetingId: 'hd-ubnd-upcoming',
      target: { kind: 'version', documentId: 'doc-1' },
      fileName: 'Bản scan.pdf',
      bytes: new Uint8Array(MAX_CLIENT_MESSAGE_BYTES),
    });
    await expect(answer).rejects.toMatchObject({
      code: 'too_large',
      details: { maxBytes: MAX_CLIENT_MESSAGE_BYTES - 1024 * 1024 },
    });
    expect(socket.sent.length).toBe(sentBefore);
    void client.invoke('tasks.checkReminders', {}).catch(() => undefined);
    expect(socket.sent.length).toBe(sentBefore + 1);
    client.close();
  });
});
