import { escapeHtml } from '@/lib/ui/safe-values';
import type { ResolvedEmailBranding } from './branding';

/** What a template says, independent of the format (HTML part and plain-text part). */
export type EmailBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'code'; code: string }
  | { kind: 'button'; label: string; href: string }
  /** A link written out in full (fallback under a button, or a link without a button). */
  | { kind: 'link'; intro: string; href: string }
  | { kind: 'note'; text: string };

export interface EmailLayout {
  locale: string;
  subject: string;
  blocks: EmailBlock[];
  footer: string;
  branding: ResolvedEmailBranding;
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,'PingFang SC','Microsoft YaHei',sans-serif";
const MONO = "ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace";

/**
 * The HTML part: table layout with inline styles only (what mail clients support), no <style>,
 * no script, no external CSS. Every text and URL goes through escapeHtml; colors and URLs were
 * validated by resolveEmailBranding / the templates before they get here.
 */
export function renderHtml({ locale, subject, blocks, footer, branding }: EmailLayout): string {
  const e = escapeHtml;
  const text = `font-family:${FONT};color:${branding.textColor};`;
  const body = blocks
    .map((block) => {
      switch (block.kind) {
        case 'heading':
          return `<h1 style="${text}margin:0 0 16px;font-size:22px;line-height:1.3;font-weight:600;">${e(block.text)}</h1>`;
        case 'paragraph':
          return `<p style="${text}margin:0 0 16px;font-size:15px;line-height:1.6;">${e(block.text)}</p>`;
        case 'code':
          return (
            `<p style="margin:8px 0 24px;"><span style="display:inline-block;padding:12px 20px;border-radius:8px;` +
            `background:#f4f4f5;color:#18181b;font-family:${MONO};font-size:28px;font-weight:700;letter-spacing:6px;">` +
            `${e(block.code)}</span></p>`
          );
        case 'button':
          return (
            `<p style="margin:8px 0 24px;"><a href="${e(block.href)}" target="_blank" rel="noopener noreferrer" ` +
            `style="display:inline-block;padding:12px 24px;border-radius:8px;background:${branding.primaryColor};` +
            `color:${branding.primaryTextColor};font-family:${FONT};font-size:15px;font-weight:600;text-decoration:none;">` +
            `${e(block.label)}</a></p>`
          );
        case 'link':
          return (
            `<p style="${text}margin:0 0 16px;font-size:13px;line-height:1.6;">${e(block.intro)}<br>` +
            `<a href="${e(block.href)}" target="_blank" rel="noopener noreferrer" style="color:${branding.textColor};word-break:break-all;">` +
            `${e(block.href)}</a></p>`
          );
        case 'note':
          return `<p style="${text}margin:0 0 16px;font-size:13px;line-height:1.6;opacity:0.75;">${e(block.text)}</p>`;
      }
    })
    .join('\n');
  const header = branding.logoUrl
    ? `<img src="${e(branding.logoUrl)}" alt="${e(branding.senderName)}" height="40" style="display:block;height:40px;width:auto;max-width:200px;margin:0 0 24px;border:0;">`
    : `<p style="${text}margin:0 0 24px;font-size:16px;font-weight:600;">${e(branding.senderName)}</p>`;
  return `<!DOCTYPE html>
<html lang="${e(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${e(subject)}</title>
</head>
<body style="margin:0;padding:0;background:${branding.backgroundColor};">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${branding.backgroundColor};">
<tr><td align="center" style="padding:32px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:520px;background:#ffffff;border-radius:12px;">
<tr><td style="padding:32px;">
${header}
${body}
</td></tr>
</table>
<p style="${text}margin:16px 0 0;font-size:12px;line-height:1.5;opacity:0.7;">${e(footer)}</p>
</td></tr>
</table>
</body>
</html>
`;
}

/** The plain-text part: same content, no markup. */
export function renderText({ blocks, footer, branding }: EmailLayout): string {
  const parts = blocks.map((block) => {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
      case 'note':
        return block.text;
      case 'code':
        return `    ${block.code}`;
      case 'button':
        return `${block.label}: ${block.href}`;
      case 'link':
        return `${block.intro}\n${block.href}`;
    }
  });
  return `${branding.senderName}\n\n${parts.join('\n\n')}\n\n-- \n${footer}\n`;
}
