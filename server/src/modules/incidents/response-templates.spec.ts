import { renderResponse, type TemplateContext } from './response-templates';

const ctx: TemplateContext = {
  unitNames: ['THPT Gò Vấp'],
  incidentTitle: 'Học sinh bị đánh trong giờ ra chơi',
  date: '04/03/2026',
  params: {},
};

describe('renderResponse', () => {
  it('fills the holding statement from the incident and its parameters', () => {
    const { title, body } = renderResponse('holding_statement', {
      ...ctx,
      params: { contact: 'Cô Lan, 0909 000 111', nextUpdate: '17:00 ngày 04/03/2026' },
    });
    expect(title).toBe('Thông tin ban đầu về sự việc tại THPT Gò Vấp');
    expect(body).toContain('Ngày 04/03/2026');
    expect(body).toContain('"Học sinh bị đánh trong giờ ra chơi"');
    expect(body).toContain('Đầu mối liên hệ: Cô Lan, 0909 000 111.');
    expect(body).toContain('trước 17:00 ngày 04/03/2026');
  });

  it('leaves a visible placeholder for each missing parameter', () => {
    const { title, body } = renderResponse('correction_request', { ...ctx, params: { outlet: 'Báo Mẫu' } });
    expect(title).toBe('Đề nghị cải chính thông tin đăng trên Báo Mẫu');
    expect(body).toContain('[tên bài viết]');
    expect(body).toContain('[nội dung chưa chính xác]');
    expect(body).not.toContain('undefined');
  });

  it('normalises parameters to NFC', () => {
    const nfd = 'Tuổi Trẻ'.normalize('NFD');
    const { title } = renderResponse('correction_request', { ...ctx, params: { outlet: nfd } });
    expect(title).toContain('Tuổi Trẻ'.normalize('NFC'));
    expect(title).not.toContain(nfd);
  });
});
