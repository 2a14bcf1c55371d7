// Types for embedded-db.mjs (so TypeScript callers such as the Vitest setup type-check).
export declare const DEFAULT_PORT: 55440;

export interface EmbeddedConfig {
  /** ${DATA_DIR:-.data}/pglite */
  dataDir: string;
  /** ${DATA_DIR:-.data}/pglite.lock: { pid, port } of the process serving dataDir */
  lockFile: string;
  /** EMBEDDED_DB_PORT, default 55440 */
  port: number;
  url: string;
}

export interface RunningDb {
  url: string;
  port: number;
  /** Stops serving, closes PGlite, releases the lock (idempotent). */
  stop(): Promise<void>;
}

export declare function embeddedConfig(env?: NodeJS.ProcessEnv): EmbeddedConfig;
export declare function urlFor(port: number, host?: string): string;
export declare function isListening(port: number, host?: string, timeoutMs?: number): Promise<boolean>;
export declare function readLock(lockFile?: string): { pid: number; port: number; ready?: boolean } | null;
export declare function startEmbeddedDb(
  options?: Partial<Pick<EmbeddedConfig, 'dataDir' | 'lockFile' | 'port'>> & {
    /** keep the lock marked not-ready (reusers wait) until markReady() is called */
    deferReady?: boolean;
  },
): Promise<RunningDb & { dataDir: string; markReady(): void }>;
export declare function startMemoryDb(options?: { port?: number }): Promise<RunningDb>;
