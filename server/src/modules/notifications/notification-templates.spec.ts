import { renderNotification, renderShort, truncateAtWord } from './notification-templates';

const link = 'https://mediawatch.govap.test/incidents/3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b';
const ack = 'https://mediawatch.govap.test/api/notifications/ack/Pyu4HppNTm-LKhw9Xn-aCw.tfq2c0.abcdefghijklmnopqrstuv';

describe('notification templates', () => {
  it('renders Vietnamese with the deep link and the acknowledge link', () => {
    const r = renderNotification('incident.escalated', {
      language: 'vi',
      params: {
        title: 'Bạo lực học đường',
        units: 'Trường THCS Gò Vấp',
        level: '2',
        severity: 'S1',
        reason: 'Chưa ai xác nhận',
      },
      incidentLink: link,
      ackLink: ack,
    });
    expect(r.subject).toBe('[S1] Chuyển cấp 2: Bạo lực học đường');
    expect(r.body).toContain('đã được chuyển lên cấp 2');
    expect(r.text).toContain(`Xem phiếu sự cố: ${link}`);
    expect(r.text).toContain(`Xác nhận đã nhận: ${ack}`);
    expect(r.html).toContain(`<a href="${link}">Xem phiếu sự cố</a>`);
  });

  it('writes a dash for a missing parameter, escapes HTML and composes NFD input', () => {
    const r = renderNotification('incident.opened', {
      language: 'vi',
      params: { title: '<script>x</script> Tre\u0302\u0300n', severity: 'S3' },
      incidentLink: null,
      ackLink: null,
    });
    expect(r.body).toContain('liên quan đến —');
    expect(r.subject).toContain('Trền');
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('&lt;script&gt;');
    expect(r.text).not.toContain('undefined');
  });

  it('says by how much the severity rose, not a level of the chain', () => {
    const params = { title: 'Cô giáo xúc phạm học sinh', units: 'THCS Phan Tây Hồ', severity: 'S1', from: 'S3' };
    const vi = renderNotification('incident.severity_raised', {
      language: 'vi',
      params,
      incidentLink: null,
      ackLink: null,
    });
    expect(vi.subject).toBe('[S1] Mức độ tăng lên S1: Cô giáo xúc phạm học sinh');
    expect(vi.body).toContain('từ mức S3 lên mức S1');
    const en = renderNotification('incident.severity_raised', {
      language: 'en',
      params,
      incidentLink: null,
      ackLink: null,
    });
    expect(en.subject).toBe('[S1] Severity raised to S1: Cô giáo xúc phạm học sinh');
  });

  it('has an English version of every template and a generic fallback', () => {
    for (const template of [
      'incident.opened',
      'incident.escalated',
      'incident.severity_raised',
      'incident.response_overdue',
      'incident.acknowledged',
      'response.awaiting_approval',
      'response.approved',
      'response.sent_back',
      'digest',
    ]) {
      const vi = renderNotification(template, {
        language: 'vi',
        params: { title: 'T' },
        incidentLink: null,
        ackLink: null,
      });
      const en = renderNotification(template, {
        language: 'en',
        params: { title: 'T' },
        incidentLink: null,
        ackLink: null,
      });
      expect(en.subject).not.toBe(vi.subject);
    }
    expect(
      renderNotification('something.new', {
        language: 'vi',
        params: { title: 'Tin mới' },
        incidentLink: null,
        ackLink: null,
      }).subject,
    ).toBe('Media Watch: Tin mới');
  });

  it('fits the short form to a limit by cutting the longest parameter, keeping the links whole', () => {
    const title = 'Phụ huynh phản ánh '.repeat(40).trim();
    const short = renderShort(
      'incident.opened',
      {
        language: 'vi',
        params: { title, units: 'Trường Mầm non Sơn Ca', severity: 'S2' },
        incidentLink: link,
        ackLink: ack,
      },
      400,
    );
    expect(short.text.length).toBeLessThanOrEqual(400);
    expect(short.text).toContain(link);
    expect(short.text.endsWith(ack)).toBe(true);
    expect(short.params.units).toBe('Trường Mầm non Sơn Ca');
    expect(short.params.title?.endsWith('…')).toBe(true);
  });

  it('cuts at a word boundary', () => {
    expect(truncateAtWord('một hai ba bốn năm', 12)).toBe('một hai ba…');
    expect(truncateAtWord('ngắn', 12)).toBe('ngắn');
    expect(truncateAtWord('abcdefghijklmnop', 6)).toBe('abcde…');
  });
});
