/**
 * ScreenSourcePicker: the request/answer round between main (getDisplayMedia in Electron) and
 * the renderer's picker, and how it refuses answers that do not fit the pending request.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScreenSharePick, ScreenSource } from '../../../common/ipc/screenShare';
import {
  ScreenSourcePicker,
  toScreenSource,
  type ScreenSourcePickerOptions,
} from '../../../main/services/ScreenSourcePicker';
import { createMainServices } from '../../../main/composition';
import { FileSecretStore } from '../../../main/services/FileSecretStore';

/** A 1×1 transparent PNG. */
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const SOURCES: ScreenSource[] = [
  { id: 'screen:0:0', name: 'Screen 1', kind: 'screen', thumbnail: PNG },
  { id: 'window:42:0', name: 'Báo cáo KT-XH.docx - Word', kind: 'window', thumbnail: PNG },
];

function setUp(options: ScreenSourcePickerOptions = {}) {
  const picker = new ScreenSourcePicker(options);
  const picks: ScreenSharePick[] = [];
  const ended: string[] = [];
  picker.on('pick', (request) => picks.push(request));
  picker.on('pickEnded', (requestId) => ended.push(requestId));
  return { picker, picks, ended };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ScreenSourcePicker', () => {
  it('choose() emits the sources with a request id and resolves with the selected source', async () => {
    const { picker, picks, ended } = setUp();
    const chosen = picker.choose(SOURCES);
    expect(picks).toHaveLength(1);
    const { requestId, sources } = picks[0]!;
    expect(sources).toEqual(SOURCES);
    expect(picker.pendingRequestId).toBe(requestId);

    picker.select(requestId, 'window:42:0');
    await expect(chosen).resolves.toBe('window:42:0');
    expect(ended).toEqual([requestId]);
    expect(picker.pendingRequestId).toBeUndefined();
  });

  it('select() with null cancels: choose() resolves with null', async () => {
    const { picker, picks } = setUp();
    const chosen = picker.choose(SOURCES);
    picker.select(picks[0]!.requestId, null);
    await expect(chosen).resolves.toBeNull();
  });

  it('select() with an unknown request id throws invalid_state and keeps the request pending', async () => {
    const { picker, picks } = setUp();
    const chosen = picker.choose(SOURCES);
    expect(() => picker.select('not-the-request', 'screen:0:0')).toThrow(
      expect.objectContaining({ code: 'invalid_state' }),
    );
    picker.select(picks[0]!.requestId, 'screen:0:0');
    await expect(chosen).resolves.toBe('screen:0:0');
    // Answered already: a second answer to the same request is refused too.
    expect(() => picker.select(picks[0]!.requestId, null)).toThrow(
      expect.objectContaining({ code: 'invalid_state' }),
    );
  });

  it('select() with a source that was not offered throws invalid and keeps the request pending', async () => {
    const { picker, picks, ended } = setUp();
    const chosen = picker.choose(SOURCES);
    const { requestId } = picks[0]!;
    expect(() => picker.select(requestId, 'screen:9:0')).toThrow(
      expect.objectContaining({ code: 'invalid' }),
    );
    expect(ended).toEqual([]);
    picker.select(requestId, 'screen:0:0');
    await expect(chosen).resolves.toBe('screen:0:0');
  });

  it('choose() without an answer resolves with null after the timeout and announces the end', async () => {
    vi.useFakeTimers();
    const { picker, picks, ended } = setUp({ timeoutMs: 60_000 });
    let outcome: string | null | undefined;
    void picker.choose(SOURCES).then((id) => (outcome = id));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toBeNull();
    const { requestId } = picks[0]!;
    expect(ended).toEqual([requestId]);
    // Too late: the renderer's answer is refused.
    expect(() => picker.select(requestId, 'screen:0:0')).toThrow(
      expect.objectContaining({ code: 'invalid_state' }),
    );
  });

  it('a second choose() resolves the first with null, ends it before offering the second', async () => {
    const { picker, picks } = setUp();
    const events: string[] = [];
    picker.on('pick', ({ requestId }) => events.push(`pick ${requestId}`));
    picker.on('pickEnded', (requestId) => events.push(`ended ${requestId}`));
    const first = picker.choose(SOURCES);
    const second = picker.choose(SOURCES.slice(0, 1));
    await expect(first).resolves.toBeNull();
    const [a, b] = picks.map((p) => p.requestId);
    expect(a).not.toBe(b);
    expect(events).toEqual([`pick ${a}`, `ended ${a}`, `pick ${b}`]);
    expect(() => picker.select(a!, 'screen:0:0')).toThrow(
      expect.objectContaining({ code: 'invalid_state' }),
    );
    picker.select(b!, 'screen:0:0');
    await expect(second).resolves.toBe('screen:0:0');
  });

  it('choose() with sources that do not match the contract rejects with InvalidError', async () => {
    const { picker, picks } = setUp();
    await expect(
      picker.choose([{ ...SOURCES[0]!, thumbnail: 'data:text/html;base64,PGgxPg==' }]),
    ).rejects.toMatchObject({ code: 'invalid' });
    expect(picks).toEqual([]);
  });

  it('choose() with no sources or no renderer listening resolves with null at once', async () => {
    const { picker, picks } = setUp();
    await expect(picker.choose([])).resolves.toBeNull();
    const unheard = setUp({ isRendererListening: () => false });
    await expect(unheard.picker.choose(SOURCES)).resolves.toBeNull();
    expect([...picks, ...unheard.picks]).toEqual([]);
  });

  it('close() resolves the pending request with null and later ones at once', async () => {
    const { picker, picks } = setUp();
    const pending = picker.choose(SOURCES);
    picker.close();
    picker.close();
    await expect(pending).resolves.toBeNull();
    await expect(picker.choose(SOURCES)).resolves.toBeNull();
    expect(picks).toHaveLength(1);
  });
});

describe('toScreenSource', () => {
  const image = (dataUrl: string | null) => ({
    isEmpty: () => dataUrl === null,
    toDataURL: () => dataUrl ?? 'data:image/png;base64,',
  });

  it('maps a desktopCapturer screen and window, with the app icon only where there is one', () => {
    expect(
      toScreenSource({ id: 'screen:1:0', name: 'Screen 2', thumbnail: image(PNG), appIcon: null }),
    ).toEqual({ id: 'screen:1:0', name: 'Screen 2', kind: 'screen', thumbnail: PNG });
    expect(
      toScreenSource({
        id: 'window:7:0',
        name: 'Zalo',
        thumbnail: image(null),
        appIcon: image(PNG),
      }),
    ).toEqual({
      id: 'window:7:0',
      name: 'Zalo',
      kind: 'window',
      thumbnail: 'data:image/png;base64,',
      appIcon: PNG,
    });
    expect(
      toScreenSource({ id: 'window:8:0', name: 'x', thumbnail: image(PNG), appIcon: image(null) }),
    ).not.toHaveProperty('appIcon');
  });
});

describe('createMainServices', () => {
  it('screenShare.select over the IPC router answers the pending pick published as an event', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-picker-'));
    const services = createMainServices({
      dataDir,
      secrets: new FileSecretStore(path.join(dataDir, 'secrets.json')),
      defaultServerUrl: 'http://127.0.0.1:1',
      shell: 'electron',
      version: 'test',
    });
    try {
      const events: [string, unknown][] = [];
      services.router.on('event', (name, payload) => events.push([name, payload]));
      const chosen = services.screenSources.choose(SOURCES);
      const pick = events.find(([name]) => name === 'screenShare.pick')?.[1] as ScreenSharePick;
      expect(pick.sources.map((s) => s.id)).toEqual(['screen:0:0', 'window:42:0']);

      const refused = await services.router.handle('screenShare.select', {
        requestId: pick.requestId,
        sourceId: 'window:1:0',
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
      const answered = await services.router.handle('screenShare.select', {
        requestId: pick.requestId,
        sourceId: 'window:42:0',
      });
      expect(answered).toEqual({ ok: true, value: {} });
      await expect(chosen).resolves.toBe('window:42:0');
      expect(events.at(-1)).toEqual(['screenShare.pickEnded', { requestId: pick.requestId }]);
    } finally {
      services.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
