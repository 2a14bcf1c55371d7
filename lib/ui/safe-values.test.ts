import { describe, expect, it } from 'vitest';
import { safeCssColor, safeHttpUrl, withSearchParam } from './safe-values';

describe('safeCssColor', () => {
  it('accepts hex and functional colors', () => {
    for (const c of ['#fff', '#FFFA', '#4338ca', '#4338ca80', 'rgb(10, 20, 30)', 'rgb(10 20 30 / 50%)', 'hsl(220deg 50% 40%)', 'oklch(0.6 0.2 260)']) {
      expect(safeCssColor(c), c).toBe(c);
    }
    expect(safeCssColor('  #abc ')).toBe('#abc');
  });
  it('rejects anything that could carry more than a color', () => {
    for (const c of ['red', '#ggg', '#12345', 'var(--x)', 'url(https://x)', '#fff; background: url(x)', 'rgb(1,2,3);x:y', 'expression(alert(1))', '', null, undefined]) {
      expect(safeCssColor(c), String(c)).toBeUndefined();
    }
  });
});

describe('safeHttpUrl', () => {
  it('accepts http(s) URLs and same-origin paths', () => {
    expect(safeHttpUrl('https://example.com/logo.png')).toBe('https://example.com/logo.png');
    expect(safeHttpUrl('http://localhost:3000/terms')).toBe('http://localhost:3000/terms');
    expect(safeHttpUrl('/terms?x=1')).toBe('/terms?x=1');
  });
  it('rejects other schemes and protocol-relative tricks', () => {
    for (const u of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', '//evil.example', '/\\evil.example', 'java\tscript:x', 'ftp://x', 'relative/path', '', null]) {
      expect(safeHttpUrl(u), String(u)).toBeUndefined();
    }
  });
});

describe('withSearchParam', () => {
  it('sets or replaces one parameter and keeps the others', () => {
    expect(withSearchParam('/identity/v1/view/authorize?client_id=a&locale=en', 'locale', 'zh-CN')).toBe(
      '/identity/v1/view/authorize?client_id=a&locale=zh-CN',
    );
    expect(withSearchParam('/x', 'locale', 'en')).toBe('/x?locale=en');
  });
  it('never produces a cross-origin link', () => {
    expect(withSearchParam('//evil.example/path', 'locale', 'en')).toBe('/path?locale=en');
    expect(withSearchParam('https://evil.example/p', 'locale', 'en')).toBe('/?locale=en');
    expect(withSearchParam(null, 'locale', 'en')).toBe('/?locale=en');
  });
});
