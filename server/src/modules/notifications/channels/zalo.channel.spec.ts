import { buildZaloBody, ZALO_PARAM_LIMIT, ZALO_TEXT_LIMIT } from './zalo.channel';
import type { OutgoingMessage } from './notification-channel';
import { PermanentDeliveryError } from './notification-channel';

const base: OutgoingMessage = {
  notificationId: '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b',
  incidentId: '9a0b3f2b-8c1e-4e6f-8b2a-1c3d5e7f9a0b',
  event: 'incident.opened',
  level: 0,
  template: 'incident.opened',
  params: {
    title: 'Học sinh bị ngộ độc sau bữa trưa '.repeat(10),
    units: 'Trường Tiểu học Hanh Thông',
    severity: 'S1',
  },
  urgent: true,
  recipient: { id: 'p', name: 'Cô Lan', email: 'lan@govap.test', zaloId: '8811223344', language: 'vi' },
  incidentLink: 'https://mw.test/incidents/9a0b3f2b-8c1e-4e6f-8b2a-1c3d5e7f9a0b',
  ackLink: 'https://mw.test/api/notifications/ack/token',
  createdAt: new Date('2026-11-27T03:00:00Z'),
};

describe('Zalo message body', () => {
  it('names the follower, the template, the tracking id and keeps within the limits', () => {
    const body = buildZaloBody(base);
    expect(body.recipient.user_id).toBe('8811223344');
    expect(body.tracking_id).toBe(base.notificationId);
    expect(body.template_id).toBe('incident.opened');
    expect(body.template_data.link).toBe(base.incidentLink);
    expect(body.template_data.ack_link).toBe(base.ackLink);
    expect(body.template_data.units).toBe('Trường Tiểu học Hanh Thông');
    expect(
      Object.values(body.template_data).every((v) => v === base.incidentLink || v.length <= ZALO_PARAM_LIMIT),
    ).toBe(true);
    expect(body.message.text.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    expect(body.message.text).toContain(base.incidentLink as string);
  });

  it('refuses a person without a Zalo id for good', () => {
    expect(() => buildZaloBody({ ...base, recipient: { ...base.recipient, zaloId: null } })).toThrow(
      PermanentDeliveryError,
    );
  });
});
