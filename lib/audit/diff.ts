/** One row of an audit event's before / after comparison. */
export interface AuditDiffRow {
  /** A top-level key of the recorded state, or null when a side is not an object (shown whole). */
  key: string | null;
  before: unknown;
  after: unknown;
  changed: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON text with sorted object keys, so the same value recorded in another key order compares equal. */
function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_, inner: unknown) =>
    isRecord(inner) ? Object.fromEntries(Object.keys(inner).sort().map((key) => [key, inner[key]])) : inner,
  );
}

/**
 * Lines up an audit event's before and after states key by key (the union of both objects' top-level
 * keys, sorted) and marks the keys whose values differ. Creations have no before, deletions no
 * after: every key is then changed. Non-object states are compared whole, in one row.
 */
export function diffAuditStates(before: unknown, after: unknown): AuditDiffRow[] {
  const beforeValue = before ?? undefined;
  const afterValue = after ?? undefined;
  if ((beforeValue === undefined || isRecord(beforeValue)) && (afterValue === undefined || isRecord(afterValue))) {
    const left = beforeValue ?? {};
    const right = afterValue ?? {};
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
    return keys.map((key) => ({ key, before: left[key], after: right[key], changed: canonical(left[key]) !== canonical(right[key]) }));
  }
  return [{ key: null, before: beforeValue, after: afterValue, changed: canonical(beforeValue) !== canonical(afterValue) }];
}
