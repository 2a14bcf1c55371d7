// Which database errors mean "the database is not there" (a 503 for clients, a retry later) and
// which mean "the database has no schema yet" (run the migrations): read from Prisma's error code,
// the driver adapter's error kind and PostgreSQL's SQLSTATE, never from message text alone where a
// code exists.

/** Prisma client codes of an unreachable or lost database (P1001 can't reach, P1002 timed out, P1017 closed, P2024 pool timeout). */
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
/** Driver adapter error kinds (@prisma/driver-adapter-utils) of the same. */
const UNAVAILABLE_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/**
 * SQLSTATEs: class 08 (connection exception), 57P01–57P03 (administrator shutdown, crash shutdown,
 * cannot connect now: a restart in progress), 53300 (too many connections).
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;
/**
 * Errors node-postgres throws without a code when a connection dies or cannot be had in time
 * ("timeout expired": its own connect timeout); the adapter passes them through unconverted.
 */
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|timeout expired|Client has encountered a connection error|Connection refused|ECONNREFUSED|ECONNRESET|EPIPE/i;

interface ErrorShape {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown; code?: unknown } } };
}

/** The error and its causes (bounded: cause chains can be cyclic). */
function chain(error: unknown): ErrorShape[] {
  const errors: ErrorShape[] = [];
  let current = error;
  while (current && typeof current === 'object' && errors.length < 8 && !errors.includes(current as ErrorShape)) {
    errors.push(current as ErrorShape);
    current = (current as ErrorShape).cause;
  }
  return errors;
}

function adapterCause(error: ErrorShape) {
  return error.meta?.driverAdapterError?.cause;
}

/** True when `error` says the database cannot be reached or dropped the connection (not a query or data error). */
export function isDatabaseUnavailable(error: unknown): boolean {
  return chain(error).some((item) => {
    if (typeof item.code === 'string' && (UNAVAILABLE_PRISMA_CODES.has(item.code) || UNAVAILABLE_SQLSTATE.test(item.code))) return true;
    if (typeof item.code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE'].includes(item.code)) return true;
    const cause = adapterCause(item);
    if (cause) {
      if (typeof cause.kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(cause.kind)) return true;
      const sqlState = cause.originalCode ?? cause.code;
      if (typeof sqlState === 'string' && UNAVAILABLE_SQLSTATE.test(sqlState)) return true;
    }
    return typeof item.message === 'string' && UNAVAILABLE_MESSAGES.test(item.message);
  });
}

/** True when a table of the schema is missing: the database was never migrated (or is another app's). */
export function isSchemaMissing(error: unknown): boolean {
  return chain(error).some((item) => {
    if (item.code === 'P2021' || item.code === '42P01') return true;
    const cause = adapterCause(item);
    return cause?.kind === 'TableDoesNotExist' || cause?.originalCode === '42P01';
  });
}

/** One line for an operator, without a stack trace or a connection string's password. */
export function describeDatabaseError(error: unknown): string {
  for (const item of chain(error)) {
    const cause = adapterCause(item);
    if (cause?.kind === 'DatabaseNotReachable') {
      const { host, port } = cause as { host?: string; port?: number };
      return `cannot reach the database server${host ? ` at ${host}${port ? `:${port}` : ''}` : ''}`;
    }
    if (cause?.kind === 'DatabaseDoesNotExist') return `the database ${String((cause as { db?: string }).db ?? '')} does not exist`.replace('  ', ' ');
    if (cause?.kind === 'AuthenticationFailed') return 'the database refused the credentials of DATABASE_URL';
  }
  if (isSchemaMissing(error)) return 'the database has no Tessera tables yet';
  if (isDatabaseUnavailable(error)) return 'the database is unavailable (connection refused, lost or timed out)';
  const first = chain(error)[0];
  const message = typeof first?.message === 'string' ? first.message : String(error);
  // Prisma's messages start with a code frame ("Invalid `x()` invocation in …"): keep the last line.
  return redactConnectionStrings(message.trim().split('\n').filter(Boolean).at(-1) ?? message);
}

/** Replaces the user and password of any postgres:// or redis:// URL in `text` with ***. */
export function redactConnectionStrings(text: string): string {
  return text.replace(/\b(postgres(?:ql)?|rediss?):\/\/[^@\s/]+@/gi, '$1://***@');
}
