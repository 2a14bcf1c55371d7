// `npm run release` (= `npm run cli -- release`): the one deploy step, run before the new version
// serves traffic (Vercel: the build command; Node: before `npm run serve`; containers: the one-shot
// release service). Four steps, each printed as it runs; the first failure stops the release with
// one line saying which step failed and why, and exit code 1.
//   1. configuration: the environment parses, and in production also: DATABASE_URL set (never the
//      embedded database), SECRET_KEY set, an https AUTH_SERVER_URL (http only on loopback, for a
//      trial on one machine);
//   2. database: DATABASE_URL (and DIRECT_DATABASE_URL when set) answers within 5 s;
//   3. migrations: applied over DIRECT_DATABASE_URL when set (poolers break migration locks);
//   4. seed: built-in scopes, roles, the dashboard and demo apps, the first admin, the signing key
//      (idempotent: a second release changes nothing and prints no password).
import pg from 'pg';
import { ConfigError, loadConfig, type Config } from '@/lib/config';
import { describeDatabaseError, redactConnectionStrings } from '@/lib/db/errors';
import { seed, type SeedReport } from '@/lib/seed';

export interface ReleaseStep {
  name: 'configuration' | 'database' | 'migrations' | 'seed';
  ok: boolean;
  detail: string;
  ms: number;
}

export interface ReleaseResult {
  ok: boolean;
  steps: ReleaseStep[];
  seed?: SeedReport;
}

class StepFailure extends Error {}

const STEPS = ['configuration', 'database', 'migrations', 'seed'] as const;

/** host:port/database of a connection string, without credentials. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

function checkConfiguration(env: NodeJS.ProcessEnv): { config: Config; detail: string; warnings: string[] } {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new StepFailure(error.message.replace(/\n\s*/g, ' '));
    throw error;
  }
  const warnings: string[] = [];
  if (config.isProduction) {
    if (env.TESSERA_EMBEDDED_DATABASE === '1') throw new StepFailure('DATABASE_URL: production never runs on the embedded database');
    if (!env.SECRET_KEY) throw new StepFailure('SECRET_KEY: required when ENVIRONMENT=prod (for example: openssl rand -hex 32)');
    if (!config.authServerUrl.startsWith('https://')) {
      warnings.push(`AUTH_SERVER_URL is ${config.authServerUrl}: plain http is accepted on loopback only, for a trial on this machine`);
    }
  } else {
    warnings.push('ENVIRONMENT is dev: set ENVIRONMENT=prod for a production release');
  }
  return { config, detail: `${config.environment}, issuer ${config.authServerUrl}`, warnings };
}

async function checkDatabase(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, query_timeout: 5_000 });
  const started = Date.now();
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string }>("SELECT current_setting('server_version') AS version");
    return `PostgreSQL ${rows[0]?.version.split(' ')[0]} at ${describeDatabaseUrl(url)} (${Date.now() - started} ms)`;
  } catch (error) {
    // node-postgres' own messages name the problem ("connect ECONNREFUSED …", "database … does not exist")
    const message = error instanceof Error && error.message ? redactConnectionStrings(error.message) : describeDatabaseError(error);
    throw new StepFailure(`${describeDatabaseUrl(url)}: ${message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs the release; `log` receives each progress line as it happens. Never throws for a failed step. */
export async function release(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<ReleaseResult> {
  const steps: ReleaseStep[] = [];
  let seedReport: SeedReport | undefined;

  const run = async (index: number, action: () => Promise<string>) => {
    const name = STEPS[index]!;
    const started = Date.now();
    log(`[release] ${index + 1}/${STEPS.length} ${name} …`);
    try {
      const detail = await action();
      steps.push({ name, ok: true, detail, ms: Date.now() - started });
      log(`[release] ${index + 1}/${STEPS.length} ${name}: ok — ${detail}`);
      return true;
    } catch (error) {
      const detail = error instanceof StepFailure ? error.message : describeDatabaseError(error);
      steps.push({ name, ok: false, detail, ms: Date.now() - started });
      log(`[release] ${index + 1}/${STEPS.length} ${name}: FAILED — ${detail}`);
      return false;
    }
  };

  const ok =
    (await run(0, async () => {
      const { detail, warnings } = checkConfiguration(env);
      for (const warning of warnings) log(`[release]   warning: ${warning}`);
      return detail;
    })) &&
    (await run(1, async () => {
      const url = env.DATABASE_URL!;
      const details = [await checkDatabase(url)];
      if (env.DIRECT_DATABASE_URL) details.push(`direct: ${await checkDatabase(env.DIRECT_DATABASE_URL)}`);
      return details.join('; ');
    })) &&
    (await run(2, async () => {
      const { deploy } = await import('../prisma-wasm.mjs');
      const url = env.DIRECT_DATABASE_URL || env.DATABASE_URL!;
      const applied = await deploy({ url, schema: env.DATABASE_SCHEMA || undefined });
      const over = env.DIRECT_DATABASE_URL ? 'over DIRECT_DATABASE_URL' : 'over DATABASE_URL';
      return applied.length ? `applied ${applied.length} ${over}: ${applied.join(', ')}` : `up to date (${over})`;
    })) &&
    (await run(3, async () => {
      seedReport = await seed();
      return seedReport.adminPassword
        ? `built-in data created; first admin ${seedReport.adminEmail} (password below, shown once)`
        : `built-in data up to date; admin ${seedReport.adminEmail} exists; signing key ${seedReport.signingKeyId}`;
    }));

  return { ok, steps, ...(seedReport ? { seed: seedReport } : {}) };
}
