// Layer rules from STYLE.md: electron only in main/electron and main/preload, better-sqlite3 only
// in the two db modules, renderer only reaches common/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronOnly = {
  name: 'electron',
  message: "'electron' belongs in main/electron or main/preload only.",
};
const sqliteOnly = {
  name: 'better-sqlite3',
  message: 'better-sqlite3 belongs in main/store/db.ts or sfu-server/src/db/database.ts only.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'data',
      '.cache',
      'test-results',
      'playwright-report',
      'scripts/mediasoup-worker/files',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', { paths: [electronOnly, sqliteOnly] }],
    },
  },
  {
    files: ['main/electron/**', 'main/preload/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [sqliteOnly] }] },
  },
  {
    files: ['main/store/db.ts', 'sfu-server/src/db/database.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly] }] },
  },
  {
    files: ['common/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly, sqliteOnly],
          patterns: [
            { group: ['node:*'], message: 'common/ is isomorphic: no node: imports.' },
            {
              group: ['**/main/**', '**/renderer/**', '**/sfu-server/**'],
              message: 'common/ imports nothing above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly, sqliteOnly],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a sandbox: no node: imports.' },
            {
              group: ['**/main/**', '**/sfu-server/**'],
              message: 'The renderer imports common/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests reach into any layer and may open SQLite files directly to check what was stored.
    files: ['tests/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);
