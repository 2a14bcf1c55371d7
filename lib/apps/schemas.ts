import { z } from 'zod';
import { SIGNING_ALGORITHMS } from '@/lib/config/schema';

// The app API's input schemas, free of server code so the admin dashboard's app forms (client
// components) validate with exactly what the API accepts. Redirect URIs are checked further by
// redirectUriProblem (lib/apps/redirect-uris), on the server and in the form.

export const appName = z.string().trim().min(1).max(50);
export const appUriList = z.array(z.string().trim().min(1).max(2000)).max(50);
export const appScopeList = z.array(z.string().trim().min(1).max(50)).max(100);
/** OpenID client metadata id_token_signed_response_alg; null: SIGNING_ALGORITHM. */
export const idTokenSignedResponseAlg = z
  .enum(SIGNING_ALGORITHMS)
  .nullable()
  .describe('Algorithm of the app\'s ID tokens (id_token_signed_response_alg); null: the server\'s SIGNING_ALGORITHM');

export const createAppBody = z.object({
  name: appName,
  type: z.enum(['spa', 's2s']),
  scopes: appScopeList.optional().describe('Scope names of the app type; default openid, profile, offline_access for spa, none for s2s'),
  redirectUris: appUriList.default([]).describe('Matched exactly (not lower-cased); https, or http on loopback'),
  postLogoutRedirectUris: appUriList.default([]),
  skipConsent: z.boolean().default(false).describe('First-party app: users see no consent screen'),
  rotateRefreshTokens: z.boolean().default(true).describe('Rotate refresh tokens on use (turn off for clients that keep their first one)'),
  allowIntrospection: z.boolean().default(false).describe('S2S apps: may call /oauth2/v1/introspect without root. Set by root only'),
  allowDeviceFlow: z.boolean().default(false).describe('SPA apps: accept the device authorization grant (RFC 8628); off by default'),
  idTokenSignedResponseAlg: idTokenSignedResponseAlg.default(null),
});

export const updateAppBody = z.object({
  name: appName.optional(),
  isActive: z.boolean().optional(),
  scopes: appScopeList.optional().describe('Replaces the app scopes'),
  redirectUris: appUriList.optional(),
  postLogoutRedirectUris: appUriList.optional(),
  skipConsent: z.boolean().optional(),
  rotateRefreshTokens: z.boolean().optional(),
  allowIntrospection: z.boolean().optional().describe('S2S apps: may call /oauth2/v1/introspect without root. Set by root only'),
  allowDeviceFlow: z.boolean().optional(),
  useSystemMfaConfig: z.boolean().optional(),
  requireEmailMfa: z.boolean().optional(),
  requireOtpMfa: z.boolean().optional(),
  requireSmsMfa: z.boolean().optional(),
  allowEmailMfaAsBackup: z.boolean().optional(),
  idTokenSignedResponseAlg: idTokenSignedResponseAlg.optional(),
});
