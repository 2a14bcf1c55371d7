// How a sign-in request ends, per kind of request (MachineDefinition.end; runs in the transaction
// that deletes the request row, so each request ends once):
// - hosted authorization request: completed → a code to the client's redirect URI (or the popup
//   page); declined or prompt=none needing a step → the OAuth error there;
// - device approval (RFC 8628): the device's decision, then our "you may go back to your device" page;
// - embedded session: completed → the code, whose value is the session id (token-exchange redeems
//   it with the PKCE verifier); nothing to redirect.
import { config } from '@/lib/config';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { FlowErrors, type FlowEnding, type FlowHandle } from '@/lib/flow';
import { issueAuthorizationCode } from '@/lib/oauth/authorization-code';
import { authorizeErrorLocation, authorizeResponseLocation, type ResponseTarget } from '@/lib/oauth/authorize-request';
import { decideDeviceAuthorization } from '@/lib/oauth/device-authorization';
import { OAuthErrors } from '@/lib/oauth/errors';
import { withQuery } from '@/lib/apps/redirect-uris';

function responseTarget(flow: FlowHandle): ResponseTarget {
  const { row } = flow;
  return { redirectUri: row.redirectUri, method: row.authorizeMethod === 'popup' ? 'popup' : 'redirect', locale: row.locale };
}

function issueCode(tx: Tx, flow: FlowHandle, code?: string): Promise<string> {
  const { row } = flow;
  return issueAuthorizationCode(
    tx,
    {
      appId: row.appId,
      userId: row.userId!,
      redirectUri: row.redirectUri,
      scopes: row.scopes,
      nonce: row.nonce,
      codeChallenge: row.codeChallenge,
      codeChallengeMethod: row.codeChallengeMethod,
      authTime: row.authTime!,
      amr: row.amr,
      orgSlug: row.orgSlug,
      ssoSessionId: row.ssoSessionId,
    },
    code,
  );
}

async function endDeviceRequest(tx: Tx, flow: FlowHandle, approved: boolean) {
  const { row } = flow;
  const decision = approved ? { approved: true as const, userId: row.userId!, authTime: row.authTime!, amr: row.amr } : { approved: false as const };
  // The device code expired meanwhile: nothing is decided, the request stays.
  if (!(await decideDeviceAuthorization(tx, row.deviceAuthorizationId!, decision))) throw new AppError(FlowErrors.request_expired);
  return { location: withQuery(`${config().authServerUrl}/identity/v1/device/complete`, { result: approved ? 'approved' : 'denied', locale: row.locale }) };
}

export async function endRequest(tx: Tx, flow: FlowHandle, ending: FlowEnding): Promise<{ location: string }> {
  const { row } = flow;
  if (flow.surface === 'embedded') {
    if (ending.kind === 'completed') {
      // The embedded adapter always drives with the session id: it becomes the code.
      await issueCode(tx, flow, flow.context.sessionId!);
    }
    return { location: '' };
  }
  if (row.deviceAuthorizationId) return endDeviceRequest(tx, flow, ending.kind === 'completed');
  switch (ending.kind) {
    case 'completed': {
      const code = await issueCode(tx, flow);
      return {
        location: authorizeResponseLocation(responseTarget(flow), { code, state: row.state, iss: config().issuer, locale: row.locale, org: row.orgSlug || undefined }),
      };
    }
    case 'denied':
      return { location: authorizeErrorLocation(responseTarget(flow), 'access_denied', ending.description, row.state) };
    case 'interaction_required':
      return { location: authorizeErrorLocation(responseTarget(flow), ending.error, OAuthErrors[ending.error].message, row.state) };
  }
}
