import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { playwrightTests, vitestFailures } from './test-report.mjs';

const ROOT = '/repo';

const vitestTest = (fullName: string, status: 'passed' | 'failed', message?: string) => ({
  fullName,
  status,
  failureMessages: message ? [message] : [],
});

const playwrightSpec = (title: string, line: number, status: 'expected' | 'unexpected' | 'flaky' | 'skipped', message?: string) => ({
  title,
  file: 'admin.spec.ts',
  line,
  tests: [{ status, results: [{ errors: message ? [{ message }] : [] }] }],
});

describe('vitestFailures', () => {
  it('names each failed test with its file and the first line of its error, colours stripped', () => {
    const report = {
      testResults: [
        {
          name: path.join(ROOT, 'lib/a.test.ts'),
          assertionResults: [vitestTest('a works', 'passed'), vitestTest('a › refuses', 'failed', '\u001b[31mAssertionError: expected 400\u001b[39m\n    at lib/a.test.ts:3')],
        },
      ],
    };
    expect(vitestFailures(report, ROOT)).toEqual(['lib/a.test.ts › a › refuses — AssertionError: expected 400']);
  });

  it('gives nothing for a missing report', () => {
    expect(vitestFailures(null, ROOT)).toEqual([]);
  });
});

describe('playwrightTests', () => {
  it('names failed tests with the describe titles, not the file suite, and skips passed and skipped ones', () => {
    const report = {
      suites: [
        {
          title: 'admin.spec.ts',
          file: 'admin.spec.ts',
          specs: [playwrightSpec('top level', 3, 'expected')],
          suites: [
            {
              title: 'serial group',
              file: 'admin.spec.ts',
              specs: [
                playwrightSpec('first', 10, 'unexpected', '\n  Test timeout of 420000ms exceeded.\n  more'),
                playwrightSpec('second', 20, 'skipped'),
                playwrightSpec('third', 30, 'flaky', 'Timed out 5000ms waiting for expect(locator).toBeVisible()'),
              ],
            },
          ],
        },
      ],
    };
    expect(playwrightTests(report, 'unexpected')).toEqual(['admin.spec.ts:10 › serial group › first — Test timeout of 420000ms exceeded.']);
    expect(playwrightTests(report, 'flaky')).toEqual(['admin.spec.ts:30 › serial group › third — Timed out 5000ms waiting for expect(locator).toBeVisible()']);
  });
});
