import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import compile from 'icu-minify/compile';
import path from 'node:path';
import { CATALOG_PARTS, loadCatalogPart, loadMessages } from './catalog';
import { SUPPORTED_LOCALES, type Locale } from '@/lib/config/locales';

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

// Words that are spelled as in English in a language and are the right translation there (German
// and French say "Code", Italian "Email" and "Password", German and Italian "Passkey"; French, German,
// Spanish and Portuguese say "Webhooks", German and Portuguese "Status", French and German "Test", German "Name"):
// any other string equal to en's is untranslated.
const SAME_AS_ENGLISH: Partial<Record<Locale, ReadonlySet<string>>> = {
  fr: new Set(['Code', 'Webhooks', 'Test']),
  de: new Set(['Code', 'Apps', 'Passkey', 'Passkeys', 'Webhooks', 'Status', 'Test', 'Name']),
  es: new Set(['Error', 'Roles', 'Webhooks']),
  'pt-BR': new Set(['Webhooks', 'Status']),
  it: new Set(['Email', 'Password', 'Account', 'Passkey']),
};

describe('message catalogs', async () => {
  const reference = flatten(await loadMessages('en'));

  it('have one file per part for every supported locale, and no other file', () => {
    const expected = CATALOG_PARTS.map((part) => `${part}.json`).sort();
    for (const locale of SUPPORTED_LOCALES) {
      expect(readdirSync(path.join(process.cwd(), 'messages', locale)).sort(), locale).toEqual(expected);
    }
  });

  it('never define a namespace in two parts', async () => {
    const seen = new Map<string, string>();
    for (const part of CATALOG_PARTS) {
      for (const namespace of Object.keys(await loadCatalogPart('en', part))) {
        expect(seen.get(namespace), `${namespace} is in ${part} and ${seen.get(namespace)}`).toBeUndefined();
        seen.set(namespace, part);
      }
    }
  });

  for (const locale of SUPPORTED_LOCALES) {
    describe(locale, async () => {
      const messages = flatten(await loadMessages(locale));

      it('has exactly the keys of en.json', () => {
        expect([...messages.keys()].sort()).toEqual([...reference.keys()].sort());
      });

      // The build precompiles every catalog with icu-minify (next.config.ts); a message it cannot
      // parse fails `next build`. Bug guarded: "a JSON object ({ … })" broke the build.
      it('compiles as ICU MessageFormat, as the build does', () => {
        for (const [key, message] of messages) expect(() => compile(message), key).not.toThrow();
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
            if (SAME_IN_EVERY_LOCALE.has(key) || SAME_AS_ENGLISH[locale]?.has(message)) continue;
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
