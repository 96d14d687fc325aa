/// <reference types="jest" />
import { RealtimeEvent } from '@mw/shared';
import { alertFor, AlertMemory, toastsFor } from './alerts';

const created = (notificationId: string, severity = 'S1') => ({
  notificationId,
  incidentId: 'incident-1',
  title: '[S1] Sự cố truyền thông mới',
  severity,
});

describe('alertFor', () => {
  it('toasts a serious notification once, however often it comes again (replay, redelivery)', () => {
    const memory = new AlertMemory();
    expect(alertFor(RealtimeEvent.NotificationCreated, created('n1'), memory)).toEqual({
      notificationId: 'n1',
      incidentId: 'incident-1',
      title: '[S1] Sự cố truyền thông mới',
      severity: 'S1',
    });
    // The same notification in a later envelope, as a replay after a reconnect sends it: no toast, no chime.
    expect(alertFor(RealtimeEvent.NotificationCreated, created('n1'), memory)).toBeNull();
    expect(alertFor(RealtimeEvent.NotificationCreated, created('n2', 'S2'), memory)?.notificationId).toBe('n2');
  });

  it('leaves S3/S4 notifications, other events and payloads without an id to the inbox', () => {
    const memory = new AlertMemory();
    expect(alertFor(RealtimeEvent.NotificationCreated, created('n3', 'S3'), memory)).toBeNull();
    expect(alertFor(RealtimeEvent.IncidentUpdated, created('n4'), memory)).toBeNull();
    expect(alertFor(RealtimeEvent.NotificationCreated, { severity: 'S1' }, memory)).toBeNull();
  });

  it('forgets the oldest ids past its limit, not the newest', () => {
    const memory = new AlertMemory(2);
    for (const id of ['a', 'b', 'c']) expect(memory.firstTime(id)).toBe(true);
    expect(memory.firstTime('c')).toBe(false);
    expect(memory.firstTime('a')).toBe(true);
  });
});

describe('toastsFor', () => {
  it('hides alerts about the ticket on screen, and only those', () => {
    const toasts = [
      { notificationId: 'n1', incidentId: 'incident-1', title: 'a', severity: 'S1' },
      { notificationId: 'n2', incidentId: 'incident-2', title: 'b', severity: 'S2' },
      { notificationId: 'n3', incidentId: null, title: 'c', severity: 'S1' },
    ];
    expect(toastsFor('/incidents/incident-1', toasts).map((t) => t.notificationId)).toEqual(['n2', 'n3']);
    expect(toastsFor('/incidents', toasts)).toHaveLength(3);
    expect(toastsFor('/inbox', toasts)).toHaveLength(3);
  });
});
