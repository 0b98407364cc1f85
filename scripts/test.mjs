// `npm test`: builds the renderer, runs vitest (unit + integration) and Playwright (e2e in
// Debian's Chromium), then prints one summary line `N passed, N failed` over both suites.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
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

const only = process.argv[2]; // 'unit' | 'e2e' | undefined (both)
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
