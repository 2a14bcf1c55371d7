// Validation patterns of user attributes run on the server against values users type in, so a
// pattern must compile and must not be an obvious catastrophic-backtracking (ReDoS) shape. The
// check is deliberately simple: a length cap, no backreferences, and no quantified group that
// itself contains a quantifier ((a+)+, (\w+\s?)*, ((ab)*){2,} …). Values are short (see
// ATTRIBUTE_VALUE_MAX_LENGTH), which bounds the polynomial cases this does not catch.

export const VALIDATION_REGEX_MAX_LENGTH = 200;

interface Quantifier {
  /** Can match its operand more than once. */
  repeats: boolean;
  /** Repeats a variable number of times (*, +, {n,}, {n,m} with m > n): the source of ambiguity. */
  variable: boolean;
  length: number;
}

/** The quantifier starting at `at` (with its lazy `?`), or undefined. */
function readQuantifier(pattern: string, at: number): Quantifier | undefined {
  const char = pattern[at];
  let quantifier: Quantifier | undefined;
  if (char === '*' || char === '+') quantifier = { repeats: true, variable: true, length: 1 };
  else if (char === '?') quantifier = { repeats: false, variable: false, length: 1 };
  else if (char === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
    if (!match) return undefined;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
    quantifier = { repeats: max > 1, variable: max > 1 && max > min, length: match[0].length };
  }
  if (quantifier && pattern[at + quantifier.length] === '?') quantifier.length += 1;
  return quantifier;
}

/** Length of a group's prefix after "(": ?: ?= ?! ?<= ?<! ?<name> */
function groupPrefixLength(pattern: string, at: number): number {
  if (pattern[at] !== '?') return 0;
  const next = pattern[at + 1];
  if (next === ':' || next === '=' || next === '!') return 2;
  if (next === '<') {
    if (pattern[at + 2] === '=' || pattern[at + 2] === '!') return 3;
    const end = pattern.indexOf('>', at);
    return end === -1 ? 1 : end - at + 1;
  }
  return 1;
}

/** True when a repeated group contains a quantifier that repeats a variable number of times. */
export function hasNestedQuantifier(pattern: string): boolean {
  const stack: { quantified: boolean }[] = [{ quantified: false }];
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i]!;
    if (char === '\\') {
      i += 2;
      continue;
    }
    if (char === '[') {
      // A character class: quantifier characters inside are literals.
      i += 1;
      if (pattern[i] === '^') i += 1;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i += 1;
      continue;
    }
    if (char === '(') {
      stack.push({ quantified: false });
      i += 1 + groupPrefixLength(pattern, i + 1);
      continue;
    }
    if (char === ')') {
      const inner = stack.length > 1 ? stack.pop()! : { quantified: false };
      const quantifier = readQuantifier(pattern, i + 1);
      if (inner.quantified && quantifier?.repeats) return true;
      stack[stack.length - 1]!.quantified ||= inner.quantified || Boolean(quantifier?.variable);
      i += 1 + (quantifier?.length ?? 0);
      continue;
    }
    const quantifier = readQuantifier(pattern, i);
    if (quantifier) {
      stack[stack.length - 1]!.quantified ||= quantifier.variable;
      i += quantifier.length;
      continue;
    }
    i += 1;
  }
  return false;
}

/** Why `pattern` cannot be a validation regex, or undefined when it can ("" = no validation). */
export function validationRegexProblem(pattern: string): string | undefined {
  if (pattern === '') return undefined;
  if (pattern.length > VALIDATION_REGEX_MAX_LENGTH) return `At most ${VALIDATION_REGEX_MAX_LENGTH} characters`;
  try {
    new RegExp(pattern);
  } catch (error) {
    return `Not a valid regular expression: ${(error as Error).message}`;
  }
  if (/\\(?:[1-9]|k<)/.test(pattern.replace(/\\\\/g, ''))) return 'Backreferences are not allowed';
  if (hasNestedQuantifier(pattern)) return 'Nested quantifiers such as (a+)+ can take exponential time: rewrite the pattern';
  return undefined;
}

/** Whether `value` matches (JavaScript RegExp semantics, no flags: anchor with ^…$ for whole values). */
export function matchesValidationRegex(pattern: string, value: string): boolean {
  if (!pattern) return true;
  return new RegExp(pattern).test(value);
}
