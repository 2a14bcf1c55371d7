import { describe, expect, it } from 'vitest';
import { diff } from '../scripts/prisma-wasm.mjs';
import { db, Prisma, transaction } from '@/lib/db';

describe('migrations', () => {
  it('produce exactly schema.prisma (run `npm run db:new -- <name>` after changing the schema)', async () => {
    // replays prisma/migrations into a shadow database and diffs it against schema.prisma
    const { sql, empty } = await diff({ url: process.env.DATABASE_URL!, schema: 'public' });
    expect(empty, `schema.prisma and prisma/migrations differ; missing migration:\n${sql}`).toBe(true);
  }, 120_000);
});

describe('per-file database isolation', () => {
  const email = `ada-${Date.now()}@example.test`;

  it('runs in this file\'s own schema', async () => {
    const [{ schema }] = await db.$queryRaw<{ schema: string }[]>`SELECT current_schema() AS schema`;
    expect(schema).toBe(process.env.DATABASE_SCHEMA);
    expect(schema).toMatch(/^t_[0-9a-f]{12}$/);
    expect(await db.user.count()).toBe(0);
  });

  it('writes and reads back two related models', async () => {
    const role = await db.role.create({ data: { name: 'auditor', note: 'read-only' } });
    const user = await db.user.create({ data: { email, firstName: 'Ada', roles: { create: { roleId: role.id } } } });
    const found = await db.user.findUniqueOrThrow({ where: { id: user.id }, include: { roles: { include: { role: true } } } });
    expect(found.email).toBe(email);
    expect(found.roles.map((r) => r.role.name)).toEqual(['auditor']);
  });

  it('raises P2002 on a unique violation, and the client keeps working', async () => {
    const error = await db.user.create({ data: { email } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe('P2002');
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it('rolls back an interactive transaction that throws', async () => {
    const failure = transaction(async (tx) => {
      await tx.role.create({ data: { name: 'temporary' } });
      expect(await tx.role.count({ where: { name: 'temporary' } })).toBe(1);
      throw new Error('abort');
    });
    await expect(failure).rejects.toThrow('abort');
    expect(await db.role.count({ where: { name: 'temporary' } })).toBe(0);
  });

  it('commits an interactive transaction that resolves', async () => {
    const id = await transaction(async (tx) => (await tx.role.create({ data: { name: 'kept' } })).id);
    expect(await db.role.findUnique({ where: { id } })).not.toBeNull();
  });
});
