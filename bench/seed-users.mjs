// Fast seeding of many users for the benchmarks and the 100,000-user e2e (bench/users-list.mjs,
// bench/admin-users-page.mjs, e2e/admin-users-100k.spec.ts): varied names, emails and dates built
// in memory, inserted with multi-row INSERTs (unnest of arrays, 10,000 rows per statement), 20% of
// the users with email MFA, then VACUUM ANALYZE so the planner sees the real table.
import { randomUUID } from 'node:crypto';

const FIRST = ['Ada', 'Grace', 'Alan', 'Linus', 'Barbara', 'Edsger', 'Donald', 'Ken', 'Dennis', 'Margaret', 'Frances', 'John', 'Katherine', 'Tim',
  'Radia', 'Guido', 'Bjarne', 'James', 'Anders', 'Yukihiro', 'Rasmus', 'Brendan', 'Sophie', 'Hedy', 'Claude', 'Niklaus', 'Leslie', 'Shafi', 'Tony',
  'Judea', 'Whitfield', 'Martin', 'Ivan', 'Butler', 'Vint', 'Bob', 'Jean', 'Adele', 'Mary', 'Evelyn', 'Kathleen', 'Ruth', 'Marlyn', 'Betty', 'Jon',
  'Larry', 'Sergey', 'Susan', 'Fei-Fei', 'Yann', 'Geoffrey', 'Yoshua', 'Andrew', 'Demis', 'Ilya', 'Lisa', 'Elena', 'Mateo', 'Lucía', 'Chen', 'Wei',
  'Aiko', 'Hiro', 'Priya', 'Arjun', 'Fatima', 'Omar', 'Zoe', 'Liam', 'Noah', 'Emma', 'Olivia', 'Mia', 'Lukas', 'Anna', 'Jonas', 'Lea', 'Pierre',
  'Camille', 'Giulia', 'Marco', 'Sven', 'Ingrid', 'Olga', 'Dmitri', 'Kwame', 'Amara', 'Tariq', 'Leila', 'Diego', 'Valentina', 'Thiago', 'Beatriz'];
const SYLLABLES = ['lo', 'ver', 'hop', 'tur', 'ing', 'tor', 'val', 'dis', 'kra', 'knu', 'th', 'ham', 'il', 'ton', 'ber', 'ners', 'lee', 'man', 'son',
  'ric', 'ha', 'ko', 'mu', 'ra', 'sen', 'berg', 'stein', 'ova', 'ez', 'ini', 'ski', 'ta', 'no', 'vic', 'dal', 'mont', 'ford', 'wood', 'ley', 'ker'];
const DOMAINS = ['example.com', 'acme.io', 'mail.test', 'corp.example', 'uni.edu', 'startup.dev'];
export const pick = (list, n) => list[n % list.length];
const cap = (s) => s[0].toUpperCase() + s.slice(1);

function lastName(i) {
  const a = pick(SYLLABLES, i * 7 + 3);
  const b = pick(SYLLABLES, Math.floor(i / 40) * 13 + 5);
  const c = i % 3 === 0 ? pick(SYLLABLES, Math.floor(i / 1600) + 11) : '';
  return cap(a + b + c);
}

export function makeUsers(count) {
  const now = Date.now();
  const rows = { id: [], email: [], firstName: [], lastName: [], createdAt: [], lastSignInAt: [], loginCount: [], emailVerified: [] };
  for (let i = 0; i < count; i += 1) {
    const first = pick(FIRST, (i * 31) % 9973);
    const last = lastName((i * 17) % 4801);
    rows.id.push(randomUUID());
    rows.email.push(`${first}.${last}${i}@${pick(DOMAINS, i)}`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''));
    rows.firstName.push(first);
    rows.lastName.push(last);
    rows.createdAt.push(new Date(now - (count - i) * 60_000).toISOString());
    rows.lastSignInAt.push(i % 4 === 0 ? null : new Date(now - ((i * 7919) % (count * 60)) * 1000).toISOString());
    rows.loginCount.push(i % 50);
    rows.emailVerified.push(i % 5 !== 0);
  }
  return rows;
}

export async function seedDatabase(client, rows) {
  const BATCH = 10_000;
  for (let start = 0; start < rows.id.length; start += BATCH) {
    const slice = (key) => rows[key].slice(start, start + BATCH);
    await client.query(
      `INSERT INTO "users" ("id", "email", "firstName", "lastName", "createdAt", "updatedAt", "lastSignInAt", "loginCount", "emailVerified")
       SELECT u.id, u.email, u.first, u.last, u.created, u.created, u.signed, u.logins, u.verified
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::int[], $8::bool[])
         AS u(id, email, first, last, created, signed, logins, verified)`,
      [slice('id'), slice('email'), slice('firstName'), slice('lastName'), slice('createdAt'), slice('lastSignInAt'), slice('loginCount'), slice('emailVerified')],
    );
  }
  await client.query(`INSERT INTO "mfa_enrollments" ("id", "userId", "type") SELECT gen_random_uuid(), "id", 'email' FROM "users" WHERE random() < 0.2`);
  await client.query('VACUUM ANALYZE');
}
