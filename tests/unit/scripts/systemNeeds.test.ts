/**
 * What `npm test` checks before it runs a suite (scripts/systemNeeds.mjs, scripts/test.mjs):
 * which Debian packages each suite needs, how dpkg's answer becomes the missing list and the
 * one command a user is told to run, and the script's own refusal, run for real with --no-install
 * (it never calls apt-get or builds anything then).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_CHROMIUM,
  commandExists,
  failedProbes,
  installPlan,
  mediasoupWorkerPath,
  missingDebianPackages,
  neededPackages,
  nodeModulesState,
  parseInstalled,
  testNeeds,
} from '../../../scripts/systemNeeds.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const tmpDirs: string[] = [];
const tmpDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-system-needs-'));
  tmpDirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of tmpDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the Debian packages each suite needs', () => {
  it('both suites: Chromium and its fonts for e2e, poppler-utils for vitest', () => {
    expect(neededPackages(testNeeds())).toEqual([
      'chromium',
      'fonts-noto-core',
      'fonts-dejavu-core',
      'poppler-utils',
    ]);
    const chromium = testNeeds().find((need) => need.package === 'chromium');
    expect(chromium?.probe).toEqual({ file: DEFAULT_CHROMIUM });
  });

  it('one suite needs only its own packages', () => {
    expect(neededPackages(testNeeds({ suites: ['vitest'] }))).toEqual(['poppler-utils']);
    expect(neededPackages(testNeeds({ suites: ['e2e'] }))).toEqual([
      'chromium',
      'fonts-noto-core',
      'fonts-dejavu-core',
    ]);
  });

  it('PHONGHOP_CHROMIUM replaces the chromium package by that file', () => {
    const needs = testNeeds({ suites: ['e2e'], env: { PHONGHOP_CHROMIUM: '/opt/chrome/chrome' } });
    expect(neededPackages(needs)).toEqual(['fonts-noto-core', 'fonts-dejavu-core']);
    expect(needs.map((need) => need.probe?.file).filter(Boolean)).toEqual(['/opt/chrome/chrome']);
  });
});

describe("dpkg's answer", () => {
  // dpkg-query -W -f='${Package}\t${db:Status-Abbrev}\n' for installed, held, removed with its
  // configuration left, half-configured, and known but never installed packages.
  const output = [
    'fonts-dejavu-core\tii ',
    'fonts-noto-core\thi ',
    'chromium\trc ',
    'poppler-utils\tiF ',
    'xvfb\tun ',
    'libssl3:amd64\tii ',
    '',
  ].join('\n');

  it('counts a package as installed when its state is installed, held or not', () => {
    expect([...parseInstalled(output)].sort()).toEqual([
      'fonts-dejavu-core',
      'fonts-noto-core',
      'libssl3',
    ]);
  });

  it('turns the missing packages into the one command a user without root is told to run', () => {
    const installed = parseInstalled(output);
    const missing = neededPackages(testNeeds()).filter((p) => !installed.has(p));
    expect(missing).toEqual(['chromium', 'poppler-utils']);

    const plan = installPlan(missing, { isRoot: false, hasAptGet: true });
    expect(plan).toMatchObject({
      action: 'stop',
      command: 'sudo apt-get install -y chromium poppler-utils',
    });
    expect(plan.action === 'stop' && plan.message).toBe(
      'npm test needs Debian packages that are not installed: chromium poppler-utils; ' +
        'install them with: sudo apt-get install -y chromium poppler-utils',
    );
  });

  it('root with apt-get installs them; root without apt-get is told the command', () => {
    expect(installPlan(['chromium'], { isRoot: true, hasAptGet: true })).toEqual({
      action: 'install',
      packages: ['chromium'],
      command: 'apt-get install -y chromium',
    });
    expect(installPlan(['chromium'], { isRoot: true, hasAptGet: false })).toMatchObject({
      action: 'stop',
      command: 'apt-get install -y chromium',
    });
    expect(installPlan([], { isRoot: false, hasAptGet: false })).toEqual({ action: 'none' });
  });

  it.skipIf(!commandExists('dpkg-query'))("asks this machine's dpkg", () => {
    expect(missingDebianPackages(['dpkg', 'phonghop-no-such-package'])).toEqual([
      'phonghop-no-such-package',
    ]);
    expect(missingDebianPackages([])).toEqual([]);
  });
});

describe('files and programs', () => {
  it('a probe passes for an executable file or a command on PATH, not for a plain file', () => {
    const dir = tmpDir();
    const program = path.join(dir, 'pdftotext');
    const plain = path.join(dir, 'chromium');
    fs.writeFileSync(program, '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(plain, '', { mode: 0o644 });
    const needs = [
      { package: 'poppler-utils', why: 'pdftotext', probe: { command: 'pdftotext' } },
      { package: 'chromium', why: 'Chromium', probe: { file: plain } },
      { package: 'fonts-noto-core', why: 'fonts' },
    ];
    expect(failedProbes(needs, dir).map((need) => need.package)).toEqual(['chromium']);
    expect(failedProbes(needs, '/nonexistent').map((need) => need.package)).toEqual([
      'poppler-utils',
      'chromium',
    ]);
  });

  it('the mediasoup worker is where mediasoup looks for it, unless MEDIASOUP_WORKER_BIN says', () => {
    const release = path.join(root, 'node_modules/mediasoup/worker/out/Release/mediasoup-worker');
    expect(mediasoupWorkerPath(root, {})).toBe(release);
    expect(mediasoupWorkerPath(root, { MEDIASOUP_BUILDTYPE: 'Debug' })).toBe(
      release.replace('Release', 'Debug'),
    );
    expect(mediasoupWorkerPath(root, { MEDIASOUP_WORKER_BIN: '/opt/w' })).toBe('/opt/w');
  });

  it('node_modules: missing without a finished npm ci or a suite binary, stale after a new lockfile', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{}');
    expect(nodeModulesState(dir)).toBe('missing');

    fs.mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
    const stamp = path.join(dir, 'node_modules', '.package-lock.json');
    fs.writeFileSync(stamp, '{}');
    expect(nodeModulesState(dir)).toBe('ok');
    expect(nodeModulesState(dir, ['vitest'])).toBe('missing');

    fs.writeFileSync(path.join(dir, 'node_modules', '.bin', 'vitest'), '');
    expect(nodeModulesState(dir, ['vitest'])).toBe('ok');

    const older = new Date(Date.now() - 60_000);
    fs.utimesSync(stamp, older, older);
    expect(nodeModulesState(dir, ['vitest'])).toBe('stale');
  });
});

describe('node scripts/test.mjs --preflight-only --no-install', () => {
  const preflight = (args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(process.execPath, ['scripts/test.mjs', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    return {
      status: result.status,
      stdout: result.stdout,
      last: result.stdout.trim().split('\n').at(-1),
    };
  };

  it('names what is missing with what to do, and ends with the summary line CI reads', () => {
    const missing = path.join(tmpDir(), 'none');
    const run = preflight(['e2e', '--preflight-only', '--no-install'], {
      PHONGHOP_CHROMIUM: `${missing}/chromium`,
      MEDIASOUP_WORKER_BIN: `${missing}/mediasoup-worker`,
    });
    expect(run.status).toBe(1);
    expect(run.last).toBe('0 passed, 1 failed');
    expect(run.stdout).toContain(
      `[preflight] ${missing}/chromium not found: Chromium (PHONGHOP_CHROMIUM)`,
    );
    expect(run.stdout).toContain(
      `[preflight] MEDIASOUP_WORKER_BIN=${missing}/mediasoup-worker is not an executable file`,
    );
  });

  it('refuses an unknown argument before checking anything', () => {
    const run = preflight(['--preflight', '--no-install']);
    expect(run.status).toBe(1);
    expect(run.last).toBe('0 passed, 1 failed');
    expect(run.stdout).toContain('unknown argument --preflight; usage: node scripts/test.mjs');
  });
});
