/** An API key as GET /api/v1/api-keys returns it (never its secret). */
export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  ipAllowList: string[];
  expiresAt: string | null;
  status: 'active' | 'revoked' | 'expired';
  revokedAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  createdById: string | null;
  createdAt: string;
}

export const API_KEYS_PATH = '/api/v1/api-keys';
