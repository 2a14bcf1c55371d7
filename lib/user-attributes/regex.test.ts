import { describe, expect, it } from 'vitest';
import { hasNestedQuantifier, matchesValidationRegex, validationRegexProblem, VALIDATION_REGEX_MAX_LENGTH } from './regex';

describe('validation regex safety', () => {
  it('accepts ordinary patterns and the empty pattern', () => {
    for (const pattern of ['', '^\\d{3}-\\d{4}$', '^[a-z]+$', '^(a|b)+$', '^[A-Z]{2}[0-9]{2}(?: ?[0-9]{4}){4}$', '^([a-z]+)-\\d$', '^(?<code>[A-Z]{3})$', '^[(+*)]+$', '^\\(\\d+\\)+$', '^((ab){2})+$', '^(a?b)+$']) {
      expect(validationRegexProblem(pattern), pattern).toBeUndefined();
    }
  });

  it('rejects nested quantifiers, in every spelling', () => {
    for (const pattern of ['(a+)+', '^(a*)*$', '(\\w+\\s?)+$', '((ab)+)+', '(?:x+){2,}', '(a{1,5})*', '(a+){3}', '^(?<n>\\d+)+$', '(a+?)+', '([a-z]+)*']) {
      expect(hasNestedQuantifier(pattern), pattern).toBe(true);
      expect(validationRegexProblem(pattern), pattern).toMatch(/Nested quantifiers/);
    }
  });

  it('rejects patterns that do not compile, backreferences and overlong patterns', () => {
    expect(validationRegexProblem('^(abc$')).toMatch(/Not a valid regular expression/);
    expect(validationRegexProblem('[z-a]')).toMatch(/Not a valid regular expression/);
    expect(validationRegexProblem('^(a)\\1$')).toMatch(/Backreferences/);
    expect(validationRegexProblem('^\\\\1$')).toBeUndefined();
    expect(validationRegexProblem(`^${'a'.repeat(VALIDATION_REGEX_MAX_LENGTH)}$`)).toMatch(/At most/);
  });

  it('matches with JavaScript semantics, unanchored unless the pattern anchors', () => {
    expect(matchesValidationRegex('', 'anything')).toBe(true);
    expect(matchesValidationRegex('\\d', 'a1b')).toBe(true);
    expect(matchesValidationRegex('^\\d+$', 'a1b')).toBe(false);
  });
});
