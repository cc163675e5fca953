import js from '@eslint/js';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The import rules of docs/ARCHITECTURE.md: `components → store → workers/<w>/client → protocol →
 * model/core`, `workers/<w>/worker → model/engine → model/{data,core}`, no import cycles anywhere.
 */
const UI = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'recharts'];
const TFJS = ['@tensorflow/*'];
const ENGINE = ['**/model/engine', '**/model/engine/**'];
const APP = ['**/components/**', '**/store/**', '**/workers/**'];

/** A no-restricted-imports rule from [patterns, message] pairs. */
const restrict = (...rules) => [
  'error',
  { patterns: rules.map(([group, message]) => ({ group, message })) },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'public'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: {
      // The TypeScript files an import reaches must be read too, or no-cycle cannot follow it.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] }),
      ],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Circles of value imports; type-only ones are erased at build time (the rule skips them).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Below the UI: no DOM, no React, no worker globals.
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'self'],
      'no-restricted-imports': restrict(
        [UI, 'src/model is plain TypeScript: no UI libraries.'],
        [APP, 'src/model must not import the UI, the store or the workers.'],
      ),
    },
  },
  {
    // The tfjs-free rooms: they run the same on the page, in a worker, in Node tests and the bench.
    files: ['src/model/core/**/*.ts', 'src/model/data/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [UI, 'src/model is plain TypeScript: no UI libraries.'],
        [APP, 'src/model must not import the UI, the store or the workers.'],
        [TFJS, 'model/core and model/data are tfjs-free (the page imports them).'],
        [
          ENGINE,
          'model/core and model/data never import model/engine (the arrow points the other way).',
        ],
      ),
    },
  },
  {
    files: ['src/model/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [UI, 'src/model is plain TypeScript: no UI libraries.'],
        [APP, 'src/model must not import the UI, the store or the workers.'],
        [TFJS, 'model/core is tfjs-free (the page imports it).'],
        [
          [...ENGINE, '**/model/data', '**/model/data/**'],
          'model/core is the bottom room: it imports no other room.',
        ],
      ),
    },
  },
  {
    files: ['src/workers/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        [...UI, '**/components/**', '**/store/**'],
        'Workers know nothing of the UI.',
      ]),
    },
  },
  {
    // The page side of each worker: imported by the store, so no tfjs and no engine here.
    files: ['src/workers/*/client.ts', 'src/workers/*/protocol.ts', 'src/workers/*/testHooks.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [[...UI, '**/components/**', '**/store/**'], 'Workers know nothing of the UI.'],
        [
          [...TFJS, ...ENGINE],
          'Page-side worker modules stay tfjs-free (only the worker loads tfjs).',
        ],
      ),
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [['**/components/**'], 'The store never imports views.'],
        [
          [...TFJS, ...ENGINE],
          'The store never imports tfjs or the engine (they live in the worker).',
        ],
        [
          ['**/workers/*/worker', '**/workers/*/handler'],
          'The page talks to a worker through its client.',
        ],
      ),
    },
  },
  {
    files: ['src/components/**/*.{ts,tsx}', 'src/App.tsx', 'src/main.tsx'],
    rules: {
      'no-restricted-imports': restrict(
        [
          [...TFJS, ...ENGINE],
          'tfjs and the engine load only in the worker (keeps the page small).',
        ],
        [['**/workers/**'], 'Views reach the workers through the store.'],
      ),
    },
  },
);
