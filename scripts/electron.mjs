// Where an Electron binary is, if this machine has one. The npm package installs without its
// binary where the download is impossible (as on the build machines here).
import fs from 'node:fs';
import { createRequire } from 'node:module';

export function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = `${process.env.ELECTRON_OVERRIDE_DIST_PATH}/electron`;
    return fs.existsSync(p) ? p : undefined;
  }
  try {
    const require = createRequire(import.meta.url);
    const dir = require.resolve('electron/package.json').replace(/package\.json$/, '');
    const pathFile = `${dir}path.txt`;
    if (!fs.existsSync(pathFile)) return undefined;
    const binary = `${dir}dist/${fs.readFileSync(pathFile, 'utf8').trim()}`;
    return fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}
