import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact';

describe('redactSecrets', () => {
  it('replaces 6-digit codes but not longer numbers', () => {
    expect(redactSecrets('Your code is 123456.')).toBe('Your code is ******.');
    expect(redactSecrets('Order 1234567 and 12345')).toBe('Order 1234567 and 12345');
  });

  it('keeps the origin and path of links, never their tokens', () => {
    const text = 'Open https://auth.example.test/identity/v1/view/process?code=abcDEF&locale=en&otp=654321#frag now.';
    const out = redactSecrets(text);
    expect(out).toBe(`Open https://auth.example.test/identity/v1/view/process?code=${REDACTED}&locale=${REDACTED}&otp=${REDACTED}#${REDACTED} now.`);
    expect(redactSecrets('https://a.example.test/invite/Zx8pQ2rT5vW9yB3nM6kL')).toBe(`https://a.example.test/invite/${REDACTED}`);
  });

  it('replaces known secrets wherever they occur', () => {
    expect(redactSecrets('code: AB12-CD34, again AB12-CD34', ['AB12-CD34'])).toBe(`code: ${REDACTED}, again ${REDACTED}`);
    const link = 'https://a.example.test/v?t=1';
    expect(redactSecrets(`go ${link}`, [link])).toBe(`go https://a.example.test/v?t=${REDACTED}`);
  });
});
