// Connection-request listener (TR-069 3.2.2): the ACS sends an HTTP GET to the CPE's
// ConnectionRequestURL; the CPE demands Digest authentication with its ConnectionRequestUsername
// and ConnectionRequestPassword, answers 200, then opens a session with '6 CONNECTION REQUEST'.
// One server can serve many simulated devices, routed by path: /cr/<serial>.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DigestVerifier } from './digest.ts';

export interface ConnectionRequestTarget {
  /** Read on every request: the ACS may have changed them with SetParameterValues. */
  credentials(): { username: string; password: string };
  /** Called after the 200 went out. */
  onConnectionRequest(): void;
}

export interface ConnectionRequestStats {
  accepted: number;
  rejected: number;
}

export class ConnectionRequestServer {
  private readonly targets = new Map<string, ConnectionRequestTarget>();
  private readonly verifier = new DigestVerifier('DeskACS Simulator');
  readonly stats: ConnectionRequestStats = { accepted: 0, rejected: 0 };

  private constructor(
    private readonly server: http.Server,
    readonly baseUrl: string,
  ) {}

  /** Listens on 127.0.0.1 and an ephemeral port unless told otherwise. */
  static async start(host = '127.0.0.1', port = 0): Promise<ConnectionRequestServer> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    const self = new ConnectionRequestServer(server, `http://${host}:${address.port}`);
    server.on('request', (req, res) => self.serve(req, res));
    return self;
  }

  /** Registers a device and returns its ConnectionRequestURL. */
  register(id: string, target: ConnectionRequestTarget): string {
    this.targets.set(id, target);
    return `${this.baseUrl}/cr/${encodeURIComponent(id)}`;
  }

  unregister(id: string): void {
    this.targets.delete(id);
  }

  get deviceCount(): number {
    return this.targets.size;
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    const uri = req.url ?? '/';
    const match = /^\/cr\/([^/?]+)$/.exec(uri.split('?')[0] ?? '');
    const target = match?.[1] ? this.targets.get(decodeURIComponent(match[1])) : undefined;
    if (!target) {
      end(res, 404);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      end(res, 405);
      return;
    }
    const { username, password } = target.credentials();
    if (!this.verifier.verify(req.headers.authorization, { method: req.method, uri }, username, password)) {
      if (req.headers.authorization) this.stats.rejected += 1;
      res.setHeader('WWW-Authenticate', this.verifier.challenge());
      end(res, 401);
      return;
    }
    this.stats.accepted += 1;
    end(res, 200);
    setImmediate(() => target.onConnectionRequest());
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function end(res: http.ServerResponse, status: number): void {
  res.writeHead(status, { 'Content-Length': '0' });
  res.end();
}
