// ESLint: the recommended JavaScript and typescript-eslint rules, tuned to real problems.
// Layout is Prettier's job (.prettierrc.json): no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'test/fixtures/', 'test/golden/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      // A leading underscore marks a parameter, binding or rest sibling left unused on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Renderers and tests match ANSI colour escapes (\x1b[…m) on purpose.
      'no-control-regex': 'off',
      // Flags `let x = 0` initialisers that every branch overwrites: harmless, and a read before any
      // write, the real bug, is already a TypeScript error.
      'no-useless-assignment': 'off',
    },
  },
  {
    // Published coefficients (Numerical Recipes, Acklam) are kept digit for digit, beyond what a double holds.
    files: ['src/math/**'],
    rules: { 'no-loss-of-precision': 'off' },
  },
  {
    // Tests build and mutate parsed JSON of any shape on purpose (hostile inputs, schema walks).
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // bin/kplan.js: the CommonJS start-up shim.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
