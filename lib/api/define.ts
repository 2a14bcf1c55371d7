import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { AppError, CommonErrors, type ErrorDefinition } from '@/lib/errors';
import { apiErrorResponse, NO_STORE } from '@/lib/http/errors';
import { clientIp, readJsonValue } from '@/lib/http/request';
import { assertMayWriteTargets } from '@/lib/access/targets';
import { resolveApiPrincipal, type ApiPrincipal, type PrincipalOptions } from './principal';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One S2S API operation. The same zod schemas validate the request, type the handler and
 * generate the OpenAPI document (lib/api/openapi.ts): there is no hand-written spec.
 */
export interface ApiRouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: HttpMethod;
  /** OpenAPI path template, e.g. /api/v1/scopes/{id}. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /**
   * Every listed scope is needed; `root` grants all (lib/access decides). A write whose path names
   * a user ({authId}) also needs every right that user holds (lib/access/targets.ts).
   */
  scopes: readonly string[];
  /**
   * A dashboard right (impersonation, manage_saml) that grants this operation to an admin session
   * in place of `scopes` (S2S apps hold no such right); see lib/api/principal.ts.
   */
  adminScope?: PrincipalOptions['adminScope'];
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of the success body; omit for 204. */
  response?: R;
  successStatus?: 200 | 201 | 204;
  /** Domain errors the operation may answer with; documented in the OpenAPI document. */
  errors?: readonly ErrorDefinition[];
  /**
   * 'ndjson': the handler returns an AsyncIterable of `response` items, sent as
   * application/x-ndjson (one JSON document per line). The first item is read before the status
   * is sent, so errors thrown before it are ordinary error responses.
   */
  stream?: 'ndjson';
  handler: (input: {
    principal: ApiPrincipal;
    params: z.output<P>;
    query: z.output<Q>;
    body: z.output<B>;
    ip: string;
  }) => Promise<R extends z.ZodType ? z.input<R> : void> | AsyncIterable<R extends z.ZodType ? z.input<R> : never>;
}

// Handler parameter types vary per route; collections of routes only need the common shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiRoute = ApiRouteSpec<any, any, any, any>;

// The defaults are zod's type of `z.object({})`, whose shape is written `{}`.
/* eslint-disable @typescript-eslint/no-empty-object-type */
export function defineApiRoute<
  P extends z.ZodType = z.ZodObject<{}>,
  Q extends z.ZodType = z.ZodObject<{}>,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodVoid,
>(spec: ApiRouteSpec<P, Q, B, R>): ApiRouteSpec<P, Q, B, R> {
  return spec;
}
/* eslint-enable @typescript-eslint/no-empty-object-type */

/** Path parameters that do not parse name no existing resource: 404, like an unknown id. */
async function parseParams(schema: z.ZodType | undefined, context: { params: Promise<Record<string, string>> }) {
  if (!schema) return {};
  const parsed = schema.safeParse(await context.params);
  if (!parsed.success) throw new AppError(CommonErrors.not_found);
  return parsed.data;
}

/** A Next.js route handler for one operation: authenticate, validate, call the service, respond. */
export function handle(route: ApiRoute) {
  return async (request: NextRequest, context: { params: Promise<Record<string, string>> }) => {
    try {
      const principal = await resolveApiPrincipal(request, route.scopes, { adminScope: route.adminScope });
      const params = await parseParams(route.params, context);
      await assertMayWriteTargets(principal, route.method, params as Record<string, unknown>);
      const query = route.query ? route.query.parse(Object.fromEntries(request.nextUrl.searchParams)) : {};
      const body = route.body ? route.body.parse(await readJsonValue(request)) : undefined;
      const output = route.handler({ principal, params, query, body, ip: clientIp(request) });
      if (route.stream === 'ndjson') return await ndjsonResponse(route, output as AsyncIterable<unknown>);
      const result = await output;
      const status = route.successStatus ?? 200;
      if (status === 204) return new NextResponse(null, { status: 204, headers: NO_STORE });
      return NextResponse.json(route.response ? route.response.parse(result) : result, { status, headers: NO_STORE });
    } catch (error) {
      return apiErrorResponse(error);
    }
  };
}

/** Streams `items` as NDJSON, each validated against the route's response schema. */
async function ndjsonResponse(route: ApiRoute, items: AsyncIterable<unknown>): Promise<Response> {
  const iterator = items[Symbol.asyncIterator]();
  const first = await iterator.next();
  const encoder = new TextEncoder();
  const line = (item: unknown) => encoder.encode(`${JSON.stringify(route.response ? route.response.parse(item) : item)}\n`);
  let pending: IteratorResult<unknown> | null = first;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = pending ?? (await iterator.next());
        pending = null;
        if (next.done) controller.close();
        else controller.enqueue(line(next.value));
      } catch (error) {
        console.error('[tessera] streamed response failed', error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    status: route.successStatus ?? 200,
    headers: { ...NO_STORE, 'Content-Type': 'application/x-ndjson; charset=utf-8' },
  });
}
