import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Acknowledge links: `<notification id>.<expiry>.<signature>`, all base64url, short enough for a Zalo message.
 * The signature is an HMAC-SHA256 (first 128 bits) over the id and the expiry, so a link cannot be forged or
 * extended; single use is enforced by the notification row (acknowledged_at is set once).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type AckTokenCheck =
  { ok: true; notificationId: string } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

function signature(secret: string, idPart: string, expiryPart: string): Buffer {
  return createHmac('sha256', secret).update(`ack.${idPart}.${expiryPart}`).digest().subarray(0, 16);
}

export function signAckToken(secret: string, notificationId: string, expiresAt: Date): string {
  const idPart = Buffer.from(notificationId.replace(/-/g, ''), 'hex').toString('base64url');
  const expiryPart = Math.floor(expiresAt.getTime() / 1000).toString(36);
  return `${idPart}.${expiryPart}.${signature(secret, idPart, expiryPart).toString('base64url')}`;
}

export function verifyAckToken(secret: string, token: string, now: Date): AckTokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [idPart, expiryPart, sigPart] = parts as [string, string, string];
  if (
    !/^[A-Za-z0-9_-]{22}$/.test(idPart) ||
    !/^[0-9a-z]{1,10}$/.test(expiryPart) ||
    !/^[A-Za-z0-9_-]{22}$/.test(sigPart)
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const given = Buffer.from(sigPart, 'base64url');
  const expected = signature(secret, idPart, expiryPart);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad_signature' };
  if (parseInt(expiryPart, 36) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  const hex = Buffer.from(idPart, 'base64url').toString('hex');
  const notificationId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  if (!UUID.test(notificationId)) return { ok: false, reason: 'malformed' };
  return { ok: true, notificationId };
}
