import { signWebhook, verifyWebhookSignature } from './webhook.channel';

describe('webhook signature', () => {
  const secret = 's'.repeat(40);
  const now = new Date('2026-11-27T03:00:00Z');
  const ts = String(Math.floor(now.getTime() / 1000));
  const body = '{"id":"x","text":"Sự cố"}';

  it('is an HMAC-SHA256 of timestamp and body', () => {
    expect(signWebhook(secret, ts, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, { timestamp: ts, signature: signWebhook(secret, ts, body) }, body, now)).toBe(
      true,
    );
  });

  it('fails for another body, another secret or a stale timestamp', () => {
    const signature = signWebhook(secret, ts, body);
    expect(verifyWebhookSignature(secret, { timestamp: ts, signature }, `${body} `, now)).toBe(false);
    expect(verifyWebhookSignature('t'.repeat(40), { timestamp: ts, signature }, body, now)).toBe(false);
    const later = new Date(now.getTime() + 600_000);
    expect(verifyWebhookSignature(secret, { timestamp: ts, signature }, body, later)).toBe(false);
  });
});
