// `npm run dist`: the installers (Windows NSIS; Linux AppImage and .deb) with electron-builder.
//
// It needs what these build machines do not have: Electron's binaries (electron-builder downloads
// them, and Electron's headers to rebuild better-sqlite3 for Electron) and, for Windows from
// Linux, wine. Where those can be downloaded it builds the app (`npm run build`), rebuilds the
// native modules for Electron (`electron-builder install-app-deps`, never in postinstall) and
// writes the installers to dist/installers. Flags after `--` go to electron-builder (`--win`,
// `--linux`, `--publish never`). The update feed's address comes from PHONGHOP_UPDATE_URL.
//
// `npm run dist -- --check` validates here everything that can be without the binary
// (scripts/distCheck.mjs) and exits 1 on any problem.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { checkPackaging } from './distCheck.mjs';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (cmd, cmdArgs) => spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' }).status === 0;

if (!run('npm', ['run', '--silent', 'build'])) process.exit(1);
const { problems, notes } = await checkPackaging(root, { built: true });
for (const note of notes) console.log(`note: ${note}`);
for (const problem of problems) console.error(`problem: ${problem}`);
if (problems.length) process.exit(1);
if (args.includes('--check')) {
  console.log('Packaging check passed (the installers themselves need Electron’s binaries).');
  process.exit(0);
}
if (!run(bin('electron-builder'), ['install-app-deps'])) process.exit(1);
process.exit(run(bin('electron-builder'), args) ? 0 : 1);
