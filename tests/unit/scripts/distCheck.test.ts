import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPackaging } from '../../../scripts/distCheck.mjs';

const root = path.resolve(import.meta.dirname, '../../..');

function fixture(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-dist-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('npm run dist -- --check (checkPackaging)', () => {
  it('finds nothing wrong with the repository’s packaging configuration', async () => {
    const { problems } = await checkPackaging(root, { built: false });
    expect(problems).toEqual([]);
  });

  it('names each fault of a packaging that would not start or not be locked down', async () => {
    const dir = fixture({
      'package.json': JSON.stringify({
        name: 'x',
        version: '1.0.0',
        main: 'dist/main/index.mjs',
        dependencies: { electron: '41.0.0' },
      }),
      'electron-builder.yml': [
        'appId: x',
        'files:',
        '  - dist/main/index.mjs',
        '  - package.json',
        'electronFuses:',
        '  runAsNode: true',
        'win:',
        '  icon: resources/icons/missing.png',
        'publish:',
        '  provider: github',
      ].join('\n'),
    });
    const { problems } = await checkPackaging(dir, { built: false });
    expect(problems).toEqual(
      expect.arrayContaining([
        'package.json main is dist/main/index.mjs; the build writes dist/main/index.cjs',
        'electron must be a devDependency (electron-builder refuses it in dependencies)',
        "dist/main/preload.cjs is loaded at run time but not in the package's files",
        "dist/renderer/index.html is loaded at run time but not in the package's files",
        'better-sqlite3 is loaded at run time but not packaged as a dependency',
        'extraResources must copy resources/fonts to fonts (main reads <resources>/fonts)',
        'win.icon resources/icons/missing.png is missing',
        'linux.icon is not set',
        'electronFuses.runAsNode must be false',
        'electronFuses.onlyLoadAppFromAsar must be true',
        'protocols must register the phonghop scheme',
        'publish must be the generic provider (the organisation’s own update server)',
      ]),
    );
  });

  it('reports a configuration electron-builder itself refuses', async () => {
    const dir = fixture({
      'package.json': JSON.stringify({ name: 'x', version: '1.0.0', main: 'dist/main/index.cjs' }),
      'electron-builder.yml': 'appId: x\nnotAnOption: 1\n',
    });
    const { problems } = await checkPackaging(dir, { built: false });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^electron-builder\.yml: .*unknown property 'notAnOption'/);
  });
});
