import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Keeps the dependency direction of STYLE.md: components → store → workers/trainerClient → protocol; trainer.worker → model. */
const noDomInModel = {
  patterns: [
    {
      group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'recharts'],
      message: 'src/model is pure TypeScript + tfjs.',
    },
    {
      group: ['**/components/**', '**/store/**', '**/workers/**'],
      message: 'src/model must not import the UI or the worker.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'public'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', noDomInModel],
      'no-restricted-globals': ['error', 'window', 'document', 'self'],
    },
  },
  {
    files: ['src/workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'react',
                'react-dom',
                'zustand',
                'recharts',
                '**/components/**',
                '**/store/**',
              ],
              message: 'Workers know nothing of the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/components/**', '@tensorflow/*'],
              message: 'The store never imports views or tfjs (tfjs lives in the worker).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/components/**/*.{ts,tsx}', 'src/App.tsx', 'src/main.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tensorflow/*'],
              message: 'tfjs is loaded only by the worker (keeps the entry bundle small).',
            },
          ],
        },
      ],
    },
  },
);
