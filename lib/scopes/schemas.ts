import { z } from 'zod';

// The scope API's input schemas, free of server code so the admin dashboard's forms (client
// components) validate with exactly what the API accepts.

export const scopeName = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'Use letters, digits and _ . : - only');

export const scopeLocaleEntry = z.object({ locale: z.string().trim().min(2).max(10), value: z.string().trim().max(500) });

export const createScopeInput = z.object({
  name: scopeName,
  type: z.enum(['spa', 's2s']),
  note: z.string().trim().max(500).default(''),
  locales: z.array(scopeLocaleEntry).max(50).default([]),
});

export const updateScopeInput = z.object({
  name: scopeName.optional(),
  note: z.string().trim().max(500).optional(),
  locales: z.array(scopeLocaleEntry).max(50).optional(),
});
