import path from 'node:path';
import { fileURLToPath } from 'node:url';

// This file is sfu-server/src/seed/resources.ts, so the repository root is three levels up.
// Resolving from the module rather than process.cwd() lets the server and the tests start from
// any working directory. NOTE: a bundler that moves this module must copy resources/ alongside
// and keep the same relative depth (or this helper must change with it).
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Absolute path of a file shipped under `resources/`, e.g. `resourcePath('fonts', 'NotoSerif-Regular.ttf')`. */
export function resourcePath(...parts: string[]): string {
  return path.join(repoRoot, 'resources', ...parts);
}
