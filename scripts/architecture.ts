// The import rules of the codebase (README "Architecture"), checked on the import graph by
// scripts/architecture.test.ts, which is part of `npm test`. The graph is read with the TypeScript
// compiler's parser (already a dependency): every import, export-from, import-equals and dynamic
// import() of the project's .ts/.tsx files, with the "@/" alias of tsconfig.json resolved.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import: from file to a project file (both relative to the root, '/'-separated) or a package. */
export interface ImportEdge {
  from: string;
  /** A project file ('lib/flow/index.ts'), or the bare specifier of a package ('@prisma/client'). */
  to: string;
  /** `import type` / `export type … from`: no code at run time, still a dependency of the design. */
  typeOnly: boolean;
}

export interface Violation {
  rule: 'flow-internals' | 'prisma-outside-services' | 'identity-imports-factor' | 'test-support-in-production' | 'lib-folder-cycle';
  message: string;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.next', '.git', '.data', 'test-results', 'playwright-report', 'examples', 'generated']);

/** Every .ts/.tsx file under the root, relative and '/'-separated (generated code and examples excluded). */
export function sourceFiles(root: string, dir = ''): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.data-')) files.push(...sourceFiles(root, relative));
    } else if (SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith('.d.ts')) {
      files.push(relative);
    }
  }
  return files;
}

/** The module specifiers a file imports, with whether each import is type-only. */
export function importSpecifiers(fileName: string, text: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const allNamedTypeOnly =
        clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0
          ? clause.namedBindings.elements.every((element) => element.isTypeOnly)
          : false;
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: Boolean(clause?.isTypeOnly) || allNamedTypeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The project file a specifier names ('@/lib/flow' → 'lib/flow/index.ts'), or the specifier itself for a package. */
export function resolveSpecifier(from: string, specifier: string, exists: (file: string) => boolean): string {
  let base: string;
  if (specifier.startsWith('@/')) base = specifier.slice(2);
  else if (specifier.startsWith('./') || specifier.startsWith('../')) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  else return specifier;
  const withoutJs = base.replace(/\.(m?js|jsx)$/, '');
  const candidates = [base, ...SOURCE_EXTENSIONS.map((ext) => withoutJs + ext), ...SOURCE_EXTENSIONS.map((ext) => `${base}/index${ext}`)];
  return candidates.find(exists) ?? base;
}

/** The import graph of the project under root. */
export function readImportGraph(root: string): ImportEdge[] {
  const files = sourceFiles(root);
  const known = new Set(files);
  const exists = (file: string) => known.has(file) || fs.statSync(path.join(root, file), { throwIfNoEntry: false })?.isFile() === true;
  const edges: ImportEdge[] = [];
  for (const from of files) {
    for (const { specifier, typeOnly } of importSpecifiers(from, fs.readFileSync(path.join(root, from), 'utf8'))) {
      edges.push({ from, to: resolveSpecifier(from, specifier, exists), typeOnly });
    }
  }
  return edges;
}

/**
 * Tests and their helpers (lib/testing/, lib/<folder>/testing.ts, lib/db/testing/, e2e/): they reach
 * into any layer to arrange state, so the layering rules are about the code that ships.
 */
export const isTestSupport = (file: string) =>
  /\.test\.tsx?$/.test(file) || file.startsWith('lib/testing/') || file.startsWith('lib/db/testing/') || /^lib\/[^/]+\/testing\.ts$/.test(file) || file.startsWith('e2e/');
/** lib/<folder> of a file, or null outside lib/. */
export const libFolder = (file: string) => /^lib\/([^/]+)\//.exec(file)?.[1] ?? null;

const FLOW_PUBLIC = 'lib/flow/index.ts';
const isPrisma = (target: string) =>
  target.startsWith('@prisma/') || target === 'prisma' || target.startsWith('prisma/') || target.startsWith('lib/db/') || target === 'lib/db';
const IDENTITY_MUST_NOT_IMPORT = ['mfa', 'passkeys', 'recovery-codes'];

/**
 * The rules:
 * 1. flow-internals: outside lib/flow, the flow core is imported through lib/flow/index.ts only.
 * 2. prisma-outside-services: app/ and components/ do not import Prisma (@prisma/*, the generated
 *    client) nor anything under lib/db: pages and routes call services. Their tests may (they
 *    arrange rows directly).
 * 3. identity-imports-factor: lib/identity imports none of lib/mfa, lib/passkeys, lib/recovery-codes
 *    (those register steps with the flow; identity knows none of them).
 * 4. test-support-in-production: code that ships imports no test helper.
 * 5. lib-folder-cycle: the graph of lib/ folders (an edge when a shipping file of one imports a file
 *    of another, type-only imports included) has no cycle.
 */
export function checkArchitecture(edges: ImportEdge[]): Violation[] {
  const violations: Violation[] = [];
  for (const { from, to } of edges) {
    if (to.startsWith('lib/flow/') && to !== FLOW_PUBLIC && !from.startsWith('lib/flow/')) {
      violations.push({ rule: 'flow-internals', message: `${from} imports ${to}: import '@/lib/flow' (lib/flow/index.ts) instead` });
    }
    if ((from.startsWith('app/') || from.startsWith('components/')) && !isTestSupport(from) && isPrisma(to)) {
      violations.push({ rule: 'prisma-outside-services', message: `${from} imports ${to}: pages, routes and components call a service in lib/<capability>/` });
    }
    if (libFolder(from) === 'identity' && IDENTITY_MUST_NOT_IMPORT.includes(libFolder(to) ?? '')) {
      violations.push({ rule: 'identity-imports-factor', message: `${from} imports ${to}: identity must not know lib/${libFolder(to)}` });
    }
    if (!isTestSupport(from) && isTestSupport(to)) {
      violations.push({ rule: 'test-support-in-production', message: `${from} imports the test helper ${to}` });
    }
  }
  for (const cycle of folderCycles(edges)) {
    violations.push({ rule: 'lib-folder-cycle', message: `import cycle between lib/ folders: ${cycle.map(({ folder, via }) => `${folder} (${via})`).join(' → ')} → ${cycle[0].folder}` });
  }
  return violations;
}

/** One cycle per strongly connected component of the lib/ folder graph, each step naming a file import that makes it. */
export function folderCycles(edges: ImportEdge[]): { folder: string; via: string }[][] {
  const graph = new Map<string, Map<string, string>>(); // folder → imported folder → an example import
  for (const { from, to } of edges) {
    const a = libFolder(from);
    const b = libFolder(to);
    if (!a || !b || a === b || isTestSupport(from)) continue;
    if (!graph.has(a)) graph.set(a, new Map());
    if (!graph.get(a)!.has(b)) graph.get(a)!.set(b, `${from} → ${to}`);
  }
  const cycles: { folder: string; via: string }[][] = [];
  for (const component of stronglyConnected(graph)) {
    if (component.length < 2) continue;
    cycles.push(cycleWithin(graph, new Set(component)));
  }
  return cycles;
}

/** Tarjan's algorithm; components in a deterministic order. */
function stronglyConnected(graph: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const strongConnect = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (!index.has(next)) {
        strongConnect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) strongConnect(node);
  return components;
}

/** A shortest cycle through the first folder of a strongly connected component (breadth-first). */
function cycleWithin(graph: Map<string, Map<string, string>>, members: Set<string>): { folder: string; via: string }[] {
  const start = [...members].sort()[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return path.map((folder, i) => ({ folder, via: graph.get(folder)!.get(path[i + 1] ?? start)! }));
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [...members].map((folder) => ({ folder, via: '?' }));
}
