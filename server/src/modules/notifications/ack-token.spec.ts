import { signAckToken, verifyAckToken } from './ack-token';

const secret = 'k'.repeat(40);
const id = '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b';
const now = new Date('2026-11-27T03:00:00Z');
const later = new Date(now.getTime() + 3600_000);

describe('acknowledge tokens', () => {
  it('round-trips the notification id until the expiry', () => {
    const token = signAckToken(secret, id, later);
    expect(token.length).toBeLessThan(60);
    expect(verifyAckToken(secret, token, now)).toEqual({ ok: true, notificationId: id });
    expect(verifyAckToken(secret, token, new Date(later.getTime() + 1000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token signed with another secret or with a changed expiry', () => {
    const token = signAckToken(secret, id, later);
    expect(verifyAckToken('x'.repeat(40), token, now)).toEqual({ ok: false, reason: 'bad_signature' });
    const [idPart, , sig] = token.split('.');
    const extended = `${idPart}.${Math.floor(later.getTime() / 1000 + 86400).toString(36)}.${sig}`;
    expect(verifyAckToken(secret, extended, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses garbage', () => {
    for (const bad of ['', 'a.b', 'a.b.c', `${'A'.repeat(22)}.zz.${'B'.repeat(21)}`]) {
      expect(verifyAckToken(secret, bad, now).ok).toBe(false);
    }
  });
});
