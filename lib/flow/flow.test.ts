// The flow core on a machine of its own (no capability): table order, the next step computed once
// per transition, replays and skipped steps, the sign-in transaction with its participants, the
// ending, and how requests are found (hosted binding, embedded session id).
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { randomToken, sha256 } from '@/lib/crypto/tokens';
import { db } from '@/lib/db';
import type { User } from '@/lib/db/generated/client';
import { AppError, defineErrors } from '@/lib/errors';
import { issueAuthorizationCode } from '@/lib/oauth/authorization-code';
import { makeSpaApp, makeUser } from '@/lib/testing/factories';
import {
  createMachine,
  defineAction,
  FULLY_AUTHORIZED,
  openFlow,
  startFlow,
  type FlowContext,
  type FlowEnding,
  type FlowStep,
  type MachineDefinition,
  type SignInParticipant,
} from './index';

const guardCalls = new Map<string, number>();
const endings: FlowEnding[] = [];
const participantEvents: string[] = [];

function countedStep(name: string, phase: FlowStep['phase'], applies: FlowStep['applies'], extra: Partial<FlowStep> = {}): FlowStep {
  return {
    name,
    page: name.replace(/_/g, '-'),
    phase,
    applies(facts) {
      guardCalls.set(name, (guardCalls.get(name) ?? 0) + 1);
      return applies(facts);
    },
    ...extra,
  };
}

const until = (name: string): FlowStep['applies'] => ({ row }) => !row.completedSteps.includes(name);

const Vetoes = defineErrors({ vetoed: { status: 403, message: 'Not today.' } });

const recorder: SignInParticipant = {
  name: 'recorder',
  async write(tx, { user, how }) {
    if (user.firstName === 'Vetoed') throw new AppError(Vetoes.vetoed);
    participantEvents.push(`write:${user.id}:${how.method}`);
  },
  async after({ user }) {
    participantEvents.push(`after:${user.id}`);
  },
};

function definition(steps: FlowStep[]): MachineDefinition {
  return {
    steps,
    signIn: [recorder],
    async end(tx, flow, ending) {
      endings.push(ending);
      if (flow.surface === 'embedded' && ending.kind === 'completed') {
        const { row } = flow;
        await issueAuthorizationCode(
          tx,
          {
            appId: row.appId,
            userId: row.userId!,
            redirectUri: row.redirectUri,
            scopes: row.scopes,
            nonce: null,
            codeChallenge: row.codeChallenge,
            codeChallengeMethod: row.codeChallengeMethod,
            authTime: row.authTime!,
            amr: row.amr,
            orgSlug: '',
            ssoSessionId: null,
          },
          flow.context.sessionId,
        );
      }
      return { location: `https://client.example.test/${ending.kind}` };
    },
  };
}

const machine = createMachine(
  definition([
    countedStep('sign_in', 'identify', () => true),
    countedStep('first', 'account', until('first')),
    countedStep('second', 'account', until('second'), { promptNone: 'consent_required' }),
    countedStep('mfa_like', 'account', ({ row }) => !row.completedSteps.includes(FULLY_AUTHORIZED) && !row.completedSteps.includes('mfa_like')),
  ]),
);

const signIn = defineAction<User, unknown>({ steps: 'sign_in', run: (flow, user) => flow.signIn({ amr: ['pwd'], method: 'password' }, user) });
const signInFully = defineAction<User, unknown>({
  steps: 'sign_in',
  run: (flow, user) => flow.signIn({ amr: ['hwk'], method: 'passkey', fullyAuthorized: true }, user),
});
const completeFirst = defineAction<void, unknown>({ steps: 'first', run: (flow) => flow.complete() });
const completeSecond = defineAction<void, unknown>({ steps: 'second', run: (flow) => flow.complete() });
const completeMfa = defineAction<void, unknown>({ steps: 'mfa_like', run: (flow) => flow.complete() });

async function newRequest(options: { surface?: 'hosted' | 'embedded'; prompt?: string; expired?: boolean } = {}) {
  const app = await makeSpaApp({ skipConsent: true });
  const secret = options.surface === 'embedded' ? randomBytes(32).toString('base64url') : randomToken(32);
  const row = await db.authorizationRequest.create({
    data: {
      appId: app.id,
      bindingHash: sha256(secret),
      surface: options.surface ?? 'hosted',
      redirectUri: app.redirectUri,
      scopes: ['openid'],
      state: 's',
      codeChallenge: 'x'.repeat(43),
      codeChallengeMethod: 'S256',
      locale: 'en',
      prompt: options.prompt ?? '',
      expiresAt: new Date(Date.now() + (options.expired ? -1000 : 600_000)),
    },
    include: { app: true },
  });
  const context: FlowContext =
    options.surface === 'embedded'
      ? { machine, sessionId: secret, ip: '', userAgent: 'vitest' }
      : { machine, requestId: row.id, bindingSecret: secret, ip: '', userAgent: 'vitest' };
  return { row, context, app };
}

beforeEach(() => {
  guardCalls.clear();
  endings.length = 0;
  participantEvents.length = 0;
});
afterEach(() => vi.restoreAllMocks());

describe('createMachine', () => {
  it('refuses a table with a step or page twice, or without an identify step', () => {
    const a = countedStep('a', 'identify', () => true);
    expect(() => createMachine(definition([a, { ...a }]))).toThrow(/registered twice/);
    expect(() => createMachine(definition([a, { ...countedStep('b', 'account', () => true), page: 'a' }]))).toThrow(/page a is registered twice/);
    expect(() => createMachine(definition([countedStep('b', 'account', () => true)]))).toThrow(/no identify step/);
  });
});

describe('the step machine', () => {
  it('computes the current step once on load and the next step once after a sign-in', async () => {
    const { context } = await newRequest();
    const user = await makeUser();
    const outcome = await signIn(context, user);
    expect(outcome).toMatchObject({ next: 'first', location: expect.stringContaining('/identity/v1/first?request=') });
    // sign_in's guard once (opening), first's once (after the sign-in); nothing further down the table.
    expect(Object.fromEntries(guardCalls)).toEqual({ sign_in: 1, first: 1 });
    expect(participantEvents).toEqual([`write:${user.id}:password`, `after:${user.id}`]);
    const row = await db.authorizationRequest.findUniqueOrThrow({ where: { id: context.requestId } });
    expect(row).toMatchObject({ userId: user.id, amr: ['pwd'] });
  });

  it('answers wrong_step to a skipped step, a replayed step and a second concurrent completion', async () => {
    const { context } = await newRequest();
    await signIn(context, await makeUser());
    await expect(completeSecond(context, undefined)).rejects.toMatchObject({ code: 'wrong_step', status: 409 });
    await completeFirst(context, undefined);
    await expect(completeFirst(context, undefined)).rejects.toMatchObject({ code: 'wrong_step' });
    await expect(signIn(context, await makeUser())).rejects.toMatchObject({ code: 'wrong_step' });
    const results = await Promise.allSettled([completeSecond(context, undefined), completeSecond(context, undefined)]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { code: 'wrong_step' } });
  });

  it('ends the request once when no step is left: the definition ends it, the row goes, the binding cookie expires', async () => {
    const { context } = await newRequest();
    await signIn(context, await makeUser());
    await completeFirst(context, undefined);
    await completeSecond(context, undefined);
    const done = await completeMfa(context, undefined);
    expect(done).toMatchObject({ next: null, location: 'https://client.example.test/completed' });
    expect((done as { cookies: { name: string; maxAge: number }[] }).cookies).toEqual([expect.objectContaining({ name: `tessera_ar_${context.requestId}`, maxAge: 0 })]);
    expect(endings).toEqual([{ kind: 'completed' }]);
    expect(await db.authorizationRequest.count({ where: { id: context.requestId } })).toBe(0);
    await expect(completeMfa(context, undefined)).rejects.toMatchObject({ code: 'request_not_found' });
  });

  it('a fully authorized sign-in marks the request, which steps read to skip themselves', async () => {
    const { context } = await newRequest();
    await signInFully(context, await makeUser());
    await completeFirst(context, undefined);
    const done = await completeSecond(context, undefined);
    expect(done).toMatchObject({ next: null });
  });

  it('a participant that refuses the sign-in rolls it back: no user on the request, nothing after-commit', async () => {
    const { context } = await newRequest();
    const user = await makeUser({ firstName: 'Vetoed' });
    await expect(signIn(context, user)).rejects.toMatchObject({ code: 'vetoed' });
    expect(participantEvents).toEqual([]);
    expect((await db.authorizationRequest.findUniqueOrThrow({ where: { id: context.requestId } })).userId).toBeNull();
    expect((await openFlow(context)).step?.name).toBe('sign_in');
  });

  it('prompt=none ends a request that needs a step with that step’s OAuth error', async () => {
    const { row, context } = await newRequest({ prompt: 'none' });
    const user = await makeUser();
    await db.authorizationRequest.update({ where: { id: row.id }, data: { userId: user.id, authTime: new Date(), completedSteps: ['first'] } });
    const outcome = await startFlow(context, await db.authorizationRequest.findUniqueOrThrow({ where: { id: row.id }, include: { app: true } }));
    expect(outcome.next).toBeNull();
    expect(endings).toEqual([{ kind: 'interaction_required', error: 'consent_required' }]);
  });

  it('a step’s enter hook may pass the step at once, and a failing one leaves the request at the step', async () => {
    const entered: string[] = [];
    const withEnter = createMachine(
      definition([
        countedStep('sign_in', 'identify', () => true),
        countedStep('auto', 'account', until('auto'), {
          async enter(flow) {
            entered.push('auto');
            return defineAction<void, never>({ steps: 'auto', run: (opened) => opened.complete() as never })(flow.context, undefined);
          },
        }),
        countedStep('broken', 'account', until('broken'), {
          async enter() {
            throw new Error('mail server down');
          },
        }),
      ]),
    );
    const { context } = await newRequest();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const outcome = await signIn({ ...context, machine: withEnter }, await makeUser());
    expect(entered).toEqual(['auto']);
    expect(outcome).toMatchObject({ next: 'broken' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('entering step broken failed'), expect.any(Error));
  });
});

describe('finding a request', () => {
  it('hosted: another browser’s secret is request_not_found, an expired request request_expired, an inactive app invalid_client', async () => {
    const { context, app } = await newRequest();
    await expect(openFlow({ ...context, bindingSecret: 'another-browser' })).rejects.toMatchObject({ code: 'request_not_found', status: 404 });
    await expect(openFlow({ ...context, requestId: 'not-a-uuid' })).rejects.toMatchObject({ code: 'request_not_found' });
    await db.app.update({ where: { id: app.id }, data: { isActive: false } });
    await expect(openFlow(context)).rejects.toMatchObject({ code: 'invalid_client' });
    const expired = await newRequest({ expired: true });
    await expect(openFlow(expired.context)).rejects.toMatchObject({ code: 'request_expired', status: 410 });
  });

  it('embedded: unknown 404 session_not_found, expired 410 session_expired, finished (awaiting token exchange) wrong_step; never by request id', async () => {
    await expect(openFlow({ machine, sessionId: randomBytes(32).toString('base64url'), ip: '', userAgent: '' })).rejects.toMatchObject({ code: 'session_not_found', status: 404 });
    await expect(openFlow({ machine, sessionId: 'short', ip: '', userAgent: '' })).rejects.toMatchObject({ code: 'session_not_found' });
    const expired = await newRequest({ surface: 'embedded', expired: true });
    await expect(openFlow(expired.context)).rejects.toMatchObject({ code: 'session_expired', status: 410 });

    const { row, context } = await newRequest({ surface: 'embedded' });
    // The hosted way in does not open an embedded session, even with its secret as the binding.
    await expect(openFlow({ machine, requestId: row.id, bindingSecret: context.sessionId, ip: '', userAgent: '' })).rejects.toMatchObject({ code: 'request_not_found' });
    const before = row.expiresAt.getTime();
    const outcome = await signIn(context, await makeUser());
    expect(outcome).toMatchObject({ next: 'first', location: '' });
    // Each step renews the session's lifetime.
    expect((await db.authorizationRequest.findUniqueOrThrow({ where: { id: row.id } })).expiresAt.getTime()).not.toBe(before);
    await completeFirst(context, undefined);
    await completeSecond(context, undefined);
    expect(await completeMfa(context, undefined)).toMatchObject({ next: null, location: 'https://client.example.test/completed', cookies: [] });
    await expect(completeMfa(context, undefined)).rejects.toMatchObject({ code: 'wrong_step' });
    expect(await db.authorizationCode.count({ where: { codeHash: sha256(context.sessionId!) } })).toBe(1);
  });
});
