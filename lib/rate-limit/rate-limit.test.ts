import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as passwordPOST } from '@/app/identity/v1/authorize-password/route';
import { config, overrideConfigForTesting, resetConfigForTesting, type Config } from '@/lib/config';
import { signInWithPassword } from '@/lib/identity/sign-in';
import { startAuthorization } from '@/lib/sign-in/start';
import { REQUEST_COOKIE_PREFIX, requestCookieName } from '@/lib/flow';
import { counterStore, disconnectCounterStore } from '@/lib/kv';
import { connectTestRedis } from '@/lib/kv/testing';
import { authorizeParams, makePkce, makeSpaApp, makeUser } from '@/lib/testing/factories';
import { authenticateWithPassword } from '@/lib/users/service';
import { signInMachine } from '@/lib/sign-in/machine';
import {
  checkAndCount,
  claimAttempt,
  claimRequestCodeAttempt,
  CODE_ATTEMPTS_PER_STEP,
  clear,
  counterKey,
  getState,
  limitPerIp,
  listLockedIps,
  rateLimitAddress,
  RateLimitError,
  requestCodeAttemptsExhausted,
  unlockAccount,
} from './index';

const redis = await connectTestRedis();
if ('unavailable' in redis) console.warn(`[rate-limit.test] ${redis.unavailable}`);

afterAll(async () => {
  resetConfigForTesting();
  await disconnectCounterStore();
  if (!('unavailable' in redis)) await redis.cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const base: Partial<Config> = {
  accountLockoutThreshold: 5,
  accountLockoutExpiresIn: 86400,
  trustedProxyHeader: '',
};

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

const backends: Array<[string, Partial<Config> | null]> = [
  ['postgres', { redisUrl: undefined }],
  ['redis', 'unavailable' in redis ? null : { redisUrl: redis.url, redisKeyPrefix: redis.keyPrefix }],
];

describe.each(backends)('on %s', (backend, storeConfig) => {
  const run = storeConfig ? it : it.skip;
  beforeEach(() => {
    resetConfigForTesting();
    overrideConfigForTesting({ ...base, ...storeConfig });
  });

  run('uses the configured store', () => {
    expect(counterStore().kind).toBe(backend);
  });

  describe('password sign-in lockout', () => {
    run('locks after ACCOUNT_LOCKOUT_THRESHOLD failures, even for the right password', async () => {
      const user = await makeUser();
      for (let i = 0; i < 5; i += 1) {
        expect(await outcome(authenticateWithPassword(user.email!, 'wrong-password'))).toBe('invalid_credentials');
      }
      const locked = await authenticateWithPassword(user.email!, user.password).catch((error: unknown) => error);
      expect(locked).toBeInstanceOf(RateLimitError);
      expect(locked).toMatchObject({ code: 'account_locked', status: 423 });
      // Retry-After ~ ACCOUNT_LOCKOUT_EXPIRES_IN
      expect((locked as RateLimitError).retryAfterSeconds).toBeGreaterThan(86000);
      expect((locked as RateLimitError).message).not.toContain(user.email!);
      expect(await outcome(authenticateWithPassword(user.email!.toUpperCase(), user.password))).toBe('account_locked');
      expect(await listLockedIps(user.email!)).toEqual(['']);
    });

    run('answers unknown emails exactly like wrong passwords and counts nothing for them', async () => {
      const email = `nobody-${randomUUID()}@example.test`;
      for (let i = 0; i < 8; i += 1) {
        const error = await authenticateWithPassword(email, 'wrong-password').catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'invalid_credentials', status: 401, message: 'The email or password is incorrect.' });
      }
      expect(await counterStore().get(counterKey('sign_in', { id: email, ip: '' }))).toBeNull();
      expect(await listLockedIps(email)).toEqual([]);
      const user = await makeUser();
      const wrong = await authenticateWithPassword(user.email!, 'wrong-password').catch((e: unknown) => e);
      const unknown = await authenticateWithPassword(email, 'wrong-password').catch((e: unknown) => e);
      expect({ ...(wrong as object), stack: undefined }).toEqual({ ...(unknown as object), stack: undefined });
    });

    run('a successful sign-in clears the failures', async () => {
      const user = await makeUser();
      for (let i = 0; i < 4; i += 1) await outcome(authenticateWithPassword(user.email!, 'wrong-password'));
      expect((await getState('sign_in', { id: user.email!, ip: '' }))!.count).toBe(4);
      await authenticateWithPassword(user.email!, user.password);
      expect(await getState('sign_in', { id: user.email!, ip: '' })).toBeNull();
      for (let i = 0; i < 4; i += 1) await outcome(authenticateWithPassword(user.email!, 'wrong-password'));
      expect((await authenticateWithPassword(user.email!, user.password)).id).toBe(user.id);
    });

    run('ACCOUNT_LOCKOUT_THRESHOLD 0 disables the lockout', async () => {
      overrideConfigForTesting({ accountLockoutThreshold: 0 });
      const user = await makeUser();
      for (let i = 0; i < 8; i += 1) await outcome(authenticateWithPassword(user.email!, 'wrong-password'));
      expect((await authenticateWithPassword(user.email!, user.password)).id).toBe(user.id);
      expect(await counterStore().get(counterKey('sign_in', { id: user.email!, ip: '' }))).toBeNull();
      expect(await listLockedIps(user.email!)).toEqual([]);
    });

    run('the lock ends after ACCOUNT_LOCKOUT_EXPIRES_IN', async () => {
      overrideConfigForTesting({ accountLockoutThreshold: 2, accountLockoutExpiresIn: 1 });
      const user = await makeUser();
      await outcome(authenticateWithPassword(user.email!, 'wrong-password'));
      await outcome(authenticateWithPassword(user.email!, 'wrong-password'));
      expect(await outcome(authenticateWithPassword(user.email!, user.password))).toBe('account_locked');
      await sleep(1100);
      expect(await outcome(authenticateWithPassword(user.email!, user.password))).toBe('ok');
    });

    run('ACCOUNT_LOCKOUT_EXPIRES_IN 0 locks until unlocked', async () => {
      overrideConfigForTesting({ accountLockoutThreshold: 2, accountLockoutExpiresIn: 0 });
      const user = await makeUser();
      await outcome(authenticateWithPassword(user.email!, 'wrong-password'));
      await outcome(authenticateWithPassword(user.email!, 'wrong-password'));
      const locked = await authenticateWithPassword(user.email!, user.password).catch((e: unknown) => e);
      expect(locked).toMatchObject({ code: 'account_locked', retryAfterSeconds: undefined });
      expect((await getState('sign_in', { id: user.email!, ip: '' }))!.expiresAt).toBeNull();
      await unlockAccount(user.email!);
      expect(await outcome(authenticateWithPassword(user.email!, user.password))).toBe('ok');
    });

    run('concurrent guesses cannot exceed the threshold', async () => {
      overrideConfigForTesting({ accountLockoutThreshold: 3 });
      const user = await makeUser();
      const results = await Promise.all(Array.from({ length: 12 }, () => outcome(authenticateWithPassword(user.email!, 'wrong-password'))));
      expect(results.filter((r) => r === 'invalid_credentials')).toHaveLength(3);
      expect(results.filter((r) => r === 'account_locked')).toHaveLength(9);
    });

    run('keys on email + IP: a lock from one IP leaves other IPs alone', async () => {
      const user = await makeUser();
      for (let i = 0; i < 5; i += 1) await outcome(authenticateWithPassword(user.email!, 'wrong-password', { ip: '203.0.113.7' }));
      expect(await outcome(authenticateWithPassword(user.email!, user.password, { ip: '203.0.113.7' }))).toBe('account_locked');
      for (let i = 0; i < 5; i += 1) await outcome(authenticateWithPassword(user.email!, 'wrong-password', { ip: '2001:db8::1' }));
      expect(await listLockedIps(user.email!)).toEqual(['2001:db8:0:0::/64', '203.0.113.7']);
      expect(await outcome(authenticateWithPassword(user.email!, user.password, { ip: '198.51.100.1' }))).toBe('ok');
      expect(await outcome(authenticateWithPassword(user.email!, user.password, { ip: '' }))).toBe('ok');
      // the password reset flow unlocks its own IP; the admin unlocks all
      await unlockAccount(user.email!, { ip: '203.0.113.7' });
      expect(await listLockedIps(user.email!)).toEqual(['2001:db8:0:0::/64']);
      expect(await outcome(authenticateWithPassword(user.email!, user.password, { ip: '203.0.113.7' }))).toBe('ok');
      await unlockAccount(user.email!);
      expect(await listLockedIps(user.email!)).toEqual([]);
      expect(await outcome(authenticateWithPassword(user.email!, user.password, { ip: '2001:db8::1' }))).toBe('ok');
    });

    run('signInWithPassword passes the client IP through', async () => {
      const app = await makeSpaApp();
      const user = await makeUser();
      const started = await startAuthorization(authorizeParams(app, makePkce()), {});
      const browser = {
        machine: signInMachine,
        requestId: new URL(started.location).searchParams.get('request')!,
        bindingSecret: started.cookies.find((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX))?.value,
        userAgent: 'vitest',
        ip: '192.0.2.44',
      };
      for (let i = 0; i < 5; i += 1) {
        expect(await outcome(signInWithPassword(browser, { email: user.email!, password: 'wrong-password' }))).toBe('invalid_credentials');
      }
      expect(await outcome(signInWithPassword(browser, { email: user.email!, password: user.password }))).toBe('account_locked');
      expect(await listLockedIps(user.email!)).toEqual(['192.0.2.44']);
    });
  });

  describe('throttles', () => {
    run('checkAndCount lets THRESHOLD sends through per window, then 429 with Retry-After', async () => {
      overrideConfigForTesting({ emailMfaEmailThreshold: 3 });
      const subject = { id: randomUUID(), ip: '192.0.2.1' };
      for (let i = 0; i < 3; i += 1) await checkAndCount('email_mfa_email', subject);
      const refused = await checkAndCount('email_mfa_email', subject).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'too_many_requests', status: 429 });
      expect((refused as RateLimitError).retryAfterSeconds).toBeGreaterThan(1790);
      expect((refused as RateLimitError).retryAfterSeconds).toBeLessThanOrEqual(1800);
      // per IP: another address has its own budget
      await checkAndCount('email_mfa_email', { ...subject, ip: '192.0.2.2' });
      await clear('email_mfa_email', subject);
      await checkAndCount('email_mfa_email', subject);
    });

    run('change-email sends count per account, whatever the IP', async () => {
      overrideConfigForTesting({ changeEmailEmailThreshold: 2 });
      const id = `someone-${randomUUID()}@example.test`;
      await checkAndCount('change_email_email', { id, ip: '192.0.2.1' });
      await checkAndCount('change_email_email', { id, ip: '192.0.2.2' });
      expect(await outcome(checkAndCount('change_email_email', { id, ip: '192.0.2.3' }))).toBe('too_many_requests');
    });

    run('claimAttempt counts before judging, a release gives the attempt back; 0 disables', async () => {
      overrideConfigForTesting({ mfaCodeVerifyThreshold: 2 });
      const subject = { id: randomUUID(), ip: '' };
      const right = await claimAttempt('mfa_code', subject);
      await right.release();
      await claimAttempt('mfa_code', subject);
      await claimAttempt('mfa_code', subject);
      expect(await outcome(claimAttempt('mfa_code', subject))).toBe('too_many_requests');
      overrideConfigForTesting({ mfaCodeVerifyThreshold: 0 });
      await (await claimAttempt('mfa_code', subject)).release();
      expect(await getState('mfa_code', subject)).toBeNull();
      // AUTH_CODE_VERIFIER_THRESHOLD is unset (0) by default, as in Melody
      resetConfigForTesting();
      overrideConfigForTesting({ ...storeConfig });
      expect(config().authCodeVerifierThreshold).toBe(0);
      for (let i = 0; i < 20; i += 1) await checkAndCount('auth_code_verifier', subject);
    });

    run('the per-IP send limiter needs a known IP', async () => {
      const ip = `192.0.2.${Math.floor(Math.random() * 200) + 1}-${randomUUID().slice(0, 6)}`;
      for (let i = 0; i < 2; i += 1) await limitPerIp(ip, { action: 'test', limit: 2 });
      expect(await outcome(limitPerIp(ip, { action: 'test', limit: 2 }))).toBe('too_many_requests');
      // another action has its own budget; no IP (no trusted proxy header) is never limited
      await limitPerIp(ip, { action: 'other', limit: 2 });
      for (let i = 0; i < 5; i += 1) await limitPerIp('', { action: 'test', limit: 2 });
    });

    run('issue 12 item 3: 30 concurrent claims of one subject: exactly the threshold pass', async () => {
      overrideConfigForTesting({ mfaCodeVerifyThreshold: 4 });
      const subject = { id: randomUUID(), ip: '' };
      const results = await Promise.all(Array.from({ length: 30 }, () => outcome(claimAttempt('mfa_code', subject))));
      expect(results.filter((result) => result === 'ok')).toHaveLength(4);
      expect(results.filter((result) => result === 'too_many_requests')).toHaveLength(26);
    });

    run('issue 12 item 3: a request step allows CODE_ATTEMPTS_PER_STEP concurrent claims; the request is then exhausted', async () => {
      const requestId = randomUUID();
      const results = await Promise.all(Array.from({ length: 20 }, () => claimRequestCodeAttempt(requestId, 'otp', 60)));
      expect(results.filter(Boolean)).toHaveLength(CODE_ATTEMPTS_PER_STEP);
      expect(await requestCodeAttemptsExhausted(requestId)).toBe(true);
      // Each step has its own budget; another request is untouched.
      expect(await claimRequestCodeAttempt(requestId, 'email', 60)).toBe(true);
      expect(await requestCodeAttemptsExhausted(randomUUID())).toBe(false);
    });

    run('short windows expire', async () => {
      overrideConfigForTesting({ passwordResetCodeThreshold: 1 });
      const subject = { id: randomUUID(), ip: '' };
      const key = counterKey('password_reset_code', subject);
      await counterStore().increment(key, 0.5);
      expect(await outcome(claimAttempt('password_reset_code', subject))).toBe('too_many_requests');
      await sleep(700);
      await claimAttempt('password_reset_code', subject);
    });
  });
});

describe('keys', () => {
  it('issue 12 item 3: an IPv6 client counts under its /64; IPv4 (also IPv4-mapped) as is', () => {
    expect(rateLimitAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitAddress('2001:0DB8:00aa:00bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(rateLimitAddress('[2001:db8:aa:bb::9]')).toBe('2001:db8:aa:bb::/64');
    expect(rateLimitAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(rateLimitAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(rateLimitAddress('64:ff9b::192.0.2.7')).toBe('64:ff9b:0:0::/64');
    expect(rateLimitAddress(' 198.51.100.4 ')).toBe('198.51.100.4');
    expect(rateLimitAddress('')).toBe('');
  });

  it("follow Melody's prefixes and keep the IP (an IPv6 /64 included) after the last separator", () => {
    expect(counterKey('sign_in', { id: 'a@b.test', ip: '2001:db8::1' })).toBe('FLA:a@b.test:2001:db8:0:0::/64');
    expect(counterKey('sign_in', { id: 'a:b@c.test' })).toBe('FLA:a%3Ab@c.test:');
    expect(counterKey('change_email_email', { id: 'a@b.test', ip: '1.2.3.4' })).toBe('CEA:a@b.test');
    const long = counterKey('password_reset_email', { id: `${'x'.repeat(300)}@example.test`, ip: '1.2.3.4' });
    expect(long).toMatch(/^PRA:sha256-[0-9a-f]{64}:1\.2\.3\.4$/);
  });
});

describe('hosted sign-in endpoint (POST /identity/v1/authorize-password)', () => {
  beforeEach(() => {
    resetConfigForTesting();
    overrideConfigForTesting({ ...base, redisUrl: undefined, accountLockoutThreshold: 2 });
  });

  async function attempt(started: { location: string; cookies: Array<{ name: string; value: string }> }, body: object, headers: Record<string, string> = {}) {
    const requestId = new URL(started.location).searchParams.get('request')!;
    const secret = started.cookies.find((cookie) => cookie.name.startsWith(REQUEST_COOKIE_PREFIX))!.value;
    const response = await passwordPOST(
      new NextRequest('http://localhost:3999/identity/v1/authorize-password', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `${requestCookieName(requestId)}=${secret}`, ...headers },
        body: JSON.stringify({ requestId, ...body }),
      }),
    );
    return { status: response.status, body: (await response.json()) as { error?: string }, retryAfter: response.headers.get('retry-after') };
  }

  it('without a trusted proxy header, forwarded IPs are ignored: the lock is per account', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const started = await startAuthorization(authorizeParams(app, makePkce()), {});
    const wrong = { email: user.email, password: 'wrong-password' };
    expect((await attempt(started, wrong, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(401);
    expect((await attempt(started, wrong, { 'x-forwarded-for': '198.51.100.2' })).status).toBe(401);
    const locked = await attempt(started, { email: user.email, password: user.password }, { 'x-forwarded-for': '198.51.100.3' });
    expect(locked.status).toBe(423);
    expect(locked.body.error).toBe('account_locked');
    expect(Number(locked.retryAfter)).toBeGreaterThan(86000);
    expect(await listLockedIps(user.email!)).toEqual(['']);
  });

  it('with TRUSTED_PROXY_HEADER, the lock is per account + client IP', async () => {
    overrideConfigForTesting({ trustedProxyHeader: 'x-forwarded-for' });
    const app = await makeSpaApp();
    const user = await makeUser();
    const started = await startAuthorization(authorizeParams(app, makePkce()), {});
    const wrong = { email: user.email, password: 'wrong-password' };
    await attempt(started, wrong, { 'x-forwarded-for': '10.0.0.1, 198.51.100.1' });
    await attempt(started, wrong, { 'x-forwarded-for': '10.0.0.2, 198.51.100.1' });
    expect((await attempt(started, { email: user.email, password: user.password }, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(423);
    expect(await listLockedIps(user.email!)).toEqual(['198.51.100.1']);
    const other = await attempt(started, { email: user.email, password: user.password }, { 'x-forwarded-for': '198.51.100.2' });
    expect(other.status).toBe(200);
  });

  it('unknown emails get the same 401 body as wrong passwords, however often', async () => {
    const app = await makeSpaApp();
    const user = await makeUser();
    const started = await startAuthorization(authorizeParams(app, makePkce()), {});
    const known = await attempt(started, { email: user.email, password: 'wrong-password' });
    for (let i = 0; i < 4; i += 1) {
      const unknown = await attempt(started, { email: `nobody-${randomUUID()}@example.test`, password: 'wrong-password' });
      expect(unknown).toEqual(known);
    }
  });
});
