import { execFileSync } from 'node:child_process';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/electron.mjs';

const binary = electronBinary();

test.describe('desktop shell (Electron)', () => {
  test.beforeAll(() => {
    if (binary) execFileSync(process.execPath, ['scripts/build-main.mjs'], { stdio: 'inherit' });
  });
  test.skip(
    !binary,
    'No Electron binary on this machine (it cannot be downloaded here); the same renderer and services are covered in Chromium by the other e2e tests.',
  );

  test('opens one sandboxed, context-isolated window showing the login screen', async () => {
    const app = await electron.launch({ executablePath: binary!, args: ['.'] });
    const window = await app.firstWindow();
    await expect(window.getByLabel('Tên đăng nhập')).toBeVisible();
    // What the page can reach: no Node, only the contract bridge.
    const reach = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as { phonghop?: object }).phonghop ?? {}).sort(),
    }));
    expect(reach).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'on'] });
    await app.close();
  });
});
