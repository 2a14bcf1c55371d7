// Issue 12 item 8: lib/access is the only place that decides authorization for the S2S API, the
// dashboard and the CLI. This test reads the surfaces (route files, pages, the API layer, the
// dashboard's components, the CLI) and fails when one of them compares scopes, tests for root or
// looks at roles itself instead of asking lib/access (hasScope, missingScopes, holdsRight,
// assertMayActOnUser …). Declaring what an operation needs (`scopes: ['root']`) is not deciding.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SURFACES = ['app', 'components', 'lib/api', 'lib/admin', 'scripts'];

/** Code shapes that decide "may this caller …" on the spot. */
const DECISIONS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'a scope list searched directly', pattern: /\b(scopes|adminScopes|rights)\s*\.\s*(includes|some|every|indexOf)\s*\(/ },
  { name: 'a comparison with root', pattern: /(===|!==|==|!=)\s*['"`]root['"`]|['"`]root['"`]\s*(===|!==|==|!=)|includes\(\s*['"`]root['"`]\s*\)/ },
  { name: 'a local root constant', pattern: /\bconst\s+ROOT(_SCOPE)?\s*=\s*['"`]root['"`]/ },
  { name: 'a role-name check', pattern: /\broles?\s*\.\s*(includes|some|every|find)\s*\(|SUPER_ADMIN_ROLE|===\s*['"`]super_admin['"`]/ },
  { name: 'a decision by principal kind', pattern: /\bprincipal\s*\.\s*kind\s*(===|!==)/ },
];

function sourceFiles(dir: string): string[] {
  const absolute = path.join(ROOT, dir);
  if (!fs.existsSync(absolute)) return [];
  return fs.readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.d.mts'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.split(path.sep).includes('node_modules'));
}

/** The lines of `source` without comments and string contents other than one-word literals. */
function codeLines(source: string): string[] {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .split('\n')
    .map((line) => line.replace(/(^|[^:'"`])\/\/.*$/, '$1'));
}

/** "root grants every scope" restated: looked for in every service too (scopes like openid are theirs to read). */
const ROOT_RULES = DECISIONS.filter((decision) => decision.name.includes('root'));

function decisionsIn(file: string, source: string, decisions = DECISIONS): string[] {
  return codeLines(source).flatMap((line, index) =>
    decisions.filter((decision) => decision.pattern.test(line)).map((decision) => `${file}:${index + 1}: ${decision.name}: ${line.trim()}`),
  );
}

describe('issue 12 item 8: one access module', () => {
  it('issue 12 item 8: no route, page, dashboard component, API layer file or CLI command decides authorization itself', () => {
    const files = SURFACES.flatMap(sourceFiles);
    expect(files.filter((file) => file.startsWith('app/') && file.endsWith('route.ts')).length).toBeGreaterThan(50);
    expect(files.flatMap((file) => decisionsIn(file, fs.readFileSync(path.join(ROOT, file), 'utf8')))).toEqual([]);
  });

  it('issue 12 item 8: no service outside lib/access restates that root grants every scope', () => {
    const services = sourceFiles('lib').filter((file) => !file.startsWith(`lib${path.sep}access${path.sep}`));
    expect(services.flatMap((file) => decisionsIn(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ROOT_RULES))).toEqual([]);
  });

  it('issue 12 item 8: the scan recognises each shape of a decision made on the spot', () => {
    const probe = [
      "if (principal.scopes.includes('write_user')) allow();",
      "if (scope === 'root') allow();",
      "const ROOT = 'root';",
      "if (user.roles.includes('super_admin')) allow();",
      "if (principal.kind === 'admin') allow();",
      "// a comment naming principal.scopes.includes('root') decides nothing",
      "export const route = { scopes: ['root'] };",
    ].join('\n');
    expect(decisionsIn('probe.ts', probe).map((line) => line.split(': ')[1])).toEqual([
      'a scope list searched directly',
      'a comparison with root',
      'a local root constant',
      'a role-name check',
      'a decision by principal kind',
    ]);
  });
});
