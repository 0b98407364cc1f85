// Builds Electron's main process and the sandboxed preload into dist/main, both CommonJS: the
// main entry is the file package.json's `main` names (read from there, so the two cannot drift),
// and Electron's sandbox requires a CommonJS preload. Native modules stay external;
// electron-builder rebuilds them for Electron when packaging.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const { main } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
if (typeof main !== 'string' || !main.endsWith('.cjs')) {
  throw new Error(`package.json "main" must name a .cjs file under dist/main, not ${main}`);
}
/** The preload, beside the entry (main/index.ts looks for it there). */
const PRELOAD_FILE = 'preload.cjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

await build({
  ...common,
  entryPoints: ['main/index.ts'],
  outfile: main,
  external: ['electron', 'better-sqlite3'],
  // The sources are ES modules that locate files with import.meta.url; in CommonJS that is the
  // bundle's own file.
  define: { 'import.meta.url': '__phonghopImportMetaUrl' },
  banner: {
    js: "const __phonghopImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  },
});
await build({
  ...common,
  entryPoints: ['main/preload/index.ts'],
  outfile: path.join(path.dirname(main), PRELOAD_FILE),
  external: ['electron'],
});
console.log(`Built ${main} and ${path.join(path.dirname(main), PRELOAD_FILE)}`);
