import fs from 'node:fs';

// Imports the users of a Clerk CSV export into Tessera through the S2S import API
// (POST /api/v1/users/import, scope write_user), in batches, with progress on stderr.
//   TESSERA_ISSUER=… TESSERA_CLIENT_ID=… TESSERA_CLIENT_SECRET=… npx tsx import-users.ts export.csv
// - bcrypt password digests are imported as they are: users sign in with their old passwords
//   (Tessera re-hashes them with argon2id at that first sign-in);
// - users without a bcrypt digest are imported without a password (they reset it, or sign in
//   passwordless);
// - an address already in Tessera is skipped, so the script can run again after a failure;
// - id-map.csv (next to the export) maps each Clerk user ID to the Tessera auth ID, to rewrite
//   the user references in your own database.

const issuer = process.env.TESSERA_ISSUER!;
const clientId = process.env.TESSERA_CLIENT_ID!;
const clientSecret = process.env.TESSERA_CLIENT_SECRET!;
const batchSize = Number(process.env.BATCH_SIZE ?? 500);
const file = process.argv[2];
if (!issuer || !clientId || !clientSecret || !file) {
  console.error('usage: TESSERA_ISSUER=… TESSERA_CLIENT_ID=… TESSERA_CLIENT_SECRET=… tsx import-users.ts <clerk-export.csv>');
  process.exit(2);
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') row.push(field), (field = '');
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += char;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows.filter((cells) => cells.some((cell) => cell !== ''));
}

interface ImportUser {
  email: string;
  passwordHash?: string;
  firstName?: string;
  lastName?: string;
  emailVerified: boolean;
}

const [header, ...records] = parseCsv(fs.readFileSync(file, 'utf8'));
const column = (name: string) => {
  const index = header!.indexOf(name);
  if (index < 0) throw new Error(`${file}: no ${name} column (is it a Clerk export?)`);
  return index;
};
const col = {
  id: column('id'),
  firstName: column('first_name'),
  lastName: column('last_name'),
  email: column('primary_email_address'),
  verified: column('verified_email_addresses'),
  digest: column('password_digest'),
  hasher: column('password_hasher'),
};

const users: { clerkId: string; line: number; user: ImportUser }[] = [];
records.forEach((cells, index) => {
  const line = index + 2;
  const email = cells[col.email]?.trim();
  if (!email) return console.error(`line ${line}: no primary email address, not imported`);
  const hasher = cells[col.hasher]?.trim();
  const digest = cells[col.digest]?.trim();
  if (digest && hasher !== 'bcrypt') console.error(`line ${line}: ${hasher || 'unknown'} password digest not imported (${email} resets the password)`);
  users.push({
    clerkId: cells[col.id]!,
    line,
    user: {
      email,
      ...(digest && hasher === 'bcrypt' ? { passwordHash: digest } : {}),
      ...(cells[col.firstName] ? { firstName: cells[col.firstName] } : {}),
      ...(cells[col.lastName] ? { lastName: cells[col.lastName] } : {}),
      emailVerified: (cells[col.verified] ?? '').split(/[\s,;|]+/).includes(email),
    },
  });
});

async function accessToken(): Promise<string> {
  const response = await fetch(new URL('/oauth2/v1/token', issuer), {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'write_user' }),
  });
  if (!response.ok) throw new Error(`token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

interface ImportResult {
  index: number;
  email: string;
  status: 'created' | 'skipped' | 'error';
  authId?: string;
  error?: string;
}

const token = await accessToken();
const totals = { created: 0, skipped: 0, error: 0 };
const idMap: string[] = ['clerk_id,tessera_auth_id'];
for (let start = 0; start < users.length; start += batchSize) {
  const batch = users.slice(start, start + batchSize);
  const response = await fetch(new URL('/api/v1/users/import', issuer), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ users: batch.map((entry) => entry.user) }),
  });
  if (!response.ok) throw new Error(`import: ${response.status} ${await response.text()}`);
  const { results } = (await response.json()) as { results: ImportResult[] };
  for (const result of results) {
    const entry = batch[result.index]!;
    totals[result.status]++;
    if (result.authId) idMap.push(`${entry.clerkId},${result.authId}`);
    if (result.status !== 'created') console.error(`line ${entry.line}: ${result.email} ${result.status}${result.error ? `: ${result.error}` : ''}`);
  }
  const done = Math.min(start + batchSize, users.length);
  console.error(`[${done}/${users.length}] ${Math.round((done / users.length) * 100)}% — created ${totals.created}, skipped ${totals.skipped}, failed ${totals.error}`);
}

const mapFile = new URL('id-map.csv', `file://${fs.realpathSync(file)}`);
fs.writeFileSync(mapFile, `${idMap.join('\n')}\n`);
console.error(`Done: ${totals.created} created, ${totals.skipped} skipped, ${totals.error} failed. ID map: ${mapFile.pathname}`);
process.exitCode = totals.error ? 1 : 0;
