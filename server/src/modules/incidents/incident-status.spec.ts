import { INCIDENT_STATUSES, IncidentStatus } from '@mw/shared';
import { allowedTransitions, isSerious, nextStatus } from './incident-status';

describe('nextStatus', () => {
  it('walks the happy path from new to resolved', () => {
    const path: IncidentStatus[] = [
      'new',
      'acknowledged',
      'investigating',
      'response_drafted',
      'awaiting_approval',
      'responded',
      'resolved',
    ];
    for (let i = 1; i < path.length; i++) {
      expect(nextStatus(path[i - 1] as IncidentStatus, path[i] as IncidentStatus)).toEqual({ ok: true, to: path[i] });
    }
  });

  it('refuses skipping acknowledgement and publishing without approval', () => {
    expect(nextStatus('new', 'investigating').ok).toBe(false);
    expect(nextStatus('new', 'resolved').ok).toBe(false);
    expect(nextStatus('response_drafted', 'responded').ok).toBe(false);
    expect(nextStatus('investigating', 'awaiting_approval').ok).toBe(false);
  });

  it('lets every open status be dismissed and nothing leave dismissed', () => {
    for (const from of INCIDENT_STATUSES) {
      const result = nextStatus(from, 'dismissed');
      const open = from !== 'dismissed' && from !== 'resolved' && from !== 'responded';
      expect({ from, ok: result.ok }).toEqual({ from, ok: open });
      if (from !== 'dismissed') continue;
      for (const to of INCIDENT_STATUSES) expect(nextStatus('dismissed', to).ok).toBe(false);
    }
  });

  it('refuses staying in the same status with a reason', () => {
    const result = nextStatus('acknowledged', 'acknowledged');
    expect(result).toEqual({ ok: false, reason: 'the incident is already acknowledged' });
  });

  it('lets a resolved incident be reopened for investigation only', () => {
    expect(nextStatus('resolved', 'investigating').ok).toBe(true);
    expect(nextStatus('resolved', 'new').ok).toBe(false);
  });
});

describe('allowedTransitions', () => {
  const handler = { mayTransition: true, mayPublish: false, mayDismiss: true };
  const publisher = { mayTransition: true, mayPublish: true, mayDismiss: true };

  it('lists exactly the statuses nextStatus accepts, in workflow order', () => {
    for (const from of INCIDENT_STATUSES) {
      const expected = INCIDENT_STATUSES.filter((to) => nextStatus(from, to).ok);
      expect(allowedTransitions(from, publisher)).toEqual(expected);
    }
    expect(allowedTransitions('new', publisher)).toEqual(['acknowledged', 'dismissed']);
    expect(allowedTransitions('dismissed', publisher)).toEqual([]);
  });

  it('offers responded only to those who may publish, and nothing to those who may not transition', () => {
    expect(allowedTransitions('awaiting_approval', publisher)).toEqual(['response_drafted', 'responded', 'dismissed']);
    expect(allowedTransitions('awaiting_approval', handler)).toEqual(['response_drafted', 'dismissed']);
    expect(allowedTransitions('acknowledged', { mayTransition: false, mayPublish: true, mayDismiss: false })).toEqual(
      [],
    );
  });

  it('leaves dismissal out for those who may only propose it (a serious ticket at a unit)', () => {
    const unitHandler = { mayTransition: true, mayPublish: false, mayDismiss: false };
    expect(allowedTransitions('new', unitHandler)).toEqual(['acknowledged']);
    expect(allowedTransitions('investigating', unitHandler)).not.toContain('dismissed');
    expect(isSerious('S1') && isSerious('S2') && !isSerious('S3') && !isSerious('S4')).toBe(true);
  });
});
