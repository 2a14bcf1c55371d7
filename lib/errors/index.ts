/**
 * The one error type services throw. `code` is stable (clients and translations key on it),
 * `status` is the HTTP status the surface maps it to, `message` is English developer text.
 * Each capability declares its codes once with defineErrors().
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: string;
  readonly status: number;
  readonly fields?: Record<string, string>;

  constructor(definition: ErrorDefinition, message?: string, fields?: Record<string, string>) {
    super(message ?? definition.message);
    this.code = definition.code;
    this.status = definition.status;
    this.fields = fields;
  }
}

export interface ErrorDefinition {
  code: string;
  status: number;
  message: string;
}

type Definitions<T> = { [K in keyof T & string]: ErrorDefinition & { code: K } };

export function defineErrors<T extends Record<string, { status: number; message: string }>>(definitions: T): Definitions<T> {
  return Object.fromEntries(
    Object.entries(definitions).map(([code, definition]) => [code, { code, ...definition }]),
  ) as Definitions<T>;
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Codes shared by every surface. */
export const CommonErrors = defineErrors({
  invalid_input: { status: 400, message: 'The request is invalid.' },
  not_found: { status: 404, message: 'Not found.' },
  forbidden_origin: { status: 403, message: 'The request origin is not allowed.' },
  unsupported_media_type: { status: 415, message: 'Unsupported content type.' },
  // the body is larger than the endpoint reads (lib/http/body-limits.mjs): it was not read further
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  server_error: { status: 500, message: 'Something went wrong on our side.' },
  // the database (or another service the request needs) cannot be reached: retry later
  service_unavailable: { status: 503, message: 'The service is temporarily unavailable; retry shortly.' },
});
