/** An app as /api/v1/apps lists it (lib/api/records.ts appRecord). */
export interface App {
  id: string;
  clientId: string;
  name: string;
  type: 'spa' | 's2s';
  isActive: boolean;
  isBuiltIn: boolean;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  skipConsent: boolean;
  rotateRefreshTokens: boolean;
  allowIntrospection: boolean;
  allowDeviceFlow: boolean;
  /** id_token_signed_response_alg; null: the server's SIGNING_ALGORITHM. */
  idTokenSignedResponseAlg: string | null;
  useSystemMfaConfig: boolean;
  requireEmailMfa: boolean;
  requireOtpMfa: boolean;
  requireSmsMfa: boolean;
  allowEmailMfaAsBackup: boolean;
  scopes: string[];
  createdAt: string;
  updatedAt: string;
}

/** The answer of create and of regenerate secret: the only time an S2S secret is shown. */
export interface AppWithSecret extends App {
  secret?: string;
}

/** A scope as /api/v1/scopes lists it (the fields the app form needs). */
export interface ScopeOption {
  id: string;
  name: string;
  type: 'spa' | 's2s';
}

export const APPS_PATH = '/api/v1/apps';
export const appPath = (id: string) => `${APPS_PATH}/${id}`;
