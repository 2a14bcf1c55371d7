import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkArchitecture, importSpecifiers, readImportGraph, resolveSpecifier, type ImportEdge } from './architecture';

const ROOT = path.resolve(import.meta.dirname, '..');
const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly });
const rules = (edges: ImportEdge[]) => checkArchitecture(edges).map((violation) => violation.rule);

describe('the import rules of the repository', () => {
  const graph = readImportGraph(ROOT);

  it('hold: no violation', () => {
    expect(checkArchitecture(graph).map((violation) => violation.message)).toEqual([]);
  });

  it('are checked on the real graph (the alias resolves, the flow core and its capabilities are in it)', () => {
    expect(graph.length).toBeGreaterThan(1000);
    expect(graph).toContainEqual(edge('lib/mfa/flow-steps.ts', 'lib/flow/index.ts', expect.any(Boolean) as unknown as boolean));
    expect(graph.some(({ from, to }) => from.startsWith('app/') && to.startsWith('lib/'))).toBe(true);
  });
});

describe('the checker', () => {
  it('refuses a capability importing the flow core internals, not the core importing its own files', () => {
    expect(rules([edge('lib/mfa/flow-steps.ts', 'lib/flow/machine.ts')])).toEqual(['flow-internals']);
    expect(rules([edge('lib/mfa/flow-steps.ts', 'lib/flow/index.ts'), edge('lib/flow/index.ts', 'lib/flow/machine.ts')])).toEqual([]);
  });

  it('refuses app/ and components/ importing Prisma or lib/db, but not their tests', () => {
    expect(rules([edge('app/api/route.ts', '@prisma/client')])).toEqual(['prisma-outside-services']);
    expect(rules([edge('components/admin/Table.tsx', 'lib/db/generated/client.ts')])).toEqual(['prisma-outside-services']);
    expect(rules([edge('app/page.tsx', 'lib/db/index.ts', true)])).toEqual(['prisma-outside-services']);
    expect(rules([edge('app/dev/outbox.test.ts', 'lib/db/index.ts')])).toEqual([]);
    expect(rules([edge('lib/users/service.ts', 'lib/db/index.ts')])).toEqual([]);
  });

  it('refuses lib/identity importing mfa, passkeys or recovery codes', () => {
    for (const folder of ['mfa', 'passkeys', 'recovery-codes']) {
      expect(rules([edge('lib/identity/sign-in.ts', `lib/${folder}/service.ts`)])).toEqual(['identity-imports-factor']);
    }
    expect(rules([edge('lib/mfa/flow-steps.ts', 'lib/identity/sign-in.ts')])).toEqual([]);
  });

  it('refuses shipping code importing a test helper', () => {
    expect(rules([edge('lib/users/service.ts', 'lib/testing/factories.ts')])).toEqual(['test-support-in-production']);
    expect(rules([edge('app/page.tsx', 'lib/api/testing.ts')])).toEqual(['test-support-in-production']);
    expect(rules([edge('lib/users/service.test.ts', 'lib/testing/factories.ts')])).toEqual([]);
  });

  it('finds a cycle between lib/ folders through type-only imports too, and names the imports that make it', () => {
    const violations = checkArchitecture([
      edge('lib/a/one.ts', 'lib/b/two.ts'),
      edge('lib/b/two.ts', 'lib/c/three.ts', true),
      edge('lib/c/three.ts', 'lib/a/four.ts'),
      edge('lib/c/three.ts', 'lib/d/five.ts'),
    ]);
    expect(violations).toEqual([
      {
        rule: 'lib-folder-cycle',
        message:
          'import cycle between lib/ folders: a (lib/a/one.ts → lib/b/two.ts) → b (lib/b/two.ts → lib/c/three.ts) → c (lib/c/three.ts → lib/a/four.ts) → a',
      },
    ]);
  });

  it('reports one cycle per knot, and none for imports inside a folder, from tests or in one direction', () => {
    const twoKnots = [
      edge('lib/a/x.ts', 'lib/b/x.ts'),
      edge('lib/b/x.ts', 'lib/a/y.ts'),
      edge('lib/b/x.ts', 'lib/c/x.ts'),
      edge('lib/c/x.ts', 'lib/a/x.ts'),
      edge('lib/d/x.ts', 'lib/e/x.ts'),
      edge('lib/e/x.ts', 'lib/d/x.ts'),
    ];
    expect(rules(twoKnots)).toEqual(['lib-folder-cycle', 'lib-folder-cycle']);
    expect(
      rules([
        edge('lib/a/x.ts', 'lib/a/y.ts'),
        edge('lib/a/y.ts', 'lib/a/x.ts'),
        edge('lib/a/x.ts', 'lib/b/x.ts'),
        edge('lib/b/x.test.ts', 'lib/a/x.ts'),
        edge('lib/b/testing.ts', 'lib/a/x.ts'),
      ]),
    ).toEqual([]);
  });

  it('reads every kind of import statement, with whether it is type-only', () => {
    const text = [
      "import a from '@/lib/a';",
      "import type { B } from './b';",
      "import { type C, type D } from '../c';",
      "import { type E, f } from 'e';",
      "import 'side-effect';",
      "export { g } from '@/lib/g';",
      "export type { H } from '@/lib/h';",
      "export * from './star';",
      "const lazy = () => import('@/lib/lazy');",
      "type T = import('@/lib/type-query').T;",
      "import x = require('legacy');",
      "const notAnImport = \"import z from '@/lib/z'\";",
    ].join('\n');
    expect(importSpecifiers('lib/x/file.ts', text)).toEqual([
      { specifier: '@/lib/a', typeOnly: false },
      { specifier: './b', typeOnly: true },
      { specifier: '../c', typeOnly: true },
      { specifier: 'e', typeOnly: false },
      { specifier: 'side-effect', typeOnly: false },
      { specifier: '@/lib/g', typeOnly: false },
      { specifier: '@/lib/h', typeOnly: true },
      { specifier: './star', typeOnly: false },
      { specifier: '@/lib/lazy', typeOnly: false },
      { specifier: '@/lib/type-query', typeOnly: true },
      { specifier: 'legacy', typeOnly: false },
    ]);
  });

  it('resolves the @/ alias, relative paths and folder indexes; packages stay bare', () => {
    const files = new Set(['lib/flow/index.ts', 'lib/flow/machine.ts', 'components/ui/Button.tsx', 'scripts/serve.mjs']);
    const exists = (file: string) => files.has(file);
    expect(resolveSpecifier('lib/mfa/x.ts', '@/lib/flow', exists)).toBe('lib/flow/index.ts');
    expect(resolveSpecifier('lib/flow/flow.ts', './machine', exists)).toBe('lib/flow/machine.ts');
    expect(resolveSpecifier('app/page.tsx', '../components/ui/Button', exists)).toBe('components/ui/Button.tsx');
    expect(resolveSpecifier('scripts/x.ts', './serve.mjs', exists)).toBe('scripts/serve.mjs');
    expect(resolveSpecifier('lib/db/index.ts', '@prisma/adapter-pg', exists)).toBe('@prisma/adapter-pg');
  });
});
