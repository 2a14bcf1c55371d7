// Types for prisma-wasm.mjs (offline Prisma Migrate over the WASM schema engine).
export interface EngineTarget {
  /** default DATABASE_URL */
  url?: string;
  /** Postgres schema; default DATABASE_SCHEMA or public */
  schema?: string;
  /** default SHADOW_DATABASE_URL; otherwise a temporary database / in-memory PGlite */
  shadowUrl?: string;
}

export interface MigrationDirectory {
  path: string;
  migrationFile: { path: string; content: { tag: 'ok'; value: string } | { tag: 'error'; value: string } };
}

export interface MigrationList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  migrationDirectories: MigrationDirectory[];
  shadowDbInitScript: string;
}

export declare const SCHEMA_PATH: string;
export declare const MIGRATIONS_DIR: string;
export declare function quoteIdent(name: string): string;
export declare function requalify(sql: string, schema?: string): string;
export declare function readMigrations(options?: { schema?: string; dir?: string }): Promise<MigrationList>;
export declare function slug(name: string): string;
export declare function checksum(sql: string): string;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Prisma's WASM schema engine ships no type declarations
export declare function withEngine<T>(fn: (engine: any, context: { schemaFiles: { files: { path: string; content: string }[] }; migrations: () => Promise<MigrationList> }) => Promise<T>, target?: EngineTarget): Promise<T>;
/** Applies pending migrations; resolves the names applied. */
export declare function deploy(target?: EngineTarget): Promise<string[]>;
/** Creates (and unless createOnly applies) a migration; resolves its directory, or null if none was needed. */
export declare function dev(options?: EngineTarget & { name?: string; createOnly?: boolean; force?: boolean }): Promise<string | null>;
export declare function status(target?: EngineTarget): Promise<{ inSync: boolean; diagnostic: unknown }>;
/** SQL from the migrations to schema.prisma; empty when in sync. */
export declare function diff(target?: EngineTarget): Promise<{ sql: string; empty: boolean }>;
export declare function reset(target?: EngineTarget): Promise<string[]>;
