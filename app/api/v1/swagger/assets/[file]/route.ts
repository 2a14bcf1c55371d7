import fs from 'node:fs/promises';
import path from 'node:path';
import { NextResponse } from 'next/server';
import { getAbsoluteFSPath } from 'swagger-ui-dist';

export const dynamic = 'force-static';

/** The start script of each Swagger UI page: the S2S API's and the Embedded Auth API's documents. */
const INIT_SCRIPTS: Record<string, string> = {
  'init.js': `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: false });`,
  'embedded-init.js': `window.ui = SwaggerUIBundle({ url: '/api/v1/embedded-openapi.json', dom_id: '#swagger-ui', deepLinking: true });`,
};

// Only these files of the package are served; the name never reaches the file system otherwise.
const FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

export function generateStaticParams() {
  return [...Object.keys(FILES), ...Object.keys(INIT_SCRIPTS)].map((file) => ({ file }));
}

export async function GET(_request: Request, context: { params: Promise<{ file: string }> }) {
  const { file } = await context.params;
  const cache = { 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff' };
  const init = INIT_SCRIPTS[file];
  if (init) return new NextResponse(init, { headers: { 'Content-Type': 'text/javascript; charset=utf-8', ...cache } });
  const type = FILES[file];
  if (!type) return NextResponse.json({ error: 'not_found', message: 'Not found.' }, { status: 404 });
  const body = await fs.readFile(path.join(getAbsoluteFSPath(), file));
  return new NextResponse(body, { headers: { 'Content-Type': type, ...cache } });
}
