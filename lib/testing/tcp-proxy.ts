// A TCP proxy on 127.0.0.1 in front of a test's PostgreSQL or Redis, which the test can take down
// and bring back: an outage of ITS connection only, never of the machine's shared services (other
// tests and engineers use them at the same time).
//   down()    closes every connection and stops listening: new connections are refused
//             (ECONNREFUSED), as when the server is stopped;
//   hang()    keeps accepting connections but forwards nothing: a server that does not answer
//             (network partition), so clients run into their own timeouts;
//   up()      listens again on the same port and forwards.
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  down(): Promise<void>;
  hang(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
  /** Connections currently open through the proxy. */
  readonly openConnections: number;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'up' | 'hang' = 'up';
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;

  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const onConnection = (client: net.Socket) => {
    track(client);
    if (mode === 'hang') return; // accepted, never answered
    const upstream = net.connect(target);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer(onConnection);
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port }, () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });

  const stopListening = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      if (!current) return resolve();
      current.close(() => resolve());
    });

  await listen();
  return {
    get port() {
      return port;
    },
    get openConnections() {
      return sockets.size;
    },
    via(url: string) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    async down() {
      mode = 'up';
      await stopListening();
    },
    async hang() {
      await stopListening();
      mode = 'hang';
      await listen();
    },
    async up() {
      if (server && mode === 'up') return;
      await stopListening();
      mode = 'up';
      await listen();
    },
    close: stopListening,
  };
}

/** host and port of a connection string. */
export function targetOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || (parsed.protocol.startsWith('redis') ? 6379 : 5432)) };
}
