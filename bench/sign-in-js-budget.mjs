// The hosted sign-in page's JavaScript against issue #4's budget: at most 150 KB of gzipped
// JavaScript on first load, and the form rendered by the server (no client-side data request).
// Measured two ways:
//  - from the build: the first-load chunks `next build` lists for the route in
//    .next/diagnostics/route-bundle-stats.json, each gzipped here (zlib's default level);
//  - in Chromium: the page reached through /oauth2/v1/authorize, every script it fetched gzipped
//    the same way, next to the bytes the server actually sent (Accept-Encoding as Chromium sends it).
// Inline scripts (the RSC payload in the HTML) are reported, not budgeted: they are data.
//
// Used by bench/run.mjs (scenario `signInJsBudget` of bench/results/latest.json) and by
// e2e/budget.spec.ts, which fails above the budget. On its own, against a running server:
//   node bench/sign-in-js-budget.mjs <authorize URL>
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const SIGN_IN_ROUTE = '/identity/v1/sign-in';
export const SIGN_IN_JS_BUDGET_BYTES = 150 * 1024;

const gzipSize = (buffer) => gzipSync(buffer).length;

/** First-load chunks of the route from the build's diagnostics, raw and gzipped; null without a build. */
export function buildFirstLoad(root, route = SIGN_IN_ROUTE) {
  const statsFile = path.join(root, '.next', 'diagnostics', 'route-bundle-stats.json');
  if (!fs.existsSync(statsFile)) return null;
  const entry = JSON.parse(fs.readFileSync(statsFile, 'utf8')).find((candidate) => candidate.route === route);
  if (!entry) return null;
  const chunks = entry.firstLoadChunkPaths.map((chunk) => {
    const body = fs.readFileSync(path.join(root, chunk));
    return { chunk: chunk.replace(/^\.next\//, ''), rawBytes: body.length, gzipBytes: gzipSize(body) };
  });
  return { route, chunks, rawBytes: sum(chunks, 'rawBytes'), gzipBytes: sum(chunks, 'gzipBytes') };
}

function sum(rows, key) {
  return rows.reduce((total, row) => total + row[key], 0);
}

/**
 * Loads `url` in a Playwright page (new page, nothing cached) and measures what the sign-in page
 * fetched until the network was idle. `requestsAfterLoad` lists every request made after the
 * document's load event that is not a static asset: a client-side data request shows up there.
 */
export async function browserFirstLoad(page, url) {
  const requests = [];
  let loaded = false;
  const onRequest = (request) => requests.push({ request, afterLoad: loaded });
  page.on('request', onRequest);
  let response;
  try {
    response = await page.goto(url, { waitUntil: 'load' });
    loaded = true;
    await page.waitForLoadState('networkidle');
  } finally {
    page.off('request', onRequest);
  }
  if (!response) throw new Error(`no response for ${url}`);

  const scripts = [];
  for (const { request } of requests) {
    if (request.resourceType() !== 'script') continue;
    const scriptResponse = await request.response();
    if (!scriptResponse) continue;
    const body = await scriptResponse.body();
    const sizes = await request.sizes();
    scripts.push({
      path: new URL(request.url()).pathname,
      rawBytes: body.length,
      gzipBytes: gzipSize(body),
      transferredBytes: sizes.responseBodySize,
      contentEncoding: scriptResponse.headers()['content-encoding'] ?? 'identity',
    });
  }
  const html = await response.text();
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join('');
  const origin = new URL(response.url()).origin;
  const isStaticAsset = (request) => {
    const target = new URL(request.url());
    return target.origin === origin && (target.pathname.startsWith('/_next/static/') || /^\/[\w.-]+\.(svg|png|ico)$/.test(target.pathname));
  };
  return {
    documentUrl: response.url(),
    html,
    scripts,
    scriptCount: scripts.length,
    rawBytes: sum(scripts, 'rawBytes'),
    gzipBytes: sum(scripts, 'gzipBytes'),
    transferredBytes: sum(scripts, 'transferredBytes'),
    inlineScriptGzipBytes: gzipSize(Buffer.from(inline)),
    requestsAfterLoad: requests
      .filter(({ request, afterLoad }) => afterLoad && !isStaticAsset(request))
      .map(({ request }) => `${request.method()} ${request.resourceType()} ${request.url()}`),
  };
}

/** Both measurements, for bench/run.mjs: the Chromium one in a fresh headless browser. */
export async function measureSignInJsBudget({ root, authorizeUrl, executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await (await browser.newContext()).newPage();
    const measured = await browserFirstLoad(page, authorizeUrl);
    const build = buildFirstLoad(root);
    const { html, ...chromiumResult } = measured;
    return {
      budgetBytes: SIGN_IN_JS_BUDGET_BYTES,
      withinBudget: measured.gzipBytes <= SIGN_IN_JS_BUDGET_BYTES,
      formInServerHtml: html.includes('data-testid="sign-in-form"'),
      chromium: chromiumResult,
      build,
    };
  } finally {
    await browser.close();
  }
}

export function formatSignInJsBudget(result) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const lines = [
    `sign-in page JavaScript (budget ${kb(result.budgetBytes)} gzip): ${result.withinBudget ? 'within' : 'OVER'} budget; form in the server HTML: ${result.formInServerHtml ? 'yes' : 'NO'}`,
    `  chromium: ${result.chromium.scriptCount} scripts, ${kb(result.chromium.rawBytes)} raw, ${kb(result.chromium.gzipBytes)} gzip, ${kb(result.chromium.transferredBytes)} transferred; inline scripts ${kb(result.chromium.inlineScriptGzipBytes)} gzip; requests after load: ${result.chromium.requestsAfterLoad.length}`,
  ];
  if (result.build) lines.push(`  build manifest: ${result.build.chunks.length} chunks, ${kb(result.build.rawBytes)} raw, ${kb(result.build.gzipBytes)} gzip`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const authorizeUrl = process.argv[2];
  if (!authorizeUrl) {
    console.error('usage: node bench/sign-in-js-budget.mjs <authorize URL of a running server>');
    process.exit(2);
  }
  const result = await measureSignInJsBudget({ root: path.resolve(import.meta.dirname, '..'), authorizeUrl });
  console.log(formatSignInJsBudget(result));
  process.exitCode = result.withinBudget && result.formInServerHtml ? 0 : 1;
}
