// ESLint: the Next.js configuration (core web vitals + TypeScript), as `create-next-app` sets it
// up for Next 16. `npm run lint`; `npm test` runs it in its lint stage.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // Same severity as the Next config; `const { secret: _omitted, ...rest } = row` (dropping a
      // field) and a required-but-unused parameter named _x are deliberate, not leftovers.
      '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      // A control character in a pattern is usually a typo; the few that refuse or strip them on
      // purpose say so where they do (eslint-disable-next-line with the reason).
      'no-control-regex': 'error',
    },
  },
  // Generated code (Prisma client, Next's types) and what other tools own (build output, test
  // reports, the embedded database's files). examples/ are separate projects with their own setup.
  globalIgnores([
    '.next/**',
    'next-env.d.ts',
    'lib/db/generated/**',
    'test-results/**',
    'playwright-report/**',
    '.data/**',
    '.data-*/**',
    'examples/**',
    'public/**',
  ]),
]);
