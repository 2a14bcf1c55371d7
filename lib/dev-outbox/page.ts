import { escapeHtml as e } from '@/lib/ui/safe-values';
import type { OutboxMessage } from './index';

/**
 * Safety of the outbox page. It uses inline style ATTRIBUTES only (no <style>, no script), so it
 * works under the nonce-based CSP that proxy.ts puts on every page; on the real server proxy.ts's
 * security headers replace the ones below (checked with Chromium), which only apply where the
 * proxy does not run. Either policy allows no script at all on this page.
 *
 * Each email's HTML is shown in <iframe sandbox srcdoc="…">: the attribute value is escaped, so the
 * email cannot break out of it; the empty sandbox gives the document an opaque origin with no
 * scripts, forms, popups or top navigation; and an about:srcdoc document inherits the page's CSP,
 * so it can load images and nothing else.
 */
export const OUTBOX_PAGE_CSP = [
  "default-src 'none'",
  "img-src 'self' https: data:",
  "style-src-attr 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CARD = 'border:1px solid #d4d4d8;border-radius:8px;padding:16px;margin:0 0 16px;background:#fff;';
const META = 'margin:0 0 8px;font-size:13px;color:#52525b;';
const PRE = 'white-space:pre-wrap;word-break:break-word;margin:8px 0 0;padding:12px;background:#f4f4f5;border-radius:6px;font-size:13px;';

function messageCard(message: OutboxMessage): string {
  const badge = `<span style="display:inline-block;padding:2px 8px;border-radius:999px;background:${message.channel === 'sms' ? '#dbeafe' : '#dcfce7'};font-size:12px;font-weight:600;">${message.channel}</span>`;
  const when = message.createdAt.toISOString();
  const head =
    `<p style="${META}">${badge} to <strong>${e(message.to)}</strong> · <time datetime="${e(when)}">${e(when)}</time></p>` +
    (message.subject ? `<h2 style="margin:0 0 8px;font-size:16px;">${e(message.subject)}</h2>` : '');
  if (message.channel === 'sms' || !message.html) {
    return `<article style="${CARD}">${head}<pre style="${PRE}">${e(message.text)}</pre></article>`;
  }
  return (
    `<article style="${CARD}">${head}` +
    `<iframe sandbox="" srcdoc="${e(message.html)}" title="${e(message.subject || 'Email')}" loading="lazy" referrerpolicy="no-referrer" ` +
    `style="width:100%;height:600px;border:1px solid #e4e4e7;border-radius:6px;background:#fff;"></iframe>` +
    `<details style="margin:8px 0 0;"><summary style="cursor:pointer;font-size:13px;">Plain text</summary><pre style="${PRE}">${e(message.text)}</pre></details>` +
    `</article>`
  );
}

export function renderOutboxPage(messages: OutboxMessage[]): string {
  const list = messages.length
    ? messages.map(messageCard).join('\n')
    : '<p style="color:#52525b;">No messages yet. Emails and SMS sent while DEV_OUTBOX is on show up here.</p>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Dev outbox</title>
</head>
<body style="margin:0;background:#fafafa;color:#18181b;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;">
<main style="max-width:860px;margin:0 auto;padding:24px 16px;">
<h1 style="margin:0 0 4px;font-size:22px;">Dev outbox</h1>
<p style="${META}">${messages.length} message${messages.length === 1 ? '' : 's'}, newest first. Captured instead of sent because DEV_OUTBOX is on. JSON: <a href="/dev/outbox.json">/dev/outbox.json</a> (DELETE clears it).</p>
${list}
</main>
</body>
</html>
`;
}
