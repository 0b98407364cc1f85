// What the test suites need from the machine besides the npm packages, in one list: Debian
// packages (with the file or command each is checked by) and the mediasoup worker. scripts/test.mjs
// checks it before running anything and, as root, installs what is missing; the worker build and
// scripts/demo.mjs reuse the checks. The pure functions are tested in
// tests/unit/scripts/systemNeeds.test.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Where the e2e tests find Chromium unless PHONGHOP_CHROMIUM says otherwise (tests/helpers/chromium.ts). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The suites of `npm test`: vitest (unit + integration) and Playwright (e2e). */
export const SUITES = ['vitest', 'e2e'];

/** npm binaries each suite runs (an interrupted `npm ci` leaves node_modules without some). */
const SUITE_BINS = { vitest: ['vitest'], e2e: ['vite', 'playwright', 'tsx'] };

/**
 * What `npm test` needs from the machine for the given suites. Each need is a Debian package
 * (null when an environment variable points elsewhere) and, where one exists, a probe: the file
 * or the command on PATH that must be there afterwards (and is all that is checked off Debian).
 */
export function testNeeds({ suites = SUITES, env = {} } = {}) {
  const needs = [];
  if (suites.includes('e2e')) {
    needs.push(
      env.PHONGHOP_CHROMIUM
        ? {
            package: null,
            why: 'Chromium (PHONGHOP_CHROMIUM)',
            probe: { file: env.PHONGHOP_CHROMIUM },
          }
        : {
            package: 'chromium',
            why: 'the end-to-end tests drive Debian Chromium',
            probe: { file: DEFAULT_CHROMIUM },
          },
      { package: 'fonts-noto-core', why: 'Noto Sans, the UI font, with Vietnamese glyphs' },
      { package: 'fonts-dejavu-core', why: "Chromium's fallback fonts" },
    );
  }
  if (suites.includes('vitest')) {
    needs.push({
      package: 'poppler-utils',
      why: 'pdftotext reads back the PDFs the tests write',
      probe: { command: 'pdftotext' },
    });
  }
  return needs;
}

/** The Debian packages among the needs, in order, without repeats. */
export function neededPackages(needs) {
  return [...new Set(needs.map((need) => need.package).filter(Boolean))];
}

/**
 * Names of the installed packages in the output of
 * `dpkg-query -W -f='${Package}\t${db:Status-Abbrev}\n'`: the second letter of the status is the
 * package's state, `i` for installed (`ii` normally, `hi` when held); `rc`, `un` and a half
 * configured `iF` are not installed.
 */
export function parseInstalled(dpkgQueryOutput) {
  const installed = new Set();
  for (const line of dpkgQueryOutput.split('\n')) {
    const [name, status] = line.split('\t');
    if (name && status?.[1] === 'i') installed.add(name.split(':')[0]);
  }
  return installed;
}

/** The packages that are not installed, or null where dpkg-query does not exist (not Debian). */
export function missingDebianPackages(packages) {
  if (packages.length === 0) return [];
  const result = spawnSync(
    'dpkg-query',
    ['-W', '-f=${Package}\t${db:Status-Abbrev}\n', ...packages],
    { encoding: 'utf8' },
  );
  if (result.error) return null;
  const installed = parseInstalled(result.stdout);
  return packages.filter((p) => !installed.has(p));
}

/**
 * What to do about missing Debian packages: nothing; install them (root, with apt-get); or stop
 * with one line naming them and the command that installs them.
 */
export function installPlan(missing, { isRoot, hasAptGet }) {
  if (missing.length === 0) return { action: 'none' };
  const command = `${isRoot ? '' : 'sudo '}apt-get install -y ${missing.join(' ')}`;
  if (isRoot && hasAptGet) return { action: 'install', packages: missing, command };
  return {
    action: 'stop',
    packages: missing,
    command,
    message: `npm test needs Debian packages that are not installed: ${missing.join(' ')}; install them with: ${command}`,
  };
}

/** Whether an executable of this name is on PATH. */
export function commandExists(name, envPath = process.env.PATH ?? '') {
  return envPath.split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, name)));
}

export function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The needs whose probe fails (the file is not executable, the command is not on PATH). */
export function failedProbes(needs, envPath = process.env.PATH ?? '') {
  return needs.filter(
    ({ probe }) =>
      probe && !(probe.file ? isExecutable(probe.file) : commandExists(probe.command, envPath)),
  );
}

/**
 * `apt-get update -q` then `apt-get install -y -q` (non-interactive, waiting for a dpkg lock held
 * by another apt); its output goes to this terminal. Returns whether both succeeded.
 */
export function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], { stdio: 'inherit', env })
      .status === 0;
  return apt(['update', '-q']) && apt(['install', '-y', '-q', ...packages]);
}

/**
 * The worker binary mediasoup will start: MEDIASOUP_WORKER_BIN, else the package's own path,
 * where scripts/mediasoup-worker/build.mjs links the cached build.
 */
export function mediasoupWorkerPath(root, env = {}) {
  if (env.MEDIASOUP_WORKER_BIN) return env.MEDIASOUP_WORKER_BIN;
  const buildType = env.MEDIASOUP_BUILDTYPE === 'Debug' ? 'Debug' : 'Release';
  return path.join(
    root,
    'node_modules',
    'mediasoup',
    'worker',
    'out',
    buildType,
    'mediasoup-worker',
  );
}

/**
 * `missing`: no completed `npm ci` (npm writes node_modules/.package-lock.json at the end of an
 * install) or one of the suites' binaries is absent; `stale`: package-lock.json changed since; else `ok`.
 */
export function nodeModulesState(root, suites = []) {
  const stamp = fs.statSync(path.join(root, 'node_modules', '.package-lock.json'), {
    throwIfNoEntry: false,
  });
  const bins = suites.flatMap((suite) => SUITE_BINS[suite] ?? []);
  if (!stamp || bins.some((bin) => !fs.existsSync(path.join(root, 'node_modules', '.bin', bin)))) {
    return 'missing';
  }
  const lock = fs.statSync(path.join(root, 'package-lock.json'), { throwIfNoEntry: false });
  return lock && stamp.mtimeMs < lock.mtimeMs ? 'stale' : 'ok';
}
