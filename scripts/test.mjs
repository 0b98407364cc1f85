// `npm test`: checks what the machine needs (scripts/systemNeeds.mjs; as root it installs the
// missing Debian packages), builds the renderer, runs vitest (unit + integration) and Playwright
// (e2e in Debian's Chromium), then prints one summary line `N passed, N failed` over both suites.
//
//   node scripts/test.mjs [unit|e2e] [--preflight-only] [--no-install]
//   unit | e2e        one suite only (default both)
//   --preflight-only  check (and install) what the suites need, run nothing
//   --no-install      only check: name what is missing and the command that installs it
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  SUITES,
  aptInstall,
  commandExists,
  failedProbes,
  installPlan,
  isExecutable,
  mediasoupWorkerPath,
  missingDebianPackages,
  neededPackages,
  nodeModulesState,
  testNeeds,
} from './systemNeeds.mjs';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ??
  1;
const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};
const log = (message) => console.log(`[preflight] ${message}`);

/**
 * Stops before any suite ran: the reasons, one line each, then the summary line CI reads. All on
 * stdout, so the summary stays the last line however the two streams are collected.
 */
function stop(reasons) {
  for (const reason of reasons) log(reason);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const args = process.argv.slice(2);
const flags = new Set(args.filter((arg) => arg.startsWith('--')));
const only = args.find((arg) => !arg.startsWith('--')); // 'unit' | 'e2e' | undefined (both)
const unknown = [
  ...[...flags].filter((flag) => !['--preflight-only', '--no-install'].includes(flag)),
  ...args.filter((arg) => !arg.startsWith('--') && arg !== only),
  ...(only && !['unit', 'e2e'].includes(only) ? [only] : []),
];
if (unknown.length > 0) {
  stop([
    `unknown argument ${unknown.join(' ')}; usage: node scripts/test.mjs [unit|e2e] [--preflight-only] [--no-install]`,
  ]);
}
const suites = only === 'unit' ? ['vitest'] : only === 'e2e' ? ['e2e'] : SUITES;

/**
 * What the suites need, checked before anything runs: a completed `npm ci`, the Debian packages
 * (installed here when root with apt-get, unless --no-install), the mediasoup worker (built or
 * re-linked from the cache by its build script). Stops with the command to run when it cannot.
 */
function preflight({ install }) {
  const state = nodeModulesState(root, suites);
  if (state === 'missing') stop(['node_modules is missing or incomplete; run first: npm ci']);
  if (state === 'stale') {
    log('package-lock.json is newer than node_modules; if a package fails to load, run: npm ci');
  }

  const problems = [];
  const needs = testNeeds({ suites, env: process.env });
  const packages = neededPackages(needs);
  let missing = missingDebianPackages(packages);
  if (missing === null) {
    log(
      `no dpkg-query (not Debian?): checking the programs only; the equivalents of ${packages.join(' ')} must be installed`,
    );
  } else if (missing.length > 0) {
    const plan = installPlan(missing, {
      isRoot: process.getuid?.() === 0,
      hasAptGet: commandExists('apt-get'),
    });
    if (plan.action === 'stop') {
      problems.push(plan.message);
    } else if (!install) {
      problems.push(
        `Debian packages not installed: ${missing.join(' ')}; install them with: ${plan.command}`,
      );
    } else {
      log(`installing the Debian packages the tests need: ${missing.join(' ')}`);
      const ok = aptInstall(missing);
      missing = missingDebianPackages(packages) ?? [];
      if (!ok || missing.length > 0) {
        stop([
          `apt-get could not install ${(missing.length > 0 ? missing : plan.packages).join(' ')} (see its output above); fix that, then run: apt-get update && ${plan.command}`,
        ]);
      }
    }
  }
  // The programs and files themselves, for the packages present (or everything off Debian).
  for (const need of failedProbes(needs.filter((n) => !missing?.includes(n.package)))) {
    const what = need.probe.file ?? `${need.probe.command} (on PATH)`;
    problems.push(
      `${what} not found: ${need.why}${need.package ? ` (Debian package ${need.package})` : ''}`,
    );
  }

  const worker = mediasoupWorkerPath(root, process.env);
  if (!isExecutable(worker)) {
    if (process.env.MEDIASOUP_WORKER_BIN) {
      problems.push(`MEDIASOUP_WORKER_BIN=${worker} is not an executable file`);
    } else if (!install || problems.length > 0) {
      // No long build while something else already stops the run.
      problems.push(
        `the mediasoup worker ${worker} is missing; build or link it with: npm run worker:build`,
      );
    } else {
      log(
        `the mediasoup worker ${worker} is missing: running npm run worker:build (reuses the cached build; a fresh one takes 8-15 minutes)`,
      );
      if (
        run(process.execPath, ['scripts/mediasoup-worker/build.mjs']) !== 0 ||
        !isExecutable(worker)
      ) {
        problems.push(
          'the mediasoup worker could not be built or linked (see above); run: npm run worker:build',
        );
      }
    }
  }

  if (problems.length > 0) stop(problems);
  log(
    `ok: node_modules, ${packages.length > 0 ? `Debian packages ${packages.join(' ')}, ` : ''}mediasoup worker ${worker}`,
  );
}

preflight({ install: !flags.has('--no-install') });
if (flags.has('--preflight-only')) process.exit(0);

fs.mkdirSync(results, { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;

if (only !== 'e2e') {
  const file = path.join(results, 'vitest.json');
  fs.rmSync(file, { force: true });
  const status = run(bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  const report = readJson(file);
  if (report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  }
  if (!report || (status !== 0 && report.numFailedTests === 0)) failed += 1; // the run itself broke
}

if (only !== 'unit') {
  if (run(bin('vite'), ['build', '--logLevel', 'warn']) !== 0) {
    failed += 1;
  } else {
    const file = path.join(results, 'playwright.json');
    fs.rmSync(file, { force: true });
    const status = run(bin('playwright'), ['test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    });
    const report = readJson(file);
    if (report) {
      passed += report.stats.expected + report.stats.flaky;
      failed += report.stats.unexpected;
      skipped += report.stats.skipped;
    }
    if (!report || (status !== 0 && report.stats.unexpected === 0)) failed += 1;
  }
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
