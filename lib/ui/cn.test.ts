import { describe, expect, it } from 'vitest';
import { cn } from './cn';

describe('cn', () => {
  it('joins strings and skips falsy values', () => {
    expect(cn('a', undefined, null, false, '', 'b')).toBe('a b');
  });
  it('flattens arrays and applies condition maps', () => {
    expect(cn(['a', ['b', false && 'c']], { d: true, e: false, f: 1 })).toBe('a b d f');
  });
  it('returns an empty string for nothing', () => {
    expect(cn()).toBe('');
  });
});
