/**
 * Reads a file of users for the import service (the dashboard's dialog before POST
 * /api/v1/users/import, and `npm run cli -- import`): NDJSON (what the exports write, so an export
 * can be imported elsewhere), a JSON array, or CSV with a header line (email, password,
 * passwordHash, firstName, lastName, locale, emailVerified, roles separated by ";"), its cells
 * separated by "," or ";". Pure, so the browser checks every line before anything is sent.
 */
import { CsvError, parse } from 'csv-parse/browser/esm/sync';
import { IMPORT_MAX_ROWS, importUserRow } from './schemas';
import type { z } from 'zod';

export type ImportRow = z.output<typeof importUserRow>;

/** A line that cannot be imported: its 1-based line number (CSV: counting the header) and why. */
export interface ImportFileIssue {
  line: number;
  reason: 'invalid_json' | 'invalid_row' | 'invalid_csv';
}

export type ParsedImportFile =
  | { ok: true; rows: ImportRow[] }
  | { ok: false; error: 'empty' | 'too_many_rows'; issues?: undefined }
  | { ok: false; error: 'invalid_lines'; issues: ImportFileIssue[] };

const CSV_COLUMNS = ['email', 'password', 'passwordHash', 'firstName', 'lastName', 'locale', 'emailVerified', 'roles'] as const;

// An export line carries more than a row (authId, timestamps …) and nulls for absent values:
// keep the row's fields, drop nulls the row schema does not allow.
function toRow(value: unknown): ImportRow | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([key, field]) => !(field === null && (key === 'password' || key === 'passwordHash' || key === 'locale' || key === 'emailVerified' || key === 'roles')),
  );
  const parsed = importUserRow.safeParse(Object.fromEntries(entries));
  return parsed.success ? parsed.data : null;
}

/** The delimiter of a CSV file: ";" when its header line has more of them than ",". */
function csvDelimiter(body: string): ';' | ',' {
  const header = body.split(/\r?\n/, 1)[0]!;
  return header.split(';').length > header.split(',').length ? ';' : ',';
}

const newlines = (cells: string[]) => cells.reduce((count, cell) => count + (cell.match(/\n/g)?.length ?? 0), 0);

// CSV through csv-parse (RFC 4180: quoted cells may hold the delimiter, "" and line breaks), its
// browser build so the dashboard's dialog and the CLI read a file the same way.
function parseCsv(body: string): ParsedImportFile {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, { delimiter: csvDelimiter(body), info: true, record_delimiter: ['\r\n', '\n'], relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, error: 'invalid_lines', issues: [{ line: Number(error.lines), reason: 'invalid_csv' }] };
    throw error;
  }
  const [header, ...data] = records;
  const columns = header?.record.map((name) => CSV_COLUMNS.find((known) => known.toLowerCase() === name.toLowerCase()) ?? null);
  if (!columns?.includes('email')) return { ok: false, error: 'invalid_lines', issues: [{ line: 1, reason: 'invalid_csv' }] };
  const rows: ImportRow[] = [];
  const issues: ImportFileIssue[] = [];
  for (const { record: cells, info } of data) {
    // the line the record starts on (a quoted cell may span several)
    const line = info.lines - newlines(cells);
    if (cells.length > columns.length) {
      issues.push({ line, reason: 'invalid_csv' });
      continue;
    }
    const raw: Record<string, unknown> = {};
    cells.forEach((cell, column) => {
      const name = columns[column];
      if (!name || cell === '') return;
      if (name === 'emailVerified') raw[name] = /^(true|1|yes)$/i.test(cell);
      else if (name === 'roles') raw[name] = cell.split(';').map((role) => role.trim()).filter(Boolean);
      else raw[name] = cell;
    });
    const row = toRow(raw);
    if (row) rows.push(row);
    else issues.push({ line, reason: 'invalid_row' });
  }
  return finish(rows, issues);
}

function finish(rows: ImportRow[], issues: ImportFileIssue[]): ParsedImportFile {
  if (issues.length) return { ok: false, error: 'invalid_lines', issues };
  if (!rows.length) return { ok: false, error: 'empty' };
  if (rows.length > IMPORT_MAX_ROWS) return { ok: false, error: 'too_many_rows' };
  return { ok: true, rows };
}

export function parseImportFile(text: string): ParsedImportFile {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (!body) return { ok: false, error: 'empty' };
  if (body.startsWith('[')) {
    let values: unknown;
    try {
      values = JSON.parse(body);
    } catch {
      return { ok: false, error: 'invalid_lines', issues: [{ line: 1, reason: 'invalid_json' }] };
    }
    const list = Array.isArray(values) ? values : [];
    const rows: ImportRow[] = [];
    const issues: ImportFileIssue[] = [];
    list.forEach((value, index) => {
      const row = toRow(value);
      if (row) rows.push(row);
      else issues.push({ line: index + 1, reason: 'invalid_row' });
    });
    return finish(rows, issues);
  }
  if (!body.startsWith('{')) return parseCsv(body);
  const lines = body.split(/\r?\n/);
  const rows: ImportRow[] = [];
  const issues: ImportFileIssue[] = [];
  lines.forEach((text, index) => {
    if (!text.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      issues.push({ line: index + 1, reason: 'invalid_json' });
      return;
    }
    const row = toRow(value);
    if (row) rows.push(row);
    else issues.push({ line: index + 1, reason: 'invalid_row' });
  });
  return finish(rows, issues);
}

/**
 * The most JSON bytes the dashboard sends in one import request: below Vercel's 4.5 MB request
 * cap (and the server's own 16 MiB cap on /api/v1/users/import, lib/http/body-limits.mjs).
 */
export const IMPORT_CHUNK_BYTES = 4 * 1024 * 1024;

export interface ImportChunk {
  /** Position of the chunk's first row in the file's rows (the server numbers rows per request). */
  offset: number;
  rows: ImportRow[];
}

/** Splits rows into consecutive requests of at most `maxBytes` of JSON each (a larger row goes alone). */
export function chunkImportRows(rows: readonly ImportRow[], maxBytes = IMPORT_CHUNK_BYTES): ImportChunk[] {
  const encoder = new TextEncoder();
  const envelope = encoder.encode('{"users":[]}').byteLength;
  const chunks: ImportChunk[] = [];
  let current: ImportChunk = { offset: 0, rows: [] };
  let size = envelope;
  rows.forEach((row, index) => {
    const rowBytes = encoder.encode(JSON.stringify(row)).byteLength + 1; // its comma
    if (current.rows.length && size + rowBytes > maxBytes) {
      chunks.push(current);
      current = { offset: index, rows: [] };
      size = envelope;
    }
    current.rows.push(row);
    size += rowBytes;
  });
  if (current.rows.length) chunks.push(current);
  return chunks;
}
