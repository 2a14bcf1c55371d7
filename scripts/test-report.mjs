// Reads the JSON reports of Vitest and Playwright for scripts/test.mjs: the failed tests, one line
// each, so that the tail of a CI log says what broke without the reports at hand.
import path from 'node:path';

// eslint-disable-next-line no-control-regex -- strips the ESC of terminal colour codes
const firstLine = (text) => String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((line) => line.trim()).find(Boolean) ?? '';

/** Each failed test of Vitest's JSON report, as "<file> › <test> — <first error line>". */
export function vitestFailures(json, root) {
  return (json?.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((test) => test.status === 'failed')
      .map((test) => `${path.relative(root, file.name)} › ${test.fullName} — ${firstLine(test.failureMessages?.[0])}`),
  );
}

/**
 * Each test of Playwright's JSON report with the given outcome ('unexpected': failed; 'flaky':
 * failed, then passed on retry), with its first error; suites nest (file › describe › …).
 */
export function playwrightTests(report, status) {
  const found = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== status) continue;
        const errors = (test.results ?? []).flatMap((result) => result.errors ?? (result.error ? [result.error] : []));
        found.push(`${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')} — ${firstLine(errors[0]?.message)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, child.file === child.title ? titles : [...titles, child.title]);
  };
  for (const suite of report?.suites ?? []) walk(suite, []);
  return found;
}

