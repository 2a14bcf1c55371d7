import { describe, expect, it } from 'vitest';
import { GET as documentGET } from '@/app/api/v1/embedded-openapi.json/route';
import { GET as swaggerGET } from '@/app/api/v1/embedded-swagger/route';
import { GET as swaggerAssetGET } from '@/app/api/v1/swagger/assets/[file]/route';
import { EMBEDDED_ROUTES } from './embedded-api';

type Operation = { operationId: string; requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> }; responses: Record<string, unknown> };

describe('Embedded Auth API OpenAPI document', () => {
  it('is served, OpenAPI 3.1, one unique operation per route of the table, Melody’s paths and bodies', async () => {
    const document = (await documentGET().json()) as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    expect(operations).toHaveLength(EMBEDDED_ROUTES.length);
    expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(operations.length);
    for (const path of ['/initiate', '/{sessionId}/sign-in', '/{sessionId}/otp-mfa', '/{sessionId}/user-orgs', '/token-exchange', '/token-refresh', '/sign-out', '/reset-password-code']) {
      expect(Object.keys(document.paths)).toContain(`/embedded-auth/v1${path}`);
    }
    // The request schemas are the zod schemas the routes validate with.
    const initiate = document.paths['/embedded-auth/v1/initiate']!.post!;
    expect(initiate.requestBody!.content['application/json']!.schema.required).toEqual(expect.arrayContaining(['clientId', 'redirectUri', 'codeChallenge', 'scopes']));
    const otp = document.paths['/embedded-auth/v1/{sessionId}/otp-mfa']!.post!;
    expect(Object.keys(otp.requestBody!.content['application/json']!.schema.properties!)).toEqual(['mfaCode', 'rememberDevice']);
    expect(otp.responses).toHaveProperty('409');
    expect(otp.responses).toHaveProperty('410');
    expect(document.paths['/embedded-auth/v1/token-exchange']!.post!.responses).toHaveProperty('400');
  });

  it('has a Swagger UI page (Melody’s "Embedded Swagger") that loads this document', async () => {
    const page = swaggerGET();
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(await page.text()).toContain('/api/v1/swagger/assets/embedded-init.js');
    const init = await swaggerAssetGET(new Request('http://x'), { params: Promise.resolve({ file: 'embedded-init.js' }) });
    expect(await init.text()).toContain('/api/v1/embedded-openapi.json');
  });
});
