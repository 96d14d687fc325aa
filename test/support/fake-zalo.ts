/**
 * A fake Zalo Official Account message endpoint on 127.0.0.1 that records every call (headers and JSON body) and
 * answers like Zalo: `{ error: 0, message: 'Success', data: { message_id } }`. `failNext(n, status)` makes the next
 * n calls fail, to exercise retries.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ZaloCall {
  headers: IncomingHttpHeaders;
  body: {
    recipient?: { user_id?: string };
    tracking_id?: string;
    template_id?: string;
    template_data?: Record<string, string>;
    message?: { text?: string };
  };
}

export class FakeZalo {
  readonly calls: ZaloCall[] = [];
  private failures: { remaining: number; status: number } = { remaining: 0, status: 500 };
  private server: Server | null = null;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/v3.0/oa/message/cs`;
  }

  failNext(count: number, status = 503): void {
    this.failures = { remaining: count, status };
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: ZaloCall['body'] = {};
        try {
          body = JSON.parse(text) as ZaloCall['body'];
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: -201 }));
          return;
        }
        if (this.failures.remaining > 0) {
          this.failures.remaining--;
          res.writeHead(this.failures.status, { 'content-type': 'application/json' }).end('{"error":-1}');
          return;
        }
        this.calls.push({ headers: req.headers, body });
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 0, message: 'Success', data: { message_id: `zalo-${this.calls.length}` } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function startFakeZalo(): Promise<FakeZalo> {
  const zalo = new FakeZalo();
  await zalo.start();
  return zalo;
}
