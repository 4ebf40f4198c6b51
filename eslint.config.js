// ESLint flat config. The layer rule from DESIGN.md lives here so a wrong
// import fails `npm run lint` instead of waiting for a review comment:
//   renderer → shared;  electron/main → electron/services → shared;
//   electron/webhost → electron/services → shared;  server → shared.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'stream',
  'url',
  'worker_threads',
];

/** @param {{ modules?: string[], dirs?: string[], why: string }} spec */
function layer(spec) {
  const patterns = [];
  if (spec.modules?.length) patterns.push({ group: spec.modules, message: spec.why });
  if (spec.dirs?.length)
    patterns.push({
      group: spec.dirs.flatMap((d) => [`**/${d}`, `**/${d}/**`]),
      message: spec.why,
    });
  return { 'no-restricted-imports': ['error', { patterns }] };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'out',
      'dist',
      'release',
      '.tsbuild',
      '.tmp',
      '.data',
      'test-results',
      'playwright-report',
      'resources/standards',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
      // Chinese copy legitimately contains U+3000 (full-width space) in comments and strings.
      'no-irregular-whitespace': [
        'error',
        { skipComments: true, skipStrings: true, skipTemplates: true },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: layer({
      modules: [
        ...nodeBuiltins,
        'electron',
        'better-sqlite3',
        'ws',
        'react',
        'react-dom',
        'react/*',
        'mammoth',
        '@lexical/react',
        '@lexical/react/*',
      ],
      dirs: ['renderer', 'electron', 'server'],
      why: 'shared/ is pure TypeScript used by every process: no Node, DOM, Electron, React or upper layers.',
    }),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...layer({
        modules: [...nodeBuiltins, 'electron', 'better-sqlite3', 'ws', 'mammoth'],
        dirs: ['electron', 'server'],
        why: 'renderer/ reaches the host only through the contract in shared/api.',
      }),
    },
  },
  {
    files: ['electron/services/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: layer({
      modules: ['electron', 'react', 'react-dom'],
      dirs: ['renderer', 'server', 'electron/main', 'main', 'webhost', 'preload'],
      why: 'electron/services/ is plain Node: no `electron` import, no upper layers, so the web host and tests can run it.',
    }),
  },
  {
    files: ['electron/main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: layer({
      modules: ['react', 'react-dom'],
      dirs: ['renderer', 'server', 'webhost', 'preload'],
      why: 'electron/main/ builds services and wires them; it does not reach the renderer, web host or server.',
    }),
  },
  {
    files: ['electron/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: layer({
      modules: [...nodeBuiltins, 'better-sqlite3', 'react'],
      dirs: ['renderer', 'server', 'services', 'main', 'webhost'],
      why: 'preload exposes the contract and nothing more.',
    }),
  },
  {
    files: ['electron/webhost/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: layer({
      modules: ['electron', 'react', 'react-dom'],
      dirs: ['renderer', 'server', 'main', 'preload'],
      why: 'electron/webhost/ runs the services in plain Node; it never imports Electron or the renderer.',
    }),
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: layer({
      modules: ['electron', 'react', 'react-dom'],
      dirs: ['renderer', 'electron'],
      why: 'server/ depends on shared/ only.',
    }),
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'scripts/**/*.{js,mjs,ts}', '*.config.{js,ts}', '*.config.*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
