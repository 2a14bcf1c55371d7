// The event catalog: every event Tessera emits, node-auth's `domain.resource.action` names, one
// versioned payload schema each. Payloads carry ids and the facts a receiver acts on, never a
// secret. A new field keeps the version; a removed or changed one is a new version. The schemas
// are also the OpenAPI document's `webhooks` section (lib/api/openapi.ts).
//
// `scopes`: what an admin must hold to see the event in the live activity stream (lib/events/
// stream.ts); root sees all.
import { z } from 'zod';

const authId = z.string().uuid().describe('The user (Melody\'s authId, the tokens\' sub)');

export const eventUser = z.object({
  authId,
  email: z.string().nullable(),
  emailVerified: z.boolean(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  locale: z.string(),
  isActive: z.boolean(),
});
export type EventUser = z.infer<typeof eventUser>;

const eventApp = z.object({ id: z.string().uuid(), clientId: z.string(), name: z.string(), type: z.enum(['spa', 's2s']) });

const signInMethod = z.string().describe('How: password, sign_up, passwordless, magic_link, passkey, recovery_code, …');

function event<S extends z.ZodType>(definition: { version: number; description: string; scopes: readonly string[]; data: S }) {
  return definition;
}

export const EVENT_CATALOG = {
  'identity.user.created': event({
    version: 1,
    description: 'A user account was created (sign-up, the API or dashboard, an import, an invitation, a passwordless first sign-in).',
    scopes: ['read_user'],
    data: z.object({ user: eventUser, via: z.enum(['sign_up', 'api', 'import', 'invitation', 'passwordless']) }),
  }),
  'identity.user.updated': event({
    version: 1,
    description: 'A user\'s profile, status, roles or attributes changed (the API, the dashboard, the update_info policy).',
    scopes: ['read_user'],
    data: z.object({ user: eventUser, changed: z.array(z.string()).describe('Names of the changed fields') }),
  }),
  'identity.user.deleted': event({
    version: 1,
    description: 'A user account and everything that belongs to it was deleted (the API, the dashboard, the delete_account policy).',
    scopes: ['read_user'],
    data: z.object({ authId }),
  }),
  'identity.auth.login.succeeded': event({
    version: 1,
    description: 'A user signed in on the hosted pages (any credential); an SSO session started.',
    scopes: ['read_user'],
    data: z.object({ authId, clientId: z.string(), method: signInMethod, ip: z.string().describe('"" without TRUSTED_PROXY_HEADER') }),
  }),
  'identity.auth.login.failed': event({
    version: 1,
    description: 'A sign-in credential was refused.',
    scopes: ['read_user'],
    data: z.object({
      authId: authId.nullable().describe('The account the attempt named, when it exists'),
      clientId: z.string(),
      method: signInMethod,
      reason: z.string().describe('The refusal\'s error code, e.g. invalid_credentials, account_locked'),
      ip: z.string(),
    }),
  }),
  'identity.auth.logout': event({
    version: 1,
    description: 'A user signed out: their SSO session ended (RP-initiated or Melody logout).',
    scopes: ['read_user'],
    data: z.object({ authId, clientId: z.string().nullable() }),
  }),
  'identity.mfa.enrolled': event({
    version: 1,
    description: 'A second factor was added to a user (at sign-in, or by an admin).',
    scopes: ['read_user'],
    data: z.object({ authId, factor: z.enum(['otp', 'sms', 'email']) }),
  }),
  'identity.password.changed': event({
    version: 1,
    description: 'A user\'s password was changed (change_password policy, password reset, or set by an operator: `npm run cli -- user reset-password --password`).',
    scopes: ['read_user'],
    data: z.object({ authId, via: z.enum(['change_password', 'reset', 'operator']) }),
  }),
  'identity.session.revoked': event({
    version: 1,
    description: 'An app session (a refresh token family) of a user was revoked by an admin or by the user.',
    scopes: ['read_user'],
    data: z.object({ authId, sessionId: z.string() }),
  }),
  'identity.role.assigned': event({
    version: 1,
    description: 'A role was given to a user.',
    scopes: ['read_user'],
    data: z.object({ authId, role: z.string() }),
  }),
  'identity.role.revoked': event({
    version: 1,
    description: 'A role was taken from a user.',
    scopes: ['read_user'],
    data: z.object({ authId, role: z.string() }),
  }),
  'identity.org.member.added': event({
    version: 1,
    description: 'A user became a member of an org.',
    scopes: ['read_user', 'read_org'],
    data: z.object({ authId, orgId: z.string().uuid(), orgSlug: z.string() }),
  }),
  'identity.org.member.removed': event({
    version: 1,
    description: 'A user left an org.',
    scopes: ['read_user', 'read_org'],
    data: z.object({ authId, orgId: z.string().uuid(), orgSlug: z.string() }),
  }),
  'oauth.token.issued': event({
    version: 1,
    description: 'Tokens were issued to an app for a user (authorization code, refresh token, device code). Not emitted for client_credentials.',
    scopes: ['read_user', 'read_app'],
    data: z.object({
      authId,
      clientId: z.string(),
      grantType: z.enum(['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code']),
      scopes: z.array(z.string()),
    }),
  }),
  'app.created': event({ version: 1, description: 'An app was created.', scopes: ['read_app'], data: z.object({ app: eventApp }) }),
  'app.updated': event({ version: 1, description: 'An app\'s settings changed.', scopes: ['read_app'], data: z.object({ app: eventApp, changed: z.array(z.string()) }) }),
  'app.deleted': event({ version: 1, description: 'An app was deleted.', scopes: ['read_app'], data: z.object({ app: eventApp }) }),
} as const;

export type EventType = keyof typeof EVENT_CATALOG;
export type EventData<T extends EventType> = z.input<(typeof EVENT_CATALOG)[T]['data']>;
export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];

/** Sent by "send test event" to one endpoint only; never in the outbox or the live stream. */
export const TEST_EVENT = {
  type: 'webhook.test',
  version: 1,
  description: 'Sent on demand ("send test event") to check an endpoint; not a change.',
  data: z.object({ webhookId: z.string().uuid(), message: z.string() }),
} as const;

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_CATALOG, value);
}

/**
 * What receivers get (the webhook body and the live stream's `data`): Standard Webhooks' `type`,
 * `timestamp` and `data`, plus the event's `id` (= webhook-id), payload `version` and actor.
 */
export const eventEnvelope = z.object({
  id: z.string().uuid(),
  type: z.string(),
  version: z.number().int(),
  timestamp: z.string().describe('ISO 8601, when the change was committed'),
  actor: z.object({ type: z.enum(['user', 'app', 'api_key', 'system']), id: z.string().nullable() }),
  data: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof eventEnvelope>;
