// Structured JSON logs (pino), one object per line on stdout:
//   {"level":"info","time":"…","msg":"…","requestId":"…","method":"GET","route":"/api/v1/users/:id",…}
// LOG_LEVEL (Melody's levels: silent, error, warn, info, debug) sets what is written. Inside a
// request served by `npm run serve` every line carries its request ID, method and route
// (lib/observability/context.ts); the request's own line adds the status and duration. Every
// field and message passes the central redaction (lib/observability/redact.ts).
//
// installStructuredConsole() (instrumentation.ts) sends console.* through this logger, so the
// app's `console.error('[tessera] …', error)` lines and Next's own become structured too.
import { format } from 'node:util';
import pino, { type Logger } from 'pino';
import { config } from '@/lib/config';
import { currentRequest } from './context';
import { redactText, redactValue } from './redact';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const LOGGER_KEY = Symbol.for('tessera.logger');
type Holder = typeof globalThis & { [LOGGER_KEY]?: Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'tessera-auth' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactValue(object) as Record<string, unknown>,
      },
      mixin() {
        const request = currentRequest();
        return request ? { requestId: request.requestId, method: request.method, route: request.route } : {};
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** The process's logger (one per process, shared by every bundle and scripts/serve.mjs). */
export function logger(): Logger {
  const holder = globalThis as Holder;
  holder[LOGGER_KEY] ??= createLogger(config().logLevel);
  return holder[LOGGER_KEY];
}

/** Writes one line: `message` (redacted) with `fields` (redacted). */
export function log(level: LogLevel, message: string, fields: Record<string, unknown> = {}, target: Logger = logger()): void {
  target[level](fields, redactText(message));
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** One console call as a log line: text arguments form the message, plain objects the fields, an Error `err`. */
export function consoleLine(args: unknown[]): { message: string; fields: Record<string, unknown> } {
  const text: unknown[] = [];
  const fields: Record<string, unknown> = {};
  for (const arg of args) {
    if (arg instanceof Error) fields.err = arg;
    else if (isPlainObject(arg)) Object.assign(fields, arg);
    else text.push(arg);
  }
  const message = typeof fields.msg === 'string' && text.length === 0 ? fields.msg : format(...text);
  delete fields.msg;
  return { message, fields };
}

const INSTALLED_KEY = Symbol.for('tessera.structuredConsole');

/** Routes console.log/info/warn/error/debug through the logger (once per process). */
export function installStructuredConsole(target: () => Logger = logger): void {
  const holder = globalThis as typeof globalThis & { [INSTALLED_KEY]?: boolean };
  if (holder[INSTALLED_KEY]) return;
  holder[INSTALLED_KEY] = true;
  const write = (level: LogLevel) => (...args: unknown[]) => {
    const { message, fields } = consoleLine(args);
    log(level, message, fields, target());
  };
  console.log = write('info');
  console.info = write('info');
  console.warn = write('warn');
  console.error = write('error');
  console.debug = write('debug');
}
