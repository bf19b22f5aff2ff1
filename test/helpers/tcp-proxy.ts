import net from 'node:net';
import { createPostgresDatabase } from './databases.ts';

/** A TCP relay to a server that a test can cut and restore, to play an unreachable database. */
export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  /** While set, nothing is relayed: connections open but every byte waits (a network black hole). */
  private holding = false;
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      const pair: [net.Socket, net.Socket] = [client, upstream];
      this.pairs.add(pair);
      client.on('close', () => this.pairs.delete(pair));
      if (!this.holding) client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /**
   * A black hole: connections stay open and new ones are accepted, but no byte goes through until
   * `release()` (then what waited is delivered, as TCP would once the network is back).
   */
  blackHole(): void {
    this.holding = true;
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  /**
   * Ends the black hole. With `forgetHeld`, the connections it held stay open and silent for
   * good (a firewall that lost their state): only connections opened from now on carry bytes.
   */
  release({ forgetHeld = false }: { forgetHeld?: boolean } = {}): void {
    this.holding = false;
    if (forgetHeld) {
      this.pairs.clear();
      return;
    }
    for (const [client, upstream] of this.pairs) {
      client.pipe(upstream);
      upstream.pipe(client);
    }
  }

  /** Drops every connection and refuses new ones. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}

/**
 * A database of its own on the DATABASE_URL server, reached through a proxy the test controls:
 * `url` goes through the proxy, `created.url` goes straight to the server.
 */
export async function proxiedPostgres(serverUrl: string) {
  const created = await createPostgresDatabase(serverUrl);
  const target = new URL(created.url);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
  await proxy.start();
  const viaProxy = new URL(created.url);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  return { created, proxy, url: viaProxy.toString() };
}
