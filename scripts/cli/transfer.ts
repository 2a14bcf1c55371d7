// `npm run cli -- export` and `import`: users as NDJSON (one export record per line, what
// GET /api/v1/users/export writes) or CSV (the import columns, through csv-stringify), read back by
// the import service's own parser (lib/users/import-file: NDJSON, a JSON array, or CSV with "," or
// ";" through csv-parse). Progress goes to stderr; stdout (or --output) carries the data.
import fs from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { CLI_CALLER } from '@/lib/access/principal';
import { db } from '@/lib/db';
import { parseImportFile, type ImportFileIssue } from '@/lib/users/import-file';
import { exportUsers, IMPORT_MAX_ROWS, importUsers, type ImportResult } from '@/lib/users/transfer';
import type { ProgressBar } from './progress';

export type TransferFormat = 'ndjson' | 'csv';

/** The CSV columns: the import row's fields (lib/users/import-file), authId first for the reader. */
const CSV_HEADER = ['authId', 'email', 'passwordHash', 'firstName', 'lastName', 'locale', 'emailVerified', 'roles'] as const;

/** ndjson or csv: given, else from the file name (.csv), else ndjson. */
export function transferFormat(given: string | undefined, file: string | undefined): TransferFormat {
  if (given === 'ndjson' || given === 'csv') return given;
  if (given !== undefined) throw new TransferError(`--format must be ndjson or csv, not "${given}"`);
  return file?.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson';
}

export class TransferError extends Error {}

async function write(out: Writable, text: string) {
  if (!out.write(text)) await once(out, 'drain');
}

/** Writes every user to `out`; returns how many. Hashes only with `passwordHashes` (the CLI is root). */
export async function exportToStream(out: Writable, options: { format: TransferFormat; passwordHashes: boolean; progress?: ProgressBar }): Promise<number> {
  const total = await db.user.count();
  let count = 0;
  options.progress?.update(0, total);
  if (options.format === 'csv') await write(out, stringify([[...CSV_HEADER]]));
  for await (const user of exportUsers(CLI_CALLER, { includePasswordHashes: options.passwordHashes })) {
    if (options.format === 'ndjson') await write(out, `${JSON.stringify(user)}\n`);
    else {
      const hash = 'passwordHash' in user ? user.passwordHash : null;
      await write(out, stringify([[user.authId, user.email ?? '', hash ?? '', user.firstName ?? '', user.lastName ?? '', user.locale ?? '', String(user.emailVerified), user.roles.join(';')]]));
    }
    count += 1;
    if (count % 100 === 0) options.progress?.update(count, Math.max(total, count));
  }
  options.progress?.update(count, Math.max(total, count));
  return count;
}

const ISSUE_TEXT: Record<ImportFileIssue['reason'], string> = {
  invalid_json: 'is not valid JSON',
  invalid_row: 'is not a valid user row',
  invalid_csv: 'is not valid CSV (an unclosed quote, more cells than the header, or no email column in the header)',
};

/** Why a file cannot be imported at all, in one line. */
function fileProblem(name: string, parsed: Exclude<ReturnType<typeof parseImportFile>, { ok: true }>): string {
  if (parsed.error === 'empty') return `${name}: no users in the file`;
  if (parsed.error === 'too_many_rows') return `${name}: more than ${IMPORT_MAX_ROWS.toLocaleString('en')} users; split the file`;
  const issues = parsed.issues ?? [];
  const shown = issues.slice(0, 5).map((issue) => `line ${issue.line} ${ISSUE_TEXT[issue.reason]}`);
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '';
  return `${name}: nothing imported: ${shown.join('; ')}${more}`;
}

export interface ImportSummary {
  created: number;
  skipped: number;
  errors: number;
  results: ImportResult[];
}

/** Reads `text` with the import parser and imports it through the import service (root, as the CLI). */
export async function importFromText(name: string, text: string, progress?: ProgressBar): Promise<ImportSummary> {
  const parsed = parseImportFile(text);
  if (!parsed.ok) throw new TransferError(fileProblem(name, parsed));
  const results = await importUsers(CLI_CALLER, parsed.rows, { onProgress: (done, total) => progress?.update(done, total) });
  const count = (status: ImportResult['status']) => results.filter((result) => result.status === status).length;
  return { created: count('created'), skipped: count('skipped'), errors: count('error'), results };
}

/** A file's text, or stdin's for "-". */
export async function readInput(file: string): Promise<string> {
  if (file !== '-') {
    try {
      return await fs.promises.readFile(file, 'utf8');
    } catch (error) {
      throw new TransferError(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
