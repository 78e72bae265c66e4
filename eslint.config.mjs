// One lint configuration for every workspace: typescript-eslint's type-checked rules (each file is
// checked with the types of its workspace's tsconfig.json), plus the habits the team agreed on.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/generated/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Servers that must not crash: every promise is awaited or handled, and none is passed where a
      // callback's result is ignored (an event handler, a timer).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A new enum value (a case status, an event type) must be handled wherever a switch decides on it.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Resolvers and providers are async by contract (GraphQL and DataLoader await them) even when one
      // implementation happens to need no await.
      '@typescript-eslint/require-await': 'off',
    },
  },
);
