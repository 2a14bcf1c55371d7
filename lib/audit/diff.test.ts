import { describe, expect, it } from 'vitest';
import { diffAuditStates } from './diff';

describe('diffAuditStates', () => {
  it('lines up both states by key and marks only the keys whose values differ', () => {
    const rows = diffAuditStates({ name: 'a', note: 'old', locales: [{ locale: 'en', value: 'x' }] }, { note: 'new', name: 'a', locales: [{ value: 'x', locale: 'en' }], isActive: true });
    expect(rows).toEqual([
      { key: 'isActive', before: undefined, after: true, changed: true },
      { key: 'locales', before: [{ locale: 'en', value: 'x' }], after: [{ value: 'x', locale: 'en' }], changed: false },
      { key: 'name', before: 'a', after: 'a', changed: false },
      { key: 'note', before: 'old', after: 'new', changed: true },
    ]);
  });

  it('marks every key of a creation (no before) and of a deletion (no after) as changed', () => {
    expect(diffAuditStates(null, { name: 'a' })).toEqual([{ key: 'name', before: undefined, after: 'a', changed: true }]);
    expect(diffAuditStates({ name: 'a' }, null)).toEqual([{ key: 'name', before: 'a', after: undefined, changed: true }]);
  });

  it('compares states that are not objects whole', () => {
    expect(diffAuditStates(['a'], ['a', 'b'])).toEqual([{ key: null, before: ['a'], after: ['a', 'b'], changed: true }]);
    expect(diffAuditStates(null, null)).toEqual([]);
  });
});
