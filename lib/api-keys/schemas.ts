import { z } from 'zod';

// The API-key API's input, free of server code so the dashboard's form validates with exactly
// what the API accepts. Which scopes exist, and the ranges' syntax, the service checks.

export const API_KEY_PREFIX = 'tsk_';

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.string().trim().min(1).max(50)).min(1).max(100).describe('S2S scopes the key holds (read_user, write_user, …, root)'),
  expiresAt: z
    .string()
    .datetime({ offset: true })
    .nullish()
    .describe('When the key stops working (ISO 8601); absent or null: never'),
  ipAllowList: z
    .array(z.string().trim().min(1).max(64))
    .max(100)
    .default([])
    .describe('IPv4/IPv6 addresses or CIDR ranges the key may be used from; empty: anywhere'),
});

/**
 * The dashboard's create form: the expiry as a datetime-local value (the admin's local time) and
 * the allow-list as text, one entry per line or comma; submitting gives createApiKeyInput's input.
 */
export const apiKeyForm = z.object({
  name: createApiKeyInput.shape.name,
  scopes: createApiKeyInput.shape.scopes,
  expiresAt: z
    .string()
    .trim()
    .refine((value) => value === '' || !Number.isNaN(new Date(value).getTime()))
    .transform((value) => (value ? new Date(value).toISOString() : null)),
  ipAllowList: z
    .string()
    .max(6500)
    .transform((value) => value.split(/[\s,]+/).filter(Boolean)),
});
