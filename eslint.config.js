// Lint with the recommended JS and TypeScript rules everywhere, and the type-aware preset on the product code
// (src/ and checks/; the tests keep the syntax-only preset: type-aware linting of test/ would double the lint time).
// Import direction and cycles are checked by dependency-cruiser (.dependency-cruiser.mjs), run after eslint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist.*/**', 'node_modules/**', 'coverage/**', '.cache/**', 'src/**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['src/**/*.ts', 'checks/**/*.ts'] })),
  {
    files: ['src/**/*.ts', 'checks/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // An async function without await still turns a throw into a rejection, which its callers rely on.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Functions a newcomer can read in one screen: at most 60 lines, and few enough paths to hold in mind. A large
  // decision is cut into named steps (each a function that says what it decides), not chopped mechanically.
  {
    files: ['src/**/*.ts', 'checks/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      complexity: ['error', 20],
    },
  },
);
