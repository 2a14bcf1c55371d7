import { describe, expect, it, vi } from 'vitest';
import { importedHashAlgorithm, needsRehash } from '@/lib/crypto/password';
import { db } from '@/lib/db';
import { ensureSeeded } from '@/lib/testing/factories';
import { importUsers } from './transfer';

// Makes the audit insert of an import batch fail, to prove the batch is one transaction.
const failing = vi.hoisted(() => ({ on: false }));
vi.mock('@/lib/audit', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/audit')>();
  return {
    ...original,
    recordAuditMany: async (...args: Parameters<typeof original.recordAuditMany>) => {
      if (failing.on) throw new Error('audit insert failed');
      return original.recordAuditMany(...args);
    },
  };
});

const caller = { actor: { type: 'system' as const, id: null, ip: '' }, scopes: ['write_user'] };

describe('users import', () => {
  it('rolls a failing batch back whole: no user, no role, every row reported as an error', async () => {
    await ensureSeeded();
    const role = await db.role.create({ data: { name: 'batch_role' } });
    const rows = [0, 1, 2].map((i) => ({ email: `batch-${i}@example.test`, roles: [role.name] }));
    failing.on = true;
    const errorSpy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failed = await importUsers(caller, rows).finally(() => {
      failing.on = false;
      errorSpy.mockRestore();
    });
    expect(failed.map((row) => row.status)).toEqual(['error', 'error', 'error']);
    expect(await db.user.count({ where: { email: { startsWith: 'batch-' } } })).toBe(0);
    expect(await db.userRole.count({ where: { roleId: role.id } })).toBe(0);
    const retried = await importUsers(caller, rows);
    expect(retried.map((row) => row.status)).toEqual(['created', 'created', 'created']);
    expect(await db.userRole.count({ where: { roleId: role.id } })).toBe(3);
  });

  it('accepts bcrypt and argon2 hashes within cost bounds and knows which need a rehash', () => {
    const bcrypt = `$2a$12$${'A'.repeat(53)}`;
    expect(importedHashAlgorithm(bcrypt)).toBe('bcrypt');
    expect(importedHashAlgorithm(bcrypt.replace('$12$', '$15$'))).toBeNull();
    expect(importedHashAlgorithm(bcrypt.replace('$12$', '$03$'))).toBeNull();
    const argon = (params: string, variant = 'argon2id') => `$${variant}$v=19$${params}$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo`;
    expect(importedHashAlgorithm(argon('m=65536,t=3,p=4'))).toBe('argon2id');
    expect(importedHashAlgorithm(argon('m=65536,t=3,p=4', 'argon2i'))).toBe('argon2id');
    expect(importedHashAlgorithm(argon('m=4194304,t=3,p=4'))).toBeNull();
    expect(importedHashAlgorithm(argon('m=65536,t=99,p=4'))).toBeNull();
    expect(importedHashAlgorithm('plain-text')).toBeNull();
    expect(needsRehash(bcrypt)).toBe(true);
    expect(needsRehash(argon('m=65536,t=3,p=4'))).toBe(true);
    expect(needsRehash(argon('m=19456,t=2,p=1'))).toBe(false);
  });
});
