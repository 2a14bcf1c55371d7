import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoveryDocument } from './discovery';

const ISSUER = 'http://localhost:3999';

describe('discovery document', () => {
  it('advertises logout, revocation and introspection with the client authentication each accepts', () => {
    expect(discoveryDocument()).toMatchObject({
      end_session_endpoint: `${ISSUER}/oauth2/v1/logout`,
      revocation_endpoint: `${ISSUER}/oauth2/v1/revoke`,
      introspection_endpoint: `${ISSUER}/oauth2/v1/introspect`,
      revocation_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });

  it('lists only endpoints that have a route handler', () => {
    const document = discoveryDocument() as Record<string, unknown>;
    const urls = Object.entries(document).filter(([key]) => key.endsWith('_endpoint') || key === 'jwks_uri');
    expect(urls.length).toBeGreaterThan(5);
    for (const [key, url] of urls) {
      const pathname = new URL(String(url)).pathname.replace('/.well-known/', '/well-known/');
      expect(existsSync(path.join(process.cwd(), 'app', pathname, 'route.ts')), key).toBe(true);
    }
  });
});
