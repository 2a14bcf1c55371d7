import { z } from 'zod';
import { SIGNING_ALGORITHMS } from '@/lib/config';
import { listSigningKeys, rotateSigningKey } from '@/lib/keys';
import { auditActor } from '../actor';
import { defineApiRoute } from '../define';
import { signingKeyRecord } from '../records';

// Tessera only (Melody rotates keys with a CLI script). Root only.

const tag = 'Signing keys';
const scopes = ['root'];

export const listSigningKeysRoute = defineApiRoute({
  method: 'GET',
  path: '/api/v1/signing-keys',
  operationId: 'listSigningKeys',
  summary: 'List token signing keys, newest first (no key material)',
  tag,
  scopes,
  response: z.object({ keys: z.array(signingKeyRecord) }),
  handler: async () => ({ keys: await listSigningKeys() }),
});

export const rotateSigningKeyRoute = defineApiRoute({
  method: 'POST',
  path: '/api/v1/signing-keys/rotate',
  operationId: 'rotateSigningKey',
  summary: 'Sign with a new key from now on; the previous key stays in the JWKS until its tokens have expired',
  tag,
  scopes,
  response: z.object({
    kid: z.string().describe('The new current key of SIGNING_ALGORITHM'),
    previousKid: z.string().nullable().describe('The key it replaces, still published until its tokens expire'),
    retired: z.array(z.string()).describe('Older keys taken out of the JWKS by this rotation'),
    rotated: z
      .array(z.object({ alg: z.enum(SIGNING_ALGORITHMS), kid: z.string(), previousKid: z.string().nullable() }))
      .describe('Every algorithm in use (SIGNING_ALGORITHM first, then those apps chose for their ID tokens): its new key and the one it replaces'),
  }),
  handler: async ({ principal, ip }) => rotateSigningKey({ actor: auditActor(principal, ip) }),
});
