import { describe, expect, it } from 'vitest';
import { isStrongPassword, passwordPolicyIssues } from './password-policy';

describe('self-service password rule (Melody: IsStrongPassword defaults)', () => {
  it('accepts 8+ characters with lower, upper, digit and symbol', () => {
    expect(isStrongPassword('Aa1!aaaa')).toBe(true);
    expect(isStrongPassword('Correct Horse 9')).toBe(true); // a space is a symbol
    expect(isStrongPassword('Ünïcødé-1')).toBe(true); // Unicode letters count
  });

  it('names every broken rule, in a stable order', () => {
    expect(passwordPolicyIssues('')).toEqual(['length', 'lowercase', 'uppercase', 'digit', 'symbol']);
    expect(passwordPolicyIssues('Aa1!aaa')).toEqual(['length']);
    expect(passwordPolicyIssues('AA1!AAAA')).toEqual(['lowercase']);
    expect(passwordPolicyIssues('aa1!aaaa')).toEqual(['uppercase']);
    expect(passwordPolicyIssues('Aa!!aaaa')).toEqual(['digit']);
    expect(passwordPolicyIssues('Aa1aaaaa')).toEqual(['symbol']);
  });

  it('counts characters, not UTF-16 units, and caps the length at 256', () => {
    expect(passwordPolicyIssues('Aa1!😀😀😀')).toEqual(['length']);
    expect(passwordPolicyIssues(`Aa1!${'a'.repeat(252)}`)).toEqual([]);
    expect(passwordPolicyIssues(`Aa1!${'a'.repeat(253)}`)).toEqual(['length']);
  });
});
