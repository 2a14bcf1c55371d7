// Pre-hooks: a deployer's veto before sign-up, sign-in, token issuance and user update (README
// "Hooks"). Each point asks the code hook of lib/hooks/custom.ts, then the point's HTTP hook
// (HOOK_<POINT>_URL) when one is set; both must allow. The HTTP hook is a POST signed like a
// webhook (Standard Webhooks headers, HOOK_SECRET) that answers
// `{ "decision": "allow" | "deny", "message"?: text or { locale: text }, "claims"?: { … } }` within
// HOOK_TIMEOUT_MS. A hook that fails (throws, times out, answers non-2xx or nonsense) refuses the
// action with HOOK_FAILURE_MODE=closed (the default) and lets it through with open.
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { config } from '@/lib/config';
import { AppError, defineErrors } from '@/lib/errors';
import { loadCatalogPart } from '@/lib/i18n/catalog';
import { isSupportedLocale, type Locale } from '@/lib/config/locales';
import { activeHooks, extraClaimsFor } from './index';
import type {
  BeforeSignInEvent,
  BeforeSignUpEvent,
  BeforeTokenIssuedEvent,
  BeforeUserUpdateEvent,
  ExtraClaims,
  JsonValue,
  LocalizedText,
  TesseraHooks,
} from './types';

export const HookErrors = defineErrors({
  hook_denied: { status: 403, message: 'Refused by the deployment\'s policy.' },
});

export type PreHookPoint = 'before_sign_up' | 'before_sign_in' | 'before_token_issued' | 'before_user_update';

const METHODS = {
  before_sign_up: 'beforeSignUp',
  before_sign_in: 'beforeSignIn',
  before_token_issued: 'beforeTokenIssued',
  before_user_update: 'beforeUserUpdate',
} as const satisfies Record<PreHookPoint, keyof TesseraHooks>;

type Decision = { kind: 'allow'; claims?: ExtraClaims } | { kind: 'deny'; message?: LocalizedText } | { kind: 'failed'; reason: string };

function decisionOf(result: unknown): Decision {
  if (result === undefined || result === null) return { kind: 'allow' };
  if (typeof result !== 'object' || Array.isArray(result)) return { kind: 'failed', reason: 'the answer is not an object' };
  const answer = result as Record<string, unknown>;
  if (answer.deny === true || answer.decision === 'deny') {
    const message = answer.message;
    const valid = message === undefined || typeof message === 'string' || (typeof message === 'object' && message !== null && Object.values(message).every((text) => typeof text === 'string'));
    return { kind: 'deny', message: valid ? (message as LocalizedText | undefined) : undefined };
  }
  if (answer.allow === true || answer.decision === 'allow' || Object.keys(answer).length === 0) {
    const claims = answer.claims;
    if (claims !== undefined && (typeof claims !== 'object' || claims === null || Array.isArray(claims))) return { kind: 'failed', reason: 'claims is not an object' };
    return { kind: 'allow', claims: claims as ExtraClaims | undefined };
  }
  return { kind: 'failed', reason: 'expected allow or deny' };
}

async function askCodeHook(point: PreHookPoint, event: object): Promise<Decision> {
  const hooks = activeHooks();
  const hook = hooks[METHODS[point]] as ((event: object) => unknown) | undefined;
  if (!hook) return { kind: 'allow' };
  try {
    return decisionOf(await hook.call(hooks, event));
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}

async function askHttpHook(point: PreHookPoint, event: object): Promise<Decision> {
  const settings = config();
  const url = settings.hookUrls[point];
  if (!url) return { kind: 'allow' };
  const id = randomUUID();
  const sentAt = new Date();
  const body = JSON.stringify({ id, type: `hook.${point}`, timestamp: sentAt.toISOString(), data: event });
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Tessera-Hooks/1',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
        'webhook-signature': new Webhook(settings.hookSecret).sign(id, sentAt, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.hookTimeoutMs),
    });
    if (!response.ok) return { kind: 'failed', reason: `HTTP ${response.status}` };
    return decisionOf(await response.json());
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** `text` in `locale`: that locale, its language, en, then the first given. */
export function localizedText(text: LocalizedText, locale: string): string | undefined {
  if (typeof text === 'string') return text;
  const language = locale.split('-')[0]!;
  const key = [locale, ...Object.keys(text).filter((candidate) => candidate.split('-')[0] === language), 'en'].find((candidate) => typeof text[candidate] === 'string');
  return key ? text[key] : Object.values(text)[0];
}

async function denial(point: PreHookPoint, message: LocalizedText | undefined, locale: string): Promise<AppError> {
  let text = message !== undefined ? localizedText(message, locale)?.trim().slice(0, 500) : undefined;
  if (!text) {
    const catalogLocale: Locale = isSupportedLocale(locale) ? locale : config().defaultLocale as Locale;
    const part = (await loadCatalogPart(catalogLocale, 'hooks')) as { hooks: { denied: string } };
    text = part.hooks.denied;
  }
  return new AppError(HookErrors.hook_denied, text);
}

/**
 * Asks the point's hooks; throws hook_denied (with the localized message) on a refusal, or on a
 * failure when HOOK_FAILURE_MODE=closed. Returns the claims an allowing hook added.
 */
async function runPreHook(point: PreHookPoint, event: object, locale: string): Promise<ExtraClaims> {
  const claims: ExtraClaims = {};
  for (const ask of [askCodeHook, askHttpHook]) {
    const decision = await ask(point, event);
    if (decision.kind === 'deny') throw await denial(point, decision.message, locale);
    if (decision.kind === 'failed') {
      const mode = config().hookFailureMode;
      console.error(`[tessera] ${point} hook failed (${decision.reason}); HOOK_FAILURE_MODE=${mode}: the action is ${mode === 'open' ? 'allowed' : 'refused'}`);
      if (mode === 'closed') throw await denial(point, undefined, locale);
      continue;
    }
    Object.assign(claims, decision.claims ?? {});
  }
  return claims;
}

export async function runBeforeSignUp(event: BeforeSignUpEvent): Promise<void> {
  await runPreHook('before_sign_up', event, event.locale);
}

export async function runBeforeSignIn(event: BeforeSignInEvent): Promise<void> {
  await runPreHook('before_sign_in', event, event.locale);
}

/** Extra access-token claims from the hooks (never a reserved claim or one `claims` already has). */
export async function runBeforeTokenIssued(event: BeforeTokenIssuedEvent, claims: object, locale = config().defaultLocale): Promise<Record<string, JsonValue>> {
  const extra = await runPreHook('before_token_issued', event, locale);
  return Object.keys(extra).length ? extraClaimsFor('beforeTokenIssued', extra, claims) : {};
}

export async function runBeforeUserUpdate(event: BeforeUserUpdateEvent): Promise<void> {
  await runPreHook('before_user_update', event, event.user.locale);
}
