import { describe, expect, it } from 'vitest';
import { metadataPatch, parseMetadataObject } from './metadata-edit';

describe('parseMetadataObject', () => {
  it('accepts a JSON object (empty text is an empty object)', () => {
    expect(parseMetadataObject('{"plan":"pro","seats":3}')).toEqual({ ok: true, value: { plan: 'pro', seats: 3 } });
    expect(parseMetadataObject('  ')).toEqual({ ok: true, value: {} });
  });

  it('refuses what the API could not store as metadata', () => {
    expect(parseMetadataObject('{plan:')).toEqual({ ok: false, error: 'invalid_json' });
    expect(parseMetadataObject('[1,2]')).toEqual({ ok: false, error: 'not_object' });
    expect(parseMetadataObject('"text"')).toEqual({ ok: false, error: 'not_object' });
    expect(parseMetadataObject('null')).toEqual({ ok: false, error: 'not_object' });
    expect(parseMetadataObject('{"":1}')).toEqual({ ok: false, error: 'empty_key' });
  });
});

describe('metadataPatch', () => {
  it('sends changed and new keys, and null for removed keys (the API merges shallowly)', () => {
    const current = { plan: 'free', seats: 1, tags: ['a'], gone: true };
    const next = { plan: 'pro', seats: 1, tags: ['a', 'b'], added: { nested: 1 } };
    expect(metadataPatch(current, next)).toEqual({ gone: null, plan: 'pro', tags: ['a', 'b'], added: { nested: 1 } });
  });

  it('is empty when nothing changed', () => {
    expect(metadataPatch({ a: { b: [1] } }, { a: { b: [1] } })).toEqual({});
  });
});
