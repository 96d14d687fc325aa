/**
 * A real SMTP server on 127.0.0.1 (npm smtp-server) that keeps every message it accepts, for tests that check what
 * the notification workers send. It can be stopped and started again on the same port to simulate an outage, and
 * told to refuse messages (4xx or 5xx) for a while. Bodies are decoded (quoted-printable / base64, UTF-8, by the demo's
 * mail reader, demo/src/mail-parse.ts) so tests can assert the Vietnamese text as a reader sees it.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMessage } from '../../demo/src/mail-parse';

export interface ReceivedMail {
  from: string;
  to: string[];
  headers: Map<string, string>;
  subject: string;
  messageId: string;
  text: string;
  html: string;
  raw: string;
}

export class TestSmtpServer {
  readonly messages: ReceivedMail[] = [];
  /** Set to make the server answer DATA with this code (e.g. 451 or 550). */
  refuseWith: number | null = null;
  /**
   * Set to keep a received message's final answer (250) waiting: the message is recorded, the hook runs, the
   * client hears nothing until the returned promise resolves. Simulates a sender dying after SMTP took the data.
   */
  onReceived: ((mail: ReceivedMail) => Promise<void>) | null = null;
  private server: SMTPServer | null = null;
  private currentPort = 0;

  get port(): number {
    return this.currentPort;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.currentPort}`;
  }

  async start(port = this.currentPort): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.refuseWith !== null) {
            const err = new Error('refused by the test') as Error & { responseCode: number };
            err.responseCode = this.refuseWith;
            callback(err);
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const mail = parseMail(raw, session.envelope.mailFrom, session.envelope.rcptTo);
          this.messages.push(mail);
          const hook = this.onReceived;
          if (!hook) {
            callback();
            return;
          }
          hook(mail).then(
            () => callback(),
            () => callback(),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    this.server = server;
    this.currentPort = (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Waits until at least `count` messages arrived (or throws after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} mails, got ${this.messages.length}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.messages;
  }
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const smtp = new TestSmtpServer();
  await smtp.start(0);
  return smtp;
}

function addressesOf(value: false | { address: string } | { address: string }[]): string[] {
  if (!value) return [];
  return (Array.isArray(value) ? value : [value]).map((a) => a.address);
}

function parseMail(raw: string, mailFrom: false | { address: string }, rcptTo: { address: string }[]): ReceivedMail {
  const message = parseMessage(raw);
  return {
    from: addressesOf(mailFrom)[0] ?? '',
    to: addressesOf(rcptTo),
    headers: message.headers,
    subject: message.subject,
    messageId: message.headers.get('message-id') ?? '',
    text: message.text,
    html: message.html,
    raw,
  };
}
