// Validation patterns of user attributes run on the server against values users type in. They run
// on RE2 semantics (re2js, a pure-JavaScript port of RE2), whose matching time is linear in the
// value's length whatever the pattern, so no pattern — (a+)+$ included — can make a check take
// exponential time (issue 12 item 13). What RE2 cannot run (backreferences, lookarounds) is
// refused when the pattern is saved (`validation_regex_unsupported`).
import { RE2JS } from 're2js';
import { VALIDATION_REGEX_MAX_LENGTH } from './schemas';

/** Compiled patterns, by source (few attributes exist; bounded anyway). */
const compiled = new Map<string, RE2JS>();
const CACHE_LIMIT = 100;

function compile(pattern: string): RE2JS {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = RE2JS.compile(pattern);
    if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value!);
    compiled.set(pattern, regex);
  }
  return regex;
}

/** Why `pattern` cannot be a validation regex, or undefined when it can ("" = no validation). */
export function validationRegexProblem(pattern: string): string | undefined {
  if (pattern === '') return undefined;
  if (pattern.length > VALIDATION_REGEX_MAX_LENGTH) return `At most ${VALIDATION_REGEX_MAX_LENGTH} characters`;
  try {
    compile(pattern);
  } catch (error) {
    return `Not a pattern the linear-time (RE2) engine can run — no backreferences or lookarounds: ${(error as Error).message}`;
  }
  return undefined;
}

/**
 * Whether `value` matches (RE2 semantics, no flags: anchor with ^…$ for whole values). A stored
 * pattern RE2 cannot run (saved before patterns were checked) matches nothing: it never falls
 * back to a backtracking engine.
 */
export function matchesValidationRegex(pattern: string, value: string): boolean {
  if (!pattern) return true;
  try {
    return compile(pattern).matcher(value).find();
  } catch {
    return false;
  }
}
