import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';
import { SUPPORTED_LOCALES, type Locale } from './locales';

const catalogs: Record<Locale, unknown> = { en, 'zh-CN': zhCN };

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') {
    out.set(prefix, value);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  }
  return out;
}

/** ICU argument names used in a message: {appName}, {code}, {count, plural, ...}. */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\s*([A-Za-z0-9_]+)\s*[,}]/g)].map((m) => m[1] ?? '').sort();
}

// Strings that are the same in every language on purpose.
const SAME_IN_EVERY_LOCALE = new Set(['common.appName']);

describe('message catalogs', () => {
  const reference = flatten(en);

  it('exist for every supported locale', () => {
    for (const locale of SUPPORTED_LOCALES) expect(catalogs[locale]).toBeTruthy();
  });

  for (const locale of SUPPORTED_LOCALES) {
    describe(locale, () => {
      const messages = flatten(catalogs[locale]);

      it('has exactly the keys of en.json', () => {
        expect([...messages.keys()].sort()).toEqual([...reference.keys()].sort());
      });

      it('uses the same placeholders as en.json and no empty strings', () => {
        for (const [key, message] of messages) {
          expect(message.trim(), key).not.toBe('');
          expect(placeholders(message), key).toEqual(placeholders(reference.get(key) ?? ''));
        }
      });

      if (locale !== 'en') {
        it('is translated, not an English copy', () => {
          for (const [key, message] of messages) {
            if (SAME_IN_EVERY_LOCALE.has(key)) continue;
            expect(message, key).not.toBe(reference.get(key));
          }
        });
      }
    });
  }

  it('has a message for every stable error code', () => {
    const codes = [
      'invalid_request',
      'invalid_client',
      'invalid_redirect_uri',
      'unsupported_response_type',
      'invalid_scope',
      'request_expired',
      'request_not_found',
      'server_error',
    ];
    for (const code of codes) expect(reference.has(`errors.codes.${code}`), code).toBe(true);
  });
});
