// Types of bench/seed-users.mjs for e2e/admin-users-100k.spec.ts (tsconfig has allowJs off).
import type pg from 'pg';

export interface SeedRows {
  id: string[];
  email: string[];
  firstName: string[];
  lastName: string[];
  createdAt: string[];
  lastSignInAt: (string | null)[];
  loginCount: number[];
  emailVerified: boolean[];
}

export declare function pick<T>(list: readonly T[], n: number): T;
export declare function makeUsers(count: number): SeedRows;
export declare function seedDatabase(client: pg.Client, rows: SeedRows): Promise<void>;
