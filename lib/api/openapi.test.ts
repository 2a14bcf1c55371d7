import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GET as openapiGET } from '@/app/api/v1/openapi.json/route';
import { GET as swaggerGET } from '@/app/api/v1/swagger/route';
import { GET as swaggerAssetGET } from '@/app/api/v1/swagger/assets/[file]/route';
import { apiRoutes } from './registry';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('OpenAPI document', () => {
  it('is served, OpenAPI 3.1, with one unique operation per route', async () => {
    const document = (await openapiGET().json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));
    expect(operations).toHaveLength(apiRoutes.length);
    expect(new Set(operations).size).toBe(operations.length);
  });

  it('every documented operation is wired to a Next.js route handler', async () => {
    for (const route of apiRoutes) {
      const file = path.join(ROOT, 'app', route.path.replace(/\{(\w+)\}/g, '[$1]'), 'route.ts');
      const handlers = (await import(file)) as Record<string, unknown>;
      expect(typeof handlers[route.method], `${route.method} ${route.path} in ${file}`).toBe('function');
    }
  });
});

describe('Swagger UI', () => {
  it('is served from the local package with a CSP that allows no inline script', async () => {
    const page = swaggerGET();
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(await page.text()).toContain('/api/v1/swagger/assets/swagger-ui-bundle.js');
    const bundle = await swaggerAssetGET(new Request('http://x'), { params: Promise.resolve({ file: 'swagger-ui-bundle.js' }) });
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    const init = await swaggerAssetGET(new Request('http://x'), { params: Promise.resolve({ file: 'init.js' }) });
    expect(await init.text()).toContain('/api/v1/openapi.json');
    const traversal = await swaggerAssetGET(new Request('http://x'), { params: Promise.resolve({ file: '../package.json' }) });
    expect(traversal.status).toBe(404);
  });
});
