import { z } from 'zod';

// Query parameter types shared by the list operations' filters.

/** A required instant, e.g. `before` of a cleanup. */
export const requiredDateTimeQuery = (description: string) =>
  z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .describe(`ISO 8601 date-time with Z or an offset; ${description}`);

/** An optional instant, e.g. `from` / `to` of a time window. */
export const dateTimeQuery = (description: string) => requiredDateTimeQuery(description).optional();

/** An optional true / false. */
export const booleanQuery = (description: string) =>
  z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe(description);
