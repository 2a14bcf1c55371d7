import { z } from 'zod';

// Response shapes of the S2S API (Melody's field names), shared by every route that returns them.

const timestamp = z.date().transform((value) => value.toISOString()).pipe(z.string()).describe('ISO 8601');

export const scopeLocaleRecord = z.object({ locale: z.string(), value: z.string() });

export const scopeRecord = z.object({
  id: z.string().uuid(),
  name: z.string(),
  type: z.enum(['spa', 's2s']),
  note: z.string(),
  isBuiltIn: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const scopeDetailRecord = scopeRecord.extend({ locales: z.array(scopeLocaleRecord) });
