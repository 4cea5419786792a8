// ESLint flat config (issue #19 part 5): `npm run lint`, and part of `npm test`.
//
// typescript-eslint's type-checked preset was measured at ~85 s on the project's 2-core machine
// (against ~30 s for this config), so the syntactic preset is used, plus a few rules that catch
// real mistakes without type information.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores(['dist/', 'data/', 'bench/results/', 'test-results/', 'screenshots/', '.vite/', '.scratch/']),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a parameter kept for its position (Express's 4-argument error handler).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'array-callback-return': 'error',
      'no-constructor-return': 'error',
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-unreachable-loop': 'error',
    },
  },
  {
    files: ['server/**', 'shared/**', 'test/**', 'bench/**', 'scripts/**', '*.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['client/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // The hooks in client/src/net reset or seed their state when they (re)connect to an external
      // system (socket, Y.Doc, clock), which is what this rule flags; rewriting them to derive state
      // during render would change how they behave for no gain. The other React Compiler rules pass.
      'react-hooks/set-state-in-effect': 'off',
    },
  },
]);
