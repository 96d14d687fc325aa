/**
 * A local SMTP server (npm smtp-server) that catches every e-mail the product sends during the demo: each message is
 * kept as an .eml file (any mail program opens it) and listed on a small mailbox page, where the text part is shown
 * decoded, as its recipient reads it.
 */
import * as fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { escapeXml } from './feeds';
import { parseMessage } from './mail-parse';

export interface CaughtMail {
  seq: number;
  to: string[];
  subject: string;
  file: string;
  text: string;
  receivedAt: Date;
}

export interface MailCatcher {
  /** smtp://127.0.0.1:PORT */
  url: string;
  dir: string;
  mails: CaughtMail[];
  onMail(listener: (mail: CaughtMail) => void): void;
  /** Serves /mail/ (the list) and /mail/<seq> (one message); false for other paths. */
  route(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  close(): Promise<void>;
}

export async function startMailCatcher(dir: string): Promise<MailCatcher> {
  fs.mkdirSync(dir, { recursive: true });
  const mails: CaughtMail[] = [];
  const listeners: ((mail: CaughtMail) => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const seq = mails.length + 1;
        const to = session.envelope.rcptTo.map((r) => r.address);
        const file = path.join(dir, `${String(seq).padStart(3, '0')}-${safeName(to[0] ?? 'unknown')}.eml`);
        fs.writeFileSync(file, raw);
        const parsed = parseMessage(raw);
        const text = parsed.text || parsed.html.replace(/<[^>]+>/g, ' ').trim();
        const mail: CaughtMail = { seq, to, subject: parsed.subject, file, text, receivedAt: new Date() };
        mails.push(mail);
        for (const listener of listeners) listener(mail);
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  const page = (title: string, body: string) =>
    `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#1f2933}
td,th{padding:.3rem .6rem;text-align:left;border-bottom:1px solid #e4e7eb}pre{white-space:pre-wrap;background:#f5f7fa;padding:1rem}</style>
</head><body>${body}</body></html>`;

  return {
    url: `smtp://127.0.0.1:${port}`,
    dir,
    mails,
    onMail: (listener) => void listeners.push(listener),
    route(_req, res, urlPath) {
      if (!urlPath.startsWith('/mail')) return false;
      const send = (status: number, html: string) => {
        res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
        res.end(html);
      };
      const one = /^\/mail\/(\d+)$/.exec(urlPath);
      if (one) {
        const mail = mails.find((m) => m.seq === Number(one[1]));
        if (!mail) {
          send(404, page('Không có thư', '<p>Không có thư này. <a href="/mail/">Hộp thư</a></p>'));
          return true;
        }
        send(
          200,
          page(
            mail.subject,
            `<p><a href="/mail/">← Hộp thư demo</a></p><h1>${escapeXml(mail.subject)}</h1>
<p>Gửi tới: ${escapeXml(mail.to.join(', '))}<br>Tệp: <code>${escapeXml(mail.file)}</code></p><pre>${escapeXml(mail.text)}</pre>`,
          ),
        );
        return true;
      }
      const rows = [...mails]
        .reverse()
        .map(
          (m) =>
            `<tr><td>${m.receivedAt.toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}</td><td>${escapeXml(m.to.join(', '))}</td><td><a href="/mail/${m.seq}">${escapeXml(m.subject)}</a></td></tr>`,
        )
        .join('');
      send(
        200,
        page(
          'Hộp thư demo',
          `<h1>Hộp thư demo (${mails.length} thư)</h1><p>Mọi thư Media Watch gửi trong bản demo được giữ lại ở đây và trong <code>${escapeXml(dir)}</code>.</p>
<table><thead><tr><th>Lúc</th><th>Người nhận</th><th>Tiêu đề</th></tr></thead><tbody>${rows}</tbody></table>`,
        ),
      );
      return true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function safeName(address: string): string {
  return address.replace(/[^a-z0-9.@_-]/gi, '_').slice(0, 80);
}
