// What `npm run dist -- --check` validates without an Electron binary: electron-builder's own
// reading and schema check of electron-builder.yml, that package.json's `main` is the file the
// build writes, and that every file the app loads at run time is inside the package's file list
// (the preload, the renderer's page and assets, the pdf.js worker, the fonts, the icons), plus
// the settings the desktop layer relies on (fuses, the phonghop: scheme, the generic update feed).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
// electron-builder's own modules (its dependencies), so the check reads the file as it does.
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));

/** The fuses the Electron security checklist asks of a packaged app. */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

/** Modules the main bundle leaves external (scripts/build-main.mjs) that the package must carry. */
const MAIN_EXTERNALS = ['better-sqlite3'];

/**
 * Checks the packaging of the app in `root`. `built`: the build's output exists and is checked
 * too (run `npm run build` first). Resolves with the problems found (empty: all good) and notes.
 */
export async function checkPackaging(root, { built = true } = {}) {
  const problems = [];
  const notes = [];
  const { getConfig, validateConfiguration } = builderRequire('./out/util/config/config.js');
  const { DebugLogger } = builderRequire('builder-util');
  const { minimatch } = builderRequire('minimatch');

  let config;
  try {
    config = await getConfig(root, null, null);
    await validateConfiguration(config, new DebugLogger(false));
  } catch (error) {
    // electron-builder's first line says the schema refused it; the ` - ` lines say where.
    const lines = error.message.split('\n').map((l) => l.trim());
    const where = lines.filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
    problems.push(`electron-builder.yml: ${where.length ? where.join('; ') : lines[0]}`);
    return { problems, notes };
  }

  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (pkg.main !== 'dist/main/index.cjs') {
    problems.push(`package.json main is ${pkg.main}; the build writes dist/main/index.cjs`);
  }
  if (pkg.dependencies?.electron) {
    problems.push('electron must be a devDependency (electron-builder refuses it in dependencies)');
  }

  const patterns = (config.files ?? []).map((p) => (typeof p === 'string' ? p : (p.filter ?? [])));
  const flat = patterns.flat();
  /**
   * electron-builder's rule: included by a pattern, not excluded by a later `!pattern`; a
   * production dependency's files (node_modules/) are included unless a pattern excludes them.
   */
  const packaged = (file) => {
    let included = file.startsWith('node_modules/');
    for (const pattern of flat) {
      if (pattern.startsWith('!')) {
        if (minimatch(file, pattern.slice(1), { dot: true })) included = false;
      } else if (minimatch(file, pattern, { dot: true })) {
        included = true;
      }
    }
    return included;
  };

  const runtimeFiles = [
    pkg.main,
    'dist/main/preload.cjs',
    'dist/renderer/index.html',
    'package.json',
  ];
  if (built) {
    const assets = path.join(root, 'dist/renderer/assets');
    const listed = fs.existsSync(assets) ? fs.readdirSync(assets) : [];
    const worker = listed.find((f) => /^pdf\.worker.*\.m?js$/.test(f));
    if (!worker) problems.push('no pdf.js worker in dist/renderer/assets (run npm run build)');
    else runtimeFiles.push(`dist/renderer/assets/${worker}`);
    const fonts = listed.filter((f) => /\.(ttf|woff2?)$/.test(f));
    if (fonts.length === 0)
      notes.push('the renderer bundles no font files (system fonts are used)');
    runtimeFiles.push(...fonts.map((f) => `dist/renderer/assets/${f}`));
    for (const file of runtimeFiles) {
      if (!fs.existsSync(path.join(root, file)))
        problems.push(`${file} is missing (run npm run build)`);
    }
  }
  for (const file of runtimeFiles) {
    if (!packaged(file))
      problems.push(`${file} is loaded at run time but not in the package's files`);
  }

  for (const name of MAIN_EXTERNALS) {
    if (!pkg.dependencies?.[name] || !packaged(`node_modules/${name}/package.json`)) {
      problems.push(`${name} is loaded at run time but not packaged as a dependency`);
    }
  }

  // Fonts for the PDF exports: main looks in <resources>/fonts (main/index.ts).
  const fontResource = (config.extraResources ?? []).find(
    (r) => typeof r === 'object' && path.normalize(r.from) === path.normalize('resources/fonts'),
  );
  if (!fontResource || fontResource.to !== 'fonts') {
    problems.push(
      'extraResources must copy resources/fonts to fonts (main reads <resources>/fonts)',
    );
  }
  for (const font of ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf', 'NOTO-LICENSE.txt']) {
    if (!fs.existsSync(path.join(root, 'resources/fonts', font))) {
      problems.push(`resources/fonts/${font} is missing`);
    }
  }

  for (const [platform, icon] of [
    ['win', config.win?.icon],
    ['linux', config.linux?.icon],
  ]) {
    if (!icon) problems.push(`${platform}.icon is not set`);
    else if (!fs.existsSync(path.join(root, icon)))
      problems.push(`${platform}.icon ${icon} is missing`);
  }
  const png = path.join(root, 'resources/icons/icon.png');
  if (fs.existsSync(png)) {
    const header = fs.readFileSync(png).subarray(16, 24);
    const [width, height] = [header.readUInt32BE(0), header.readUInt32BE(4)];
    if (width < 256 || height < 256)
      problems.push(`icon.png is ${width}×${height}; Windows needs 256×256`);
  }

  for (const [fuse, value] of Object.entries(REQUIRED_FUSES)) {
    if (config.electronFuses?.[fuse] !== value) {
      problems.push(`electronFuses.${fuse} must be ${value}`);
    }
  }
  const schemes = [config.protocols ?? []].flat().flatMap((p) => p.schemes ?? []);
  if (!schemes.includes('phonghop')) problems.push('protocols must register the phonghop scheme');
  const publish = [config.publish ?? []].flat();
  if (!publish.some((p) => p && typeof p === 'object' && p.provider === 'generic')) {
    problems.push('publish must be the generic provider (the organisation’s own update server)');
  }
  if (config.nsis?.perMachine !== true) notes.push('nsis.perMachine is off: installs go per user');

  // Production dependencies are copied into the package unless the file list excludes them; the
  // main bundle needs only its externals (server-side modules such as mediasoup would ride along).
  const shipped = Object.keys(pkg.dependencies ?? {}).filter(
    (name) => !MAIN_EXTERNALS.includes(name) && packaged(`node_modules/${name}/package.json`),
  );
  if (shipped.length) {
    notes.push(
      `${shipped.length} production dependencies would be copied into the package although the bundle does not load them (${shipped.slice(0, 6).join(', ')}, …)`,
    );
  }
  return { problems, notes };
}
