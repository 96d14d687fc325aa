/**
 * The demo's SMTP catcher as the person running the demo reads it: a message the product sends (nodemailer, as the
 * server's e-mail channel sends it) is kept as an .eml file and listed on the mailbox page the demo prints, with its
 * Vietnamese subject and text decoded.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTransport } from 'nodemailer';
import { startFeedServer, type FeedServer } from './feed-server';
import { startMailCatcher, type MailCatcher } from './mail-catcher';
import { prepareDataDir } from './server-process';

describe('the demo mail catcher', () => {
  let dir: string;
  let mail: MailCatcher;
  let site: FeedServer;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-demo-mail-'));
    mail = await startMailCatcher(path.join(dir, 'mail'));
    site = await startFeedServer(undefined, (req, res, urlPath) => mail.route(req, res, urlPath));
  });
  afterAll(async () => {
    await Promise.all([mail.close(), site.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps each e-mail as a file and shows it, decoded, on the mailbox page', async () => {
    const caught: string[] = [];
    mail.onMail((m) => caught.push(m.subject));
    const transport = createTransport({ url: mail.url, ignoreTLS: true } as never);
    await transport.sendMail({
      from: 'Media Watch (demo) <media-watch@demo.local>',
      to: 'hieutruong.phantayho@demo.local',
      subject: '[S2] Chuyển cấp 2: Phụ huynh phản ánh Trường THCS Phan Tây Hồ',
      text: 'Sự vụ chưa được tiếp nhận. Mở sự vụ: http://localhost:3999/incidents/1',
    });
    expect(caught).toEqual(['[S2] Chuyển cấp 2: Phụ huynh phản ánh Trường THCS Phan Tây Hồ']);
    const files = fs.readdirSync(path.join(dir, 'mail'));
    expect(files).toEqual(['001-hieutruong.phantayho@demo.local.eml']);

    const list = await fetch(`${site.url}/mail/`);
    expect(list.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await list.text();
    expect(page).toContain('Hộp thư demo (1 thư)');
    expect(page).toContain('<a href="/mail/1">[S2] Chuyển cấp 2: Phụ huynh phản ánh Trường THCS Phan Tây Hồ</a>');
    const one = await (await fetch(`${site.url}/mail/1`)).text();
    expect(one).toContain('Gửi tới: hieutruong.phantayho@demo.local');
    expect(one).toContain('Sự vụ chưa được tiếp nhận.');
    expect((await fetch(`${site.url}/mail/2`)).status).toBe(404);
  });
});

describe("the demo's folder", () => {
  it('is wiped at start unless --keep', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-demo-dir-'));
    try {
      fs.writeFileSync(path.join(dir, 'outlets.port'), '4321');
      await prepareDataDir(dir, true);
      expect(fs.readdirSync(dir)).toEqual(['outlets.port']);
      await prepareDataDir(dir, false);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
