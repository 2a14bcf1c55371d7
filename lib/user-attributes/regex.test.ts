import { describe, expect, it } from 'vitest';
import { matchesValidationRegex, validationRegexProblem } from './regex';
import { VALIDATION_REGEX_MAX_LENGTH } from './schemas';

describe('validation regex (RE2 semantics)', () => {
  it('accepts ordinary patterns, nested quantifiers (linear time on RE2) and the empty pattern', () => {
    for (const pattern of ['', '^\\d{3}-\\d{4}$', '^[a-z]+$', '^(a|b)+$', '^[A-Z]{2}[0-9]{2}(?: ?[0-9]{4}){4}$', '^(?<code>[A-Z]{3})$', '^[(+*)]+$', '(a+)+$', '^(\\w+\\s?)*$']) {
      expect(validationRegexProblem(pattern), pattern).toBeUndefined();
    }
  });

  it('refuses what RE2 cannot run, patterns that do not compile and overlong patterns', () => {
    for (const pattern of ['^(abc$', '[z-a]', '^(a)\\1$', '^(?=a)a', '^(?!a)b', '(?<=a)b', '(?<!a)b']) {
      expect(validationRegexProblem(pattern), pattern).toMatch(/RE2/);
    }
    expect(validationRegexProblem('^\\\\1$')).toBeUndefined();
    expect(validationRegexProblem(`^${'a'.repeat(VALIDATION_REGEX_MAX_LENGTH)}$`)).toMatch(/At most/);
  });

  it('matches unanchored unless the pattern anchors; a stored pattern RE2 cannot run matches nothing', () => {
    expect(matchesValidationRegex('', 'anything')).toBe(true);
    expect(matchesValidationRegex('\\d', 'a1b')).toBe(true);
    expect(matchesValidationRegex('^\\d+$', 'a1b')).toBe(false);
    expect(matchesValidationRegex('^(a)\\1$', 'aa')).toBe(false);
  });
});
