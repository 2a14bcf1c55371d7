import { describe, expect, it } from 'vitest';
import { chunkImportRows, IMPORT_CHUNK_BYTES, parseImportFile } from './import-file';
import { IMPORT_MAX_ROWS } from './schemas';

describe('parseImportFile', () => {
  it('reads an export line (NDJSON) as an import row, without the export-only fields and nulls', () => {
    const line = JSON.stringify({
      authId: '0b3f5a5e-8d8e-4a55-9f1e-7c8b1c2d3e4f',
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: null,
      locale: 'en',
      emailVerified: true,
      roles: ['reader'],
      metadata: {},
      passwordHash: null,
      isActive: true,
    });
    expect(parseImportFile(`${line}\n\n{"email":"bob@example.com","password":"Secret-123"}\n`)).toEqual({
      ok: true,
      rows: [
        { email: 'ada@example.com', firstName: 'Ada', lastName: null, locale: 'en', emailVerified: true, roles: ['reader'] },
        { email: 'bob@example.com', password: 'Secret-123' },
      ],
    });
  });

  it('reads a JSON array', () => {
    expect(parseImportFile('[{"email":"a@example.com"},{"email":"b@example.com","emailVerified":false}]')).toEqual({
      ok: true,
      rows: [{ email: 'a@example.com' }, { email: 'b@example.com', emailVerified: false }],
    });
  });

  it('reads CSV with a header in any order and case, quoted cells and ;-separated roles', () => {
    const csv = '\uFEFFEmail,firstname,roles,emailVerified,password\r\n"lee@example.com","Lee, Jr.","a; b",yes,Pw-12345678\nmo@example.com,"Mo ""M""",,false,\n';
    expect(parseImportFile(csv)).toEqual({
      ok: true,
      rows: [
        { email: 'lee@example.com', firstName: 'Lee, Jr.', roles: ['a', 'b'], emailVerified: true, password: 'Pw-12345678' },
        { email: 'mo@example.com', firstName: 'Mo "M"', emailVerified: false },
      ],
    });
  });

  it('names every bad line instead of sending a request the API would refuse whole', () => {
    expect(parseImportFile('{"email":"a@example.com"}\n{oops\n{"email":42}\n')).toEqual({
      ok: false,
      error: 'invalid_lines',
      issues: [
        { line: 2, reason: 'invalid_json' },
        { line: 3, reason: 'invalid_row' },
      ],
    });
    expect(parseImportFile('name,locale\nx,en')).toEqual({ ok: false, error: 'invalid_lines', issues: [{ line: 1, reason: 'invalid_csv' }] });
    expect(parseImportFile('email\n"open')).toEqual({ ok: false, error: 'invalid_lines', issues: [{ line: 2, reason: 'invalid_csv' }] });
  });

  it('refuses an empty file and more rows than the API takes', () => {
    expect(parseImportFile(' \n')).toEqual({ ok: false, error: 'empty' });
    expect(parseImportFile('email\n')).toEqual({ ok: false, error: 'empty' });
    const many = ['email', ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, index) => `u${index}@example.com`)].join('\n');
    expect(parseImportFile(many)).toEqual({ ok: false, error: 'too_many_rows' });
  });
});

describe('CSV through csv-parse', () => {
  it('reads ";"-separated cells, quotes holding the delimiter and a line break, and names the line a record starts on', () => {
    const csv = 'email;firstName;lastName;roles\n"ann@example.com";"Ann; the first";"Multi\nLine";"a;b"\n\nbob@example.com;Bob;;\n';
    expect(parseImportFile(csv)).toEqual({
      ok: true,
      rows: [
        { email: 'ann@example.com', firstName: 'Ann; the first', lastName: 'Multi\nLine', roles: ['a', 'b'] },
        { email: 'bob@example.com', firstName: 'Bob' },
      ],
    });
    expect(parseImportFile('email;firstName\n"a@example.com";"two\nlines"\n{;x;y\n')).toEqual({ ok: false, error: 'invalid_lines', issues: [{ line: 4, reason: 'invalid_csv' }] });
  });
});

describe('issue 12 item 9: the dashboard imports in requests of at most 4 MiB', () => {
  it('issue 12 item 9: chunkImportRows keeps every row once, in order, each chunk within the byte cap, with its offset', () => {
    const rows = Array.from({ length: 1_000 }, (_, index) => ({ email: `user${index}@example.com`, firstName: 'x'.repeat(200) }));
    const chunks = chunkImportRows(rows, 20_000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(new TextEncoder().encode(JSON.stringify({ users: chunk.rows })).byteLength).toBeLessThanOrEqual(20_000);
    expect(chunks.flatMap((chunk) => chunk.rows)).toEqual(rows);
    expect(chunks.map((chunk) => chunk.offset)).toEqual(chunks.map((_, index) => chunks.slice(0, index).reduce((sum, chunk) => sum + chunk.rows.length, 0)));
    expect(chunkImportRows(rows.slice(0, 3))).toEqual([{ offset: 0, rows: rows.slice(0, 3) }]);
    expect(IMPORT_CHUNK_BYTES).toBeLessThan(4.5 * 1000 * 1000);
  });
});
