/// <reference types="jest" />
import { ErrorCode, type ApiErrorBody } from '@mw/shared';
import { ApiError } from '../../api/http';
import { renderInLanguage } from '../../i18n/render-static.testing';
import { ErrorMessage } from './ErrorMessage';
import { FieldError, serverFieldError } from './FieldError';
import { validationFailure, validationSentence } from './validation-message';

function badRequest(extra: Partial<ApiErrorBody>): ApiError {
  return new ApiError(400, {
    statusCode: 400,
    code: ErrorCode.ValidationFailed,
    message: 'name must be shorter than or equal to 200 characters',
    field: 'name',
    ...extra,
  });
}

describe('validationSentence', () => {
  it('words a limit about the field label, in Vietnamese and in English', () => {
    const failure = { field: 'name', constraint: 'maxLength', params: { max: 200 } };
    expect(validationSentence('vi', failure, 'Họ và tên')).toBe('Họ và tên chỉ được dài tối đa 200 ký tự.');
    expect(validationSentence('en', failure, 'Full name')).toBe('Full name must be at most 200 characters long.');
  });

  it('speaks of "the value" when the page does not know the label', () => {
    expect(validationSentence('vi', { field: 'name', constraint: 'isNotEmpty' })).toBe('Giá trị không được để trống.');
    expect(validationSentence('en', { field: 'days', constraint: 'min', params: { min: 1 } })).toBe(
      'The value must be 1 or more.',
    );
  });

  it('words the common constraints with their limits', () => {
    const vi = (constraint: string, params?: Record<string, string | number>) =>
      validationSentence('vi', { field: 'x', constraint, params }, 'Tên');
    expect(vi('isLength', { min: 1, max: 500 })).toBe('Tên phải có từ 1 đến 500 ký tự.');
    expect(vi('isLength', { min: 3 })).toBe('Tên phải có ít nhất 3 ký tự.');
    expect(vi('max', { max: 90 })).toBe('Tên phải nhỏ hơn hoặc bằng 90.');
    expect(vi('isInt')).toBe('Tên phải là số nguyên.');
    expect(vi('isIn', { values: 'rss, atom' })).toBe('Tên phải là một trong các giá trị: rss, atom.');
    expect(vi('isEnum')).toBe('Tên không nằm trong các giá trị được phép.');
    expect(vi('isEmail')).toBe('Tên chưa đúng dạng email, ví dụ ten@donvi.edu.vn.');
    expect(vi('isUUID')).toBe('Tên không phải là mã định danh hợp lệ.');
    expect(vi('matches')).toBe('Tên chưa đúng định dạng.');
    expect(vi('isUrl')).toBe('Tên phải là địa chỉ web đầy đủ, bắt đầu bằng http:// hoặc https://.');
    expect(vi('isHttpUrl')).toBe(vi('isUrl'));
    expect(vi('arrayMinSize', { min: 1 })).toBe('Tên phải có ít nhất 1 mục.');
  });

  it('names an unknown field by its path', () => {
    expect(validationSentence('vi', { field: 'nickname', constraint: 'whitelistValidation' }, 'ignored')).toBe(
      'Máy chủ không nhận trường “nickname”.',
    );
    expect(validationSentence('en', { field: 'nickname', constraint: 'whitelistValidation' })).toBe(
      'The server does not accept the field “nickname”.',
    );
  });

  it('gives no sentence (the caller falls back) without a constraint, for one not known, or a limit missing', () => {
    expect(validationSentence('vi', undefined)).toBeNull();
    expect(validationSentence('vi', { field: 'name' })).toBeNull();
    expect(validationSentence('vi', { field: 'name', constraint: 'isLatLong' })).toBeNull();
    expect(validationSentence('vi', { field: 'name', constraint: 'toString' })).toBeNull();
    expect(validationSentence('vi', { field: 'name', constraint: 'maxLength' })).toBeNull();
  });

  it('reads the failure only from a validation 400', () => {
    expect(validationFailure(badRequest({ constraint: 'maxLength' }))).toMatchObject({ constraint: 'maxLength' });
    expect(validationFailure(new ApiError(409, { statusCode: 409, code: ErrorCode.Conflict, message: 'x' }))).toBe(
      undefined,
    );
    expect(validationFailure(new Error('x'))).toBeUndefined();
  });
});

describe('ErrorMessage and FieldError', () => {
  const render = renderInLanguage;
  const error = badRequest({ constraint: 'maxLength', params: { max: 200 } });

  it('shows Vietnamese readers the translated sentence, the English one only as the title', () => {
    const html = render('vi', <ErrorMessage error={error} />);
    expect(html).toContain('>Giá trị chỉ được dài tối đa 200 ký tự.</p>');
    expect(html).toContain('title="name must be shorter than or equal to 200 characters"');
    expect(html).not.toContain('(name must');
  });

  it('shows English readers the translated sentence with the server sentence as a detail', () => {
    const html = render('en', <ErrorMessage error={error} label="Name" />);
    expect(html).toContain('Name must be at most 200 characters long.');
    expect(html).toContain('<span class="muted"> (name must be shorter than or equal to 200 characters)</span>');
    expect(html).not.toContain('title=');
  });

  it('falls back to the generic text, with the detail kept off the Vietnamese line', () => {
    const conflict = new ApiError(409, { statusCode: 409, code: ErrorCode.Conflict, message: 'already merged' });
    const html = render('vi', <ErrorMessage error={conflict} />);
    expect(html).toContain('>Thao tác xung đột với một thay đổi khác, vui lòng thử lại.</p>');
    expect(html).toContain('title="already merged"');
  });

  it('words the field error from serverFieldError about the field label', () => {
    const server = serverFieldError(
      badRequest({ field: 'email', constraint: 'isEmail', message: 'email must be an email' }),
      ['email'],
    );
    expect(server).toMatchObject({ field: 'email', failure: { constraint: 'isEmail' } });
    const props = { id: 'e', field: 'email', messageKey: 'form.invalid' as const, detail: server?.detail };
    const vi = render('vi', <FieldError {...props} failure={server?.failure} label="Địa chỉ email" />);
    expect(vi).toContain('>Địa chỉ email chưa đúng dạng email, ví dụ ten@donvi.edu.vn.</span>');
    expect(vi).toContain('title="email must be an email"');
    const en = render('en', <FieldError {...props} failure={server?.failure} label="E-mail address" />);
    expect(en).toContain('E-mail address must be an e-mail address such as name@unit.edu.vn.');
    expect(en).toContain('(email must be an email)');
    const generic = render('vi', <FieldError {...props} />);
    expect(generic).toContain('>Giá trị không hợp lệ.</span>');
  });
});
