// The localized 503 page of hosted routes while the database is unreachable (proxy.ts serves it
// for every hosted page, /oauth2/v1/authorize for a failed authorization). Plain HTML with no
// script and no user input in it, so it needs no nonce and cannot be an injection point.
import de from '@/messages/de/operations.json';
import en from '@/messages/en/operations.json';
import es from '@/messages/es/operations.json';
import fr from '@/messages/fr/operations.json';
import it from '@/messages/it/operations.json';
import ja from '@/messages/ja/operations.json';
import ptBR from '@/messages/pt-BR/operations.json';
import zhCN from '@/messages/zh-CN/operations.json';
import { NextResponse } from 'next/server';
import type { Locale } from '@/lib/config/locales';
import { escapeHtml } from '@/lib/ui/safe-values';

export const SERVICE_UNAVAILABLE = 'service_unavailable';
/** Seconds a client should wait before retrying (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

const CATALOGS: Record<Locale, typeof en> = { en, 'zh-CN': zhCN, fr, de, es, ja, 'pt-BR': ptBR, it };

/** Texts of the page (the catalogs' plain strings: precompiled plain texts stay strings). */
export function unavailableTexts(locale: Locale) {
  return (CATALOGS[locale] ?? en).serviceUnavailable as { title: string; heading: string; message: string; retry: string };
}

export function serviceUnavailablePage(locale: Locale): NextResponse {
  const t = unavailableTexts(locale);
  const html = `<!DOCTYPE html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(t.title)}</title>
<style>
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a}
main{max-width:28rem;margin:1rem;padding:2rem;background:#fff;border:1px solid #e2e8f0;border-radius:.75rem}
h1{font-size:1.25rem;margin:0 0 .75rem}p{line-height:1.5;margin:0 0 1.25rem}
a{display:inline-block;padding:.5rem 1rem;border-radius:.375rem;background:#1d4ed8;color:#fff;text-decoration:none}
a:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}
@media (prefers-color-scheme:dark){body{background:#0f172a;color:#e2e8f0}main{background:#1e293b;border-color:#334155}}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(t.heading)}</h1>
<p>${escapeHtml(t.message)}</p>
<p><a href="">${escapeHtml(t.retry)}</a></p>
<p><small>Error code: ${SERVICE_UNAVAILABLE}</small></p>
</main>
</body>
</html>`;
  return new NextResponse(html, {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Retry-After': String(RETRY_AFTER_SECONDS),
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Tessera-Error': SERVICE_UNAVAILABLE,
    },
  });
}
