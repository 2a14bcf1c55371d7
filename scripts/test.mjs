#!/usr/bin/env node
// `npm test`: every check, in order, each printing one plain line CI can read:
//   typecheck   next typegen && tsc --noEmit, then every example (scripts/typecheck-examples.mjs) → "typecheck: passed|failed"
//   lint        eslint . with the Next.js config (eslint.config.mjs), warnings included   → "lint: passed|failed"
//   unit        vitest run (JSON in test-results/vitest.json)                → "unit: N passed, N failed"
//   build       next build                                                   → "build: passed|failed"
//   e2e         playwright test (JSON in test-results/e2e.json; its global
//               setup starts the just-built app with a fresh database)        → "e2e: N passed, N failed"
// then one "failed: <stage> › <test> — <first line of its error>" line per failed test and one
// "flaky: e2e › …" line per browser test that passed only on its CI retry (so that the tail of a
// CI log names what broke), then the sum alone on the last line: "N passed, N failed". Tests count
// one each; a failed stage that has no failed test to show for it (type error, build error, a
// suite that crashed) counts as one failure, so the last line never reads "0 failed" when
// something went wrong. A failing stage does not stop the later ones, except e2e, which needs the build. Exit code 1 if anything failed.
//
// Options (for CI and for quick runs):
//   --only <stage,...>     run only these stages (typecheck, lint, unit, build, e2e)
//   --unit-label <label>   label of the unit line (default "unit"; CI uses "unit(postgres)")
//   --unit-output <file>   vitest JSON file (default test-results/vitest.json)
// Environment: TEST_DATABASE_URL runs vitest against a real PostgreSQL; E2E_BASE_URL tests a
// running server instead of starting one (see e2e/global-setup.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { playwrightTests, vitestFailures } from './test-report.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const RESULTS = path.join(ROOT, 'test-results');
const STAGES = ['typecheck', 'lint', 'unit', 'build', 'e2e'];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'unit-label': { type: 'string', default: 'unit' },
    'unit-output': { type: 'string', default: 'test-results/vitest.json' },
  },
});
const selected = values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : STAGES;
const unknown = selected.filter((stage) => !STAGES.includes(stage));
if (unknown.length) {
  console.error(`unknown stage(s): ${unknown.join(', ')} (stages: ${STAGES.join(', ')})`);
  process.exit(2);
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const lines = []; // the plain stage lines, printed together at the end (once, so that no parser counts twice)
const failures = []; // "failed: …" and "flaky: …" lines, one per failed or retried test
let passed = 0;
let failed = 0;
let anyFailure = false;

function run(bin, args, extraEnv = {}) {
  const result = spawnSync(path.join(BIN, bin), args, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: 'inherit' });
  if (result.error) console.error(`[test] cannot run ${bin}: ${result.error.message}`);
  return result.status ?? 1;
}

function report(line) {
  lines.push(line);
  console.log(`[test] ${line}`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function recordFailures(stage, names, outcome = 'failed') {
  for (const name of names) failures.push(`${outcome}: ${stage} › ${name}`.slice(0, 600));
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** A stage without test counts: one failure if it failed. */
function passFail(name, ok, started) {
  report(`${name}: ${ok ? 'passed' : 'failed'}`);
  console.log(`[test] ${name} took ${seconds(started)}`);
  if (!ok) {
    failed += 1;
    anyFailure = true;
  }
}

/** A stage with test counts; a non-zero exit with no failed test counts as one failure. */
function counted(name, code, stats, started) {
  let { ok, bad } = stats ?? { ok: 0, bad: 0 };
  if (code !== 0 && bad === 0) {
    console.log(`[test] ${name}: the runner exited with code ${code} without a failed test${stats ? '' : ' (no JSON report)'}: counted as 1 failure`);
    bad = 1;
  }
  passed += ok;
  failed += bad;
  if (code !== 0 || bad > 0) anyFailure = true;
  report(`${name}: ${ok} passed, ${bad} failed`);
  console.log(`[test] ${name} took ${seconds(started)}`);
}

let buildOk = true;
let vitestJson = null; // kept to restore test-results/vitest.json after Playwright clears test-results/

for (const stage of selected) {
  const started = Date.now();
  console.log(`\n[test] ── ${stage} ──`);
  if (stage === 'typecheck') {
    const ok =
      run('next', ['typegen']) === 0 &&
      run('tsc', ['--noEmit']) === 0 &&
      spawnSync(process.execPath, ['scripts/typecheck-examples.mjs'], { cwd: ROOT, env, stdio: 'inherit' }).status === 0;
    passFail('typecheck', ok, started);
  } else if (stage === 'lint') {
    passFail('lint', run('eslint', ['.', '--max-warnings=0']) === 0, started);
  } else if (stage === 'unit') {
    const output = path.resolve(ROOT, values['unit-output']);
    fs.rmSync(output, { force: true });
    const code = run('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile=${output}`]);
    const json = readJson(output);
    vitestJson = json ? { file: output, text: fs.readFileSync(output, 'utf8') } : null;
    recordFailures(values['unit-label'], vitestFailures(json, ROOT));
    counted(values['unit-label'], code, json && { ok: json.numPassedTests ?? 0, bad: json.numFailedTests ?? 0 }, started);
  } else if (stage === 'build') {
    buildOk = run('next', ['build']) === 0;
    passFail('build', buildOk, started);
  } else if (stage === 'e2e') {
    if (!buildOk) {
      report('e2e: skipped (the build failed)');
      continue;
    }
    const output = path.join(RESULTS, 'e2e.json');
    fs.rmSync(output, { force: true });
    // The build stage just ran (or the caller chose --only e2e): global setup need not check again.
    const skipBuild = selected.includes('build') ? { E2E_SKIP_BUILD: '1' } : {};
    const code = run('playwright', ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: output, ...skipBuild });
    const playwrightReport = readJson(output);
    const stats = playwrightReport?.stats;
    recordFailures('e2e', playwrightTests(playwrightReport, 'unexpected'));
    recordFailures('e2e', playwrightTests(playwrightReport, 'flaky'), 'flaky');
    if (stats?.flaky) console.log(`[test] e2e: ${stats.flaky} flaky test(s) passed on retry`);
    counted('e2e', code, stats && { ok: (stats.expected ?? 0) + (stats.flaky ?? 0), bad: stats.unexpected ?? 0 }, started);
    if (vitestJson && !fs.existsSync(vitestJson.file)) {
      fs.mkdirSync(path.dirname(vitestJson.file), { recursive: true });
      fs.writeFileSync(vitestJson.file, vitestJson.text);
    }
  }
}

console.log('\n[test] ── summary ──');
for (const line of lines) console.log(line);
for (const line of failures) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(anyFailure ? 1 : 0);
