#!/usr/bin/env node
// Builds mediasoup's C++ worker from the npm package's own sources against Debian 12's system
// libraries, without reaching GitHub or PyPI; caches the binary outside node_modules and links it
// where mediasoup looks for it. Recipe, reasons and options: docs/mediasoup-worker.md.
//
// Environment:
//   MEDIASOUP_WORKER_BIN    use this prebuilt worker instead (nothing is built or linked)
//   PHONGHOP_CACHE_DIR      cache root (default $XDG_CACHE_HOME/phonghop or ~/.cache/phonghop)
//   PHONGHOP_MEDIASOUP_DIR  mediasoup package directory to use instead of the installed one

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { missingDebianPackages as missingPackages } from '../systemNeeds.mjs';
import { ADDED_FILES, PATCHES } from './patches.mjs';

/** The patches are exact text replacements written against this release only. */
const MEDIASOUP_VERSION = '3.27.1';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BUILD_PACKAGES = [
  'g++',
  'python3',
  'meson',
  'ninja-build',
  'pkg-config',
  'libssl-dev',
  'libuv1-dev',
  'libsrtp2-dev',
  'libabsl-dev',
  'flatbuffers-compiler',
  'libflatbuffers-dev',
];
const RUNTIME_PACKAGES = ['libuv1', 'libssl3', 'libsrtp2-1', 'libabsl20220623', 'libstdc++6'];
const MESON_ARGS = ['--buildtype=release', '-Db_ndebug=true', '--wrap-mode=nodownload'];
const WORKER_CHECK_TIMEOUT_MS = 5000;

class BuildError extends Error {}

const cleanups = new Set();
let currentChild = null;

function log(message) {
  console.log(`[mediasoup-worker] ${message}`);
}

function fail(message) {
  throw new BuildError(message);
}

function elapsed(startMs) {
  const s = Math.round((Date.now() - startMs) / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** Runs a command, handing each output line to onLine; resolves with exit status and tail. */
function run(cmd, args, { cwd, env, onLine = () => {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd,
      env: env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail = [];
    currentChild = child;
    const take = (stream) => {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        for (const line of lines) emit(line);
      });
      stream.on('end', () => rest && emit(rest));
    };
    const emit = (line) => {
      tail.push(line);
      if (tail.length > 400) tail.shift();
      onLine(line);
    };
    take(child.stdout);
    take(child.stderr);
    child.on('error', (error) => {
      currentChild = null;
      resolve({ code: null, error, tail });
    });
    child.on('close', (code, signal) => {
      currentChild = null;
      resolve({ code, signal, tail });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Locating mediasoup

function findMediasoupDir() {
  const override = process.env.PHONGHOP_MEDIASOUP_DIR;

  if (override) {
    log(`using PHONGHOP_MEDIASOUP_DIR=${override}`);
    return path.resolve(override);
  }

  const require = createRequire(import.meta.url);

  try {
    return path.dirname(require.resolve('mediasoup/package.json'));
  } catch (error) {
    if (error.code === 'MODULE_NOT_FOUND') {
      fail('mediasoup is not installed (run npm install first).');
    }
    // mediasoup's "exports" does not expose package.json: resolve the main entry and walk up.
  }

  let dir = path.dirname(require.resolve('mediasoup'));

  for (;;) {
    const pkgFile = path.join(dir, 'package.json');

    if (
      fs.existsSync(pkgFile) &&
      JSON.parse(fs.readFileSync(pkgFile, 'utf8')).name === 'mediasoup'
    ) {
      return dir;
    }
    if (path.dirname(dir) === dir) fail('cannot find the package.json of the installed mediasoup');
    dir = path.dirname(dir);
  }
}

function checkMediasoupVersion(pkgDir) {
  const pkgFile = path.join(pkgDir, 'package.json');

  if (!fs.existsSync(pkgFile)) fail(`${pkgFile} does not exist`);

  const { name, version } = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));

  if (name !== 'mediasoup' || version !== MEDIASOUP_VERSION) {
    fail(
      `${pkgDir} holds ${name}@${version}, but this build step is written for mediasoup@${MEDIASOUP_VERSION}\n` +
        '(its source changes are exact text replacements). Pin "mediasoup" to exactly ' +
        `"${MEDIASOUP_VERSION}" in package.json, or update MEDIASOUP_VERSION in ` +
        'scripts/mediasoup-worker/build.mjs and the texts in patches.mjs together.',
    );
  }
  if (!fs.existsSync(path.join(pkgDir, 'worker', 'meson.build'))) {
    fail(`${pkgDir}/worker/meson.build is missing: the package has no worker sources`);
  }
}

// ---------------------------------------------------------------------------------------------
// Debian packages

async function aptGet(args) {
  const output = [];
  const result = await run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    onLine: (line) => {
      output.push(line);
      console.log(`  ${line}`);
    },
  });

  return { ok: result.code === 0, output: output.join('\n'), error: result.error };
}

async function ensurePackages(packages, purpose) {
  const missing = missingPackages(packages);

  if (missing === null) {
    log(
      `dpkg-query not found (not Debian?); make sure the equivalents of these are installed: ${packages.join(' ')}`,
    );
    return;
  }
  if (missing.length === 0) return;

  const command = `apt-get install -y ${missing.join(' ')}`;

  if (process.getuid?.() !== 0) {
    fail(
      `Debian packages needed to ${purpose} the worker are missing: ${missing.join(' ')}\nInstall them with:\n  sudo ${command}`,
    );
  }

  log(`installing Debian packages needed to ${purpose} the worker: ${missing.join(' ')}`);

  const installArgs = ['install', '-y', '--no-install-recommends', ...missing];
  let result = await aptGet(installArgs);

  if (
    !result.ok &&
    /Unable to locate package|has no installation candidate|Unable to fetch/.test(result.output)
  ) {
    log('package lists are missing or stale: running apt-get update');

    const update = await aptGet(['update']);

    if (!update.ok) fail(`apt-get update failed${update.error ? `: ${update.error.message}` : ''}`);
    result = await aptGet(installArgs);
  }
  if (!result.ok) fail(`${command} failed${result.error ? `: ${result.error.message}` : ''}`);

  const still = missingPackages(packages);

  if (still.length > 0) fail(`still missing after apt-get install: ${still.join(' ')}`);
}

// ---------------------------------------------------------------------------------------------
// Cache

function cacheRoot() {
  if (process.env.PHONGHOP_CACHE_DIR) return path.resolve(process.env.PHONGHOP_CACHE_DIR);
  if (process.env.XDG_CACHE_HOME) return path.join(process.env.XDG_CACHE_HOME, 'phonghop');

  return path.join(os.homedir(), '.cache', 'phonghop');
}

function listFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);

      return entry.isDirectory() ? listFiles(full) : [full];
    })
    .sort();
}

/**
 * First 12 hex digits of a sha256 over what defines the result: the patch definitions (their
 * content, so reformatting or comments do not force a rebuild), the added files and the meson
 * options.
 */
function patchHash() {
  const hash = createHash('sha256');

  hash.update(JSON.stringify({ ADDED_FILES, PATCHES }));

  for (const file of listFiles(path.join(HERE, 'files'))) {
    hash.update(`\0${path.relative(HERE, file)}\0`);
    hash.update(fs.readFileSync(file));
  }
  hash.update(`\0meson ${MESON_ARGS.join(' ')}`);

  return hash.digest('hex').slice(0, 12);
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Serialises builds of the same cache entry (two npm installs, or npm install and npm run). */
async function withBuildLock(entryDir, fn) {
  const lockDir = `${entryDir}.lock`;
  const pidFile = path.join(lockDir, 'pid');
  let announced = false;

  fs.mkdirSync(path.dirname(lockDir), { recursive: true });

  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(pidFile, String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }

    let pid = 0;

    try {
      pid = Number(fs.readFileSync(pidFile, 'utf8'));
    } catch {
      // The other process may be between mkdir and writing its pid.
    }

    const lockStat = fs.statSync(lockDir, { throwIfNoEntry: false });

    if (!lockStat) continue; // released meanwhile
    if ((pid && !processAlive(pid)) || (!pid && Date.now() - lockStat.mtimeMs > 10_000)) {
      log(`removing a stale build lock (${lockDir})`);
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      log(`another build of this worker is running (pid ${pid || '?'}); waiting for it`);
      announced = true;
    }
    await sleep(2000);
  }

  const release = () => fs.rmSync(lockDir, { recursive: true, force: true });

  cleanups.add(release);

  try {
    return await fn();
  } finally {
    release();
    cleanups.delete(release);
  }
}

// ---------------------------------------------------------------------------------------------
// Checking a worker binary

function missingLibraries(bin) {
  const result = spawnSync('ldd', [bin], { encoding: 'utf8' });

  return (result.stdout ?? '')
    .split('\n')
    .filter((line) => line.includes('not found'))
    .map((line) => line.trim().split(/\s+/)[0]);
}

/**
 * Starts the worker the way mediasoup does (MEDIASOUP_VERSION set, channel pipes on fds 3 and
 * 4), waits for its first channel message, then closes the channel, which makes it exit.
 */
function checkWorker(bin) {
  return new Promise((resolve) => {
    let output = '';
    let started = false;
    let settled = false;
    let child;

    const finish = (ok, reason) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');

      if (ok) {
        resolve({ ok: true });
        return;
      }

      const missing = missingLibraries(bin);
      const details = [reason];

      if (missing.length > 0) details.push(`missing shared libraries: ${missing.join(', ')}`);
      if (output.trim())
        details.push(`worker output:\n${output.trim().split('\n').slice(-15).join('\n')}`);
      resolve({ ok: false, reason: details.join('\n') });
    };

    const timer = setTimeout(() => {
      finish(
        started,
        started ? '' : `no message from the worker within ${WORKER_CHECK_TIMEOUT_MS} ms`,
      );
    }, WORKER_CHECK_TIMEOUT_MS);

    try {
      child = spawn(bin, [], {
        env: { ...process.env, MEDIASOUP_VERSION },
        stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
      });
    } catch (error) {
      finish(false, `cannot start ${bin}: ${error.message}`);
      return;
    }

    child.on('error', (error) => finish(false, `cannot start ${bin}: ${error.message}`));
    child.stdout.on('data', (data) => (output += data));
    child.stderr.on('data', (data) => (output += data));
    child.stdio[3].on('error', () => {});
    child.stdio[4].once('data', () => {
      started = true;
      child.stdio[3].end();
    });
    child.on('exit', (code, signal) => {
      finish(started, `the worker exited (${signal ?? `code ${code}`}) before it started`);
    });
  });
}

async function workerRuns(bin) {
  const result = await checkWorker(bin);

  if (!result.ok) log(`the worker at ${bin} does not run:\n${result.reason}`);

  return result.ok;
}

// ---------------------------------------------------------------------------------------------
// Building

function applyPatches(workerDir) {
  for (const { from, to } of ADDED_FILES) {
    const dest = path.join(workerDir, to);

    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(HERE, from), dest);
  }

  PATCHES.forEach((patch, index) => {
    const file = path.join(workerDir, patch.file);
    const wanted = patch.count ?? 1;
    const text = fs.readFileSync(file, 'utf8');
    const parts = text.split(patch.expect);
    const found = parts.length - 1;

    if (found !== wanted) {
      const snippet = patch.expect.split('\n').slice(0, 6).join('\n');

      fail(
        `patch ${index + 1}/${PATCHES.length} cannot be applied to worker/${patch.file}: ` +
          `the expected text occurs ${found} time(s), ${wanted} expected.\n` +
          `mediasoup's sources differ from what scripts/mediasoup-worker/patches.mjs was written for.\n` +
          `Expected text begins with:\n${snippet}`,
      );
    }
    fs.writeFileSync(file, parts.join(patch.replace));
  });
  log(`applied ${PATCHES.length} source changes and ${ADDED_FILES.length} added file(s)`);
}

async function buildWorker(pkgDir, entryDir, cachedBin) {
  const start = Date.now();
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-mediasoup-worker-'));
  const removeTmp = () => fs.rmSync(tmpRoot, { recursive: true, force: true });

  cleanups.add(removeTmp);

  const sourceDir = path.join(tmpRoot, 'worker');
  const buildDir = path.join(tmpRoot, 'build');
  const logFile = path.join(tmpRoot, 'build.log');
  const logStream = fs.createWriteStream(logFile);
  const failedLog = path.join(
    path.dirname(entryDir),
    `${path.basename(entryDir)}-failed-build.log`,
  );

  const stepFailed = async (step, result) => {
    await new Promise((resolve) => logStream.end(resolve));
    fs.copyFileSync(logFile, failedLog);
    fail(
      `${step} failed (${result.error?.message ?? result.signal ?? `exit code ${result.code}`}).\n` +
        `--- last lines ---\n${result.tail.slice(-40).join('\n')}\n--- full log: ${failedLog}`,
    );
  };

  try {
    // Never modify node_modules in place: work on a copy (without any earlier build output).
    const outDir = path.join(pkgDir, 'worker', 'out');

    fs.cpSync(path.join(pkgDir, 'worker'), sourceDir, {
      recursive: true,
      filter: (src) => src !== outDir && !src.startsWith(outDir + path.sep),
    });
    applyPatches(sourceDir);

    log(`meson setup ${MESON_ARGS.join(' ')} (in ${tmpRoot})`);

    const setup = await run('meson', ['setup', ...MESON_ARGS, buildDir, sourceDir], {
      onLine: (line) => logStream.write(`${line}\n`),
    });

    if (setup.code !== 0) await stepFailed('meson setup', setup);

    log(`compiling with ninja (a clean build takes 8-15 min on 2 cores) ...`);

    let lastShown = 0;
    const ninja = await run('ninja', ['-C', buildDir, 'mediasoup-worker'], {
      env: { ...process.env, NINJA_STATUS: '[%f/%t] ' },
      onLine: (line) => {
        logStream.write(`${line}\n`);

        const match = /^\[(\d+)\/(\d+)\] (.*)$/.exec(line);

        if (!match) return;

        const [done, total] = [Number(match[1]), Number(match[2])];

        if (done === 1 || done === total || done - lastShown >= 10) {
          lastShown = done;
          log(`  [${done}/${total}] ${elapsed(start)}  ${match[3].slice(0, 90)}`);
        }
      },
    });

    if (ninja.code !== 0) await stepFailed('ninja', ninja);
    await new Promise((resolve) => logStream.end(resolve));

    // Strip into the cache under a temporary name, then rename: readers never see half a file.
    fs.mkdirSync(entryDir, { recursive: true });

    const tmpBin = `${cachedBin}.tmp-${process.pid}`;
    const strip = spawnSync(
      'strip',
      ['-s', '-o', tmpBin, path.join(buildDir, 'mediasoup-worker')],
      {
        encoding: 'utf8',
      },
    );

    if (strip.status !== 0) {
      fs.rmSync(tmpBin, { force: true });
      fail(`strip failed: ${strip.error?.message ?? strip.stderr}`);
    }
    fs.chmodSync(tmpBin, 0o755);
    fs.renameSync(tmpBin, cachedBin);
  } finally {
    logStream.end();
    removeTmp();
    cleanups.delete(removeTmp);
  }

  return Math.round((Date.now() - start) / 1000);
}

// ---------------------------------------------------------------------------------------------
// Linking into mediasoup

/** mediasoup's default lookup path: <package>/worker/out/Release/mediasoup-worker. */
function linkIntoPackage(pkgDir, cachedBin) {
  const dest = path.join(pkgDir, 'worker', 'out', 'Release', 'mediasoup-worker');
  const tmp = `${dest}.tmp-${process.pid}`;

  try {
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    if (fs.lstatSync(dest, { throwIfNoEntry: false })?.isDirectory()) {
      fs.rmSync(dest, { recursive: true, force: true });
    }
    fs.rmSync(tmp, { force: true });
    fs.symlinkSync(cachedBin, tmp);
    fs.renameSync(tmp, dest);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    fail(
      `cannot link ${dest} -> ${cachedBin}: ${error.message}\n` +
        `(alternatively set MEDIASOUP_WORKER_BIN=${cachedBin} for the server)`,
    );
  }

  return dest;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const envBin = process.env.MEDIASOUP_WORKER_BIN;

  if (envBin) {
    if (!fs.existsSync(envBin))
      fail(`MEDIASOUP_WORKER_BIN is set to ${envBin}, which does not exist`);
    console.log(
      `mediasoup-worker ready: ${envBin} (MEDIASOUP_WORKER_BIN; nothing built or linked)`,
    );
    return;
  }

  const pkgDir = findMediasoupDir();

  checkMediasoupVersion(pkgDir);
  await ensurePackages(RUNTIME_PACKAGES, 'run');

  const entryDir = path.join(
    cacheRoot(),
    'mediasoup-worker',
    `${MEDIASOUP_VERSION}-${patchHash()}`,
  );
  const cachedBin = path.join(entryDir, 'mediasoup-worker');
  let how = 'cached';

  if (!(fs.existsSync(cachedBin) && (await workerRuns(cachedBin)))) {
    await withBuildLock(entryDir, async () => {
      // A concurrent run may have finished the same build while this one waited.
      if (fs.existsSync(cachedBin) && (await workerRuns(cachedBin))) return;

      await ensurePackages(BUILD_PACKAGES, 'build');
      log(`building mediasoup ${MEDIASOUP_VERSION} worker from ${pkgDir}/worker into ${entryDir}`);

      const seconds = await buildWorker(pkgDir, entryDir, cachedBin);
      const check = await checkWorker(cachedBin);

      if (!check.ok) fail(`the freshly built worker does not run:\n${check.reason}`);
      how = `built in ${seconds}s`;
    });
  }

  const link = linkIntoPackage(pkgDir, cachedBin);

  log(`linked ${link} -> ${cachedBin}`);
  console.log(`mediasoup-worker ready: ${cachedBin} (${how})`);
}

function runCleanups() {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Best effort on the way out.
    }
  }
  cleanups.clear();
}

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.on(signal, () => {
    currentChild?.kill('SIGTERM');
    runCleanups();
    console.error(`[mediasoup-worker] interrupted (${signal})`);
    process.exit(code);
  });
}

main().then(
  () => process.exit(0),
  (error) => {
    runCleanups();
    console.error(
      `[mediasoup-worker] FAILED: ${error instanceof BuildError ? error.message : error.stack}`,
    );
    process.exit(1);
  },
);
