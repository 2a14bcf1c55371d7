import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { playwrightFailures, vitestFailures } from './test-report.mjs';

const ROOT = '/repo';

const vitestTest = (fullName: string, status: 'passed' | 'failed', message?: string) => ({
  fullName,
  status,
  failureMessages: message ? [message] : [],
});

const playwrightSpec = (title: string, line: number, status: 'expected' | 'unexpected' | 'skipped', message?: string) => ({
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

describe('playwrightFailures', () => {
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
              ],
            },
          ],
        },
      ],
    };
    expect(playwrightFailures(report)).toEqual(['admin.spec.ts:10 › serial group › first — Test timeout of 420000ms exceeded.']);
  });
});
