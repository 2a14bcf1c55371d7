// Screenshots and accessibility scans of the hosted pages, kept as artifacts under test-results/
// (screenshots/<name>.png, axe/<name>.json, axe/summary.txt). Axe violations are recorded, reported
// as test annotations and fail the test: every scanned page must have none.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { RESULTS_DIR } from './server';

const SCREENSHOTS = path.join(RESULTS_DIR, 'screenshots');
const AXE = path.join(RESULTS_DIR, 'axe');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Full-page screenshot to test-results/screenshots/<name>.png, also attached to the test. */
export async function screenshot(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** Runs axe-core on the page; writes the full result and returns a one-line-per-violation summary. */
export async function scanAccessibility(page: Page, name: string, testInfo: TestInfo): Promise<string[]> {
  // @axe-core/playwright's peer playwright-core resolved to 1.65.x while @playwright/test 1.64.1 has
  // its own 1.64.1: the Page types differ only nominally (axe uses no playwright-core code at run time).
  const axePage = page as unknown as ConstructorParameters<typeof AxeBuilder>[0]['page'];
  const results = await new AxeBuilder({ page: axePage }).withTags(WCAG_TAGS).analyze();
  fs.mkdirSync(AXE, { recursive: true });
  fs.writeFileSync(
    path.join(AXE, `${name}.json`),
    JSON.stringify({ url: results.url, violations: results.violations, incomplete: results.incomplete, passes: results.passes.length }, null, 2),
  );
  const lines = results.violations.map(
    (violation) =>
      `${name}: ${violation.id} [${violation.impact ?? 'n/a'}; ${violation.tags.filter((tag) => /^wcag\d|^best-practice$/.test(tag)).join(',')}] ` +
      `${violation.help} — ${violation.nodes.length} node(s): ` +
      violation.nodes.map((node) => node.target.join(' ')).join(' | '),
  );
  fs.appendFileSync(path.join(AXE, 'summary.txt'), lines.length ? `${lines.join('\n')}\n` : `${name}: no violations\n`);
  for (const line of lines) testInfo.annotations.push({ type: 'axe', description: line });
  expect.soft(lines, `axe violations on ${name}`).toEqual([]);
  return lines;
}
