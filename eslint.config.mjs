// Lint for the project's own code. Type-aware, so that a forgotten `await` is an error:
// fire-and-forget calls must say `void`.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/lib/**', '**/out/**', 'node_modules/**', 'examples/**', 'bench/**', 'scripts/**', '.vscode-test/**', '**/fixtures/**', 'eslint.config.mjs'] },
  {
    files: ['client/src/**/*.ts', 'server/src/**/*.ts', 'shared/src/**/*.ts', 'e2e/src/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      'no-debugger': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
);
