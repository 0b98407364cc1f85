import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DesktopConfigError, loadDesktopConfig } from '../../../../main/electron/desktopConfig';
import {
  mayRunUpdateStep,
  nextCheckIn,
  updaterSetup,
  type UpdaterSetup,
} from '../../../../main/electron/updatePolicy';

const HOUR = 60 * 60 * 1000;
const on: UpdaterSetup = { kind: 'on', feedUrl: null, checkEveryMs: 4 * HOUR };

function configFile(content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-updates-'));
  const file = path.join(dir, 'phonghop.config.json');
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('updaterSetup()', () => {
  it('runs in an installed app against the built-in feed, or the one the configuration names', () => {
    expect(updaterSetup({ packaged: true, config: undefined, builtInFeed: true })).toEqual(on);
    const config = loadDesktopConfig({
      candidates: [
        configFile({ updates: { url: 'https://hop.tinh.gov.vn/capnhat/', checkEveryHours: 12 } }),
      ],
      env: {},
      packaged: true,
    });
    expect(updaterSetup({ packaged: true, config: config.updates, builtInFeed: false })).toEqual({
      kind: 'on',
      feedUrl: 'https://hop.tinh.gov.vn/capnhat/',
      checkEveryMs: 12 * HOUR,
    });
  });

  it('stays off when the policy file beside the app says so, in development, and without a feed', () => {
    const config = loadDesktopConfig({
      candidates: [configFile({ updates: { enabled: false } })],
      env: {},
      packaged: true,
    });
    expect(updaterSetup({ packaged: true, config: config.updates, builtInFeed: true })).toEqual({
      kind: 'off',
      reason: 'disabled_by_policy',
    });
    expect(updaterSetup({ packaged: false, config: undefined, builtInFeed: true })).toEqual({
      kind: 'off',
      reason: 'development',
    });
    expect(updaterSetup({ packaged: true, config: undefined, builtInFeed: false })).toEqual({
      kind: 'off',
      reason: 'no_feed',
    });
  });

  it('a feed over plain http:// on the network, or an unknown setting, is refused with the file named', () => {
    for (const updates of [
      { url: 'http://10.0.0.5/capnhat/' },
      { enable: false },
      { checkEveryHours: 0 },
    ]) {
      const file = configFile({ updates });
      expect(() => loadDesktopConfig({ candidates: [file], env: {}, packaged: true })).toThrow(
        DesktopConfigError,
      );
    }
  });
});

describe('mayRunUpdateStep()', () => {
  it('never checks, downloads or installs during a meeting', () => {
    for (const step of ['check', 'download', 'install'] as const) {
      expect(mayRunUpdateStep(step, { setup: on, inMeeting: true, userAsked: true }), step).toBe(
        false,
      );
    }
  });

  it('outside a meeting checks and downloads; restarts to install only when the user asks', () => {
    expect(mayRunUpdateStep('check', { setup: on, inMeeting: false })).toBe(true);
    expect(mayRunUpdateStep('download', { setup: on, inMeeting: false })).toBe(true);
    expect(mayRunUpdateStep('install', { setup: on, inMeeting: false })).toBe(false);
    expect(mayRunUpdateStep('install', { setup: on, inMeeting: false, userAsked: true })).toBe(
      true,
    );
  });

  it('does nothing at all when the updater is off', () => {
    const off: UpdaterSetup = { kind: 'off', reason: 'disabled_by_policy' };
    for (const step of ['check', 'download', 'install'] as const) {
      expect(mayRunUpdateStep(step, { setup: off, inMeeting: false, userAsked: true })).toBe(false);
    }
    expect(nextCheckIn(off, null, 0)).toBeNull();
  });

  it('nextCheckIn() is due at once the first time, then after the interval', () => {
    expect(nextCheckIn(on, null, 1000)).toBe(0);
    expect(nextCheckIn(on, 1000, 1000 + HOUR)).toBe(3 * HOUR);
    expect(nextCheckIn(on, 1000, 1000 + 5 * HOUR)).toBe(0);
  });
});
