// The sign-in step machine (the flow core). It knows no capability: capabilities register steps
// (a guard, a hosted page), actions and views; lib/sign-in puts the registrations in order and
// the surfaces (hosted pages, /embedded-auth/v1) drive requests through it. This file is the
// core's public API: capabilities import '@/lib/flow' and nothing under it. See README "Adding a
// sign-in step".
export { boundRequestsOf, expiredCookie, REQUEST_COOKIE_PATH, REQUEST_COOKIE_PREFIX, requestCookie, requestCookieName, type CookieSpec } from './cookies';
export { FlowErrors } from './errors';
export { defineAction, Flow, FLOW_LIFETIME_SECONDS, FULLY_AUTHORIZED, isFlowOutcome, isFullyAuthorized, loadRequest, openFlow, openStep, signedInDuringRequest, startFlow } from './flow';
export { createMachine } from './machine';
export type {
  FlowContext,
  FlowEnding,
  FlowHandle,
  FlowMachine,
  FlowOutcome,
  FlowRow,
  FlowStep,
  FlowSurface,
  MachineDefinition,
  SignInEvent,
  SignInMethodResult,
  SignInParticipant,
  StepFacts,
} from './types';
