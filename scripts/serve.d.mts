import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export const SHUTDOWN_GRACE_MS: number;
export function socketAddress(socket: Pick<Socket, 'remoteAddress'> | null | undefined): string;
export function newClientIpHeader(): string;
export interface ListenerState {
  stopping: boolean;
  inFlight: number;
}
export type RequestListener = ((req: IncomingMessage, res: ServerResponse) => void) & { state: ListenerState };
export function createRequestListener(options: {
  clientIpHeader: string;
  handle: (req: IncomingMessage, res: ServerResponse) => unknown;
  state?: ListenerState;
}): RequestListener;
export function runShutdownHooks(timeoutMs?: number): Promise<void>;
export function gracefulStop(
  server: Server,
  listener: RequestListener,
  options?: { graceMs?: number; onDrained?: () => Promise<void> | void },
): (reason: string) => Promise<void>;
export function stopOnSignals(stop: (reason: string) => Promise<void>): () => boolean;
export function capRequestBody(req: IncomingMessage, res: ServerResponse, limit: number): void;
export type WebHandler = (request: Request) => Promise<Response>;
export type FastRoutes = Readonly<Record<string, Readonly<Record<string, WebHandler>>>>;
export function fastRouteHandler(routes: FastRoutes | null, req: Pick<IncomingMessage, 'url' | 'method'>): WebHandler | null;
export function answerWithWebHandler(handler: WebHandler, req: IncomingMessage, res: ServerResponse, origin: string): Promise<void>;
export function fastFrontEnabled(value?: string): boolean;
export function answerLikeNext(handler: WebHandler, req: IncomingMessage, res: ServerResponse, origin: string): Promise<void>;
