/**
 * Texts of the official response, written for the Gò Vấp education office. A template fills what it knows from the
 * incident (units, title, date) and takes the rest as parameters; a missing parameter is left as a visible
 * placeholder in brackets so nobody publishes a sentence with a hole in it unnoticed.
 */
import type { ResponseTemplate } from '@mw/shared';
import { assertUnreachable } from './incident-status';

export interface TemplateContext {
  unitNames: string[];
  incidentTitle: string;
  /** dd/mm/yyyy in Asia/Ho_Chi_Minh. */
  date: string;
  params: Record<string, string>;
}

function p(ctx: TemplateContext, key: string, label: string): string {
  const value = ctx.params[key]?.normalize('NFC').trim();
  return value && value.length > 0 ? value : `[${label}]`;
}

export function renderResponse(template: ResponseTemplate, ctx: TemplateContext): { title: string; body: string } {
  const units = ctx.unitNames.length > 0 ? ctx.unitNames.join(', ') : '[đơn vị]';
  switch (template) {
    case 'holding_statement':
      return {
        title: `Thông tin ban đầu về sự việc tại ${units}`,
        body: [
          `Ngày ${ctx.date}, Phòng Giáo dục và Đào tạo Gò Vấp ghi nhận thông tin liên quan đến ${units}: "${ctx.incidentTitle}".`,
          `Ngay khi nắm thông tin, Phòng đã chỉ đạo nhà trường kiểm tra, xác minh và báo cáo đầy đủ sự việc. ${p(ctx, 'facts', 'các nội dung đã xác minh')}`,
          'Trong thời gian chờ kết quả xác minh, đề nghị quý cơ quan báo chí và phụ huynh chỉ sử dụng thông tin chính thức do người phát ngôn của Phòng hoặc nhà trường cung cấp.',
          `Phòng sẽ cung cấp thông tin tiếp theo trước ${p(ctx, 'nextUpdate', 'thời điểm cập nhật tiếp theo')}.`,
          `Đầu mối liên hệ: ${p(ctx, 'contact', 'họ tên, điện thoại người phát ngôn')}.`,
        ].join('\n\n'),
      };
    case 'correction_request':
      return {
        title: `Đề nghị cải chính thông tin đăng trên ${p(ctx, 'outlet', 'tên cơ quan báo chí')}`,
        body: [
          `Kính gửi: Ban Biên tập ${p(ctx, 'outlet', 'tên cơ quan báo chí')}.`,
          `Ngày ${p(ctx, 'articleDate', 'ngày đăng')}, quý báo đăng bài "${p(ctx, 'articleTitle', 'tên bài viết')}" (${p(ctx, 'articleUrl', 'đường dẫn bài viết')}) có nội dung liên quan đến ${units}.`,
          `Qua kiểm tra, Phòng Giáo dục và Đào tạo Gò Vấp xác định bài viết có thông tin chưa chính xác: ${p(ctx, 'inaccuracy', 'nội dung chưa chính xác')}.`,
          `Thông tin đúng như sau: ${p(ctx, 'facts', 'nội dung đúng, kèm căn cứ')}.`,
          'Căn cứ quy định của pháp luật về báo chí, Phòng đề nghị quý báo đăng cải chính và điều chỉnh nội dung bài viết. Trân trọng cảm ơn sự hợp tác của quý báo.',
          `Đầu mối liên hệ: ${p(ctx, 'contact', 'họ tên, điện thoại người phát ngôn')}.`,
        ].join('\n\n'),
      };
    case 'free':
      return { title: p(ctx, 'title', 'tiêu đề'), body: p(ctx, 'body', 'nội dung') };
    default:
      return assertUnreachable(template);
  }
}
