// Types for with-db.mjs.
export interface EnsuredDatabase {
  url: string;
  /** 1 for the embedded server (one shared Postgres session), DATABASE_POOL_MAX (default 10) otherwise */
  poolMax: number;
  /** DATABASE_SCHEMA, if set */
  schema: string | undefined;
  /** true when the embedded PGlite server is used (started here or reused) */
  embedded: boolean;
  /** Stops the embedded server if this call started it (and removes its lock); otherwise a no-op. */
  stop(): Promise<void>;
}

/**
 * DATABASE_URL if set, else the embedded server of DATA_DIR (reused or started here);
 * then optionally migrations (in-process) and prisma/seed.ts (child process).
 */
export declare function ensureDatabase(options?: {
  /** apply pending migrations first (default false) */
  migrate?: boolean;
  /** then run prisma/seed.{ts,mjs,js} if present (default false) */
  seed?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (message: string) => void;
}): Promise<EnsuredDatabase>;

/** `base` plus DATABASE_URL, DATABASE_POOL_MAX and node_modules/.bin on PATH. */
export declare function databaseEnv(db: Pick<EnsuredDatabase, 'url' | 'poolMax'> & { embedded?: boolean }, base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;

/** Set to '1' in a child's environment when its DATABASE_URL is the embedded server. */
export declare const EMBEDDED_DATABASE_MARK: 'TESSERA_EMBEDDED_DATABASE';
/** ENVIRONMENT=prod, or ENVIRONMENT unset on Vercel. */
export declare function isProductionEnv(env?: NodeJS.ProcessEnv): boolean;
export declare const EMBEDDED_IN_PRODUCTION_MESSAGE: string;
