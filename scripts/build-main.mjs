// Builds Electron's main process (ESM) and the sandboxed preload (CommonJS, as Electron's
// sandbox requires) into dist/main. Native modules stay external; electron-builder rebuilds them
// for Electron when packaging.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'info',
  absWorkingDir: root,
};

await build({
  ...common,
  entryPoints: ['main/index.ts'],
  outfile: 'dist/main/index.mjs',
  format: 'esm',
  external: ['electron', 'better-sqlite3'],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});
await build({
  ...common,
  entryPoints: ['main/preload/index.ts'],
  outfile: 'dist/main/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});
