/// <reference types="jest" />
import type { Language } from '@mw/shared';
import { ApiError } from '../../api/http';
import { translate, type MessageKey } from '../../i18n/i18n';
import { loginErrorText } from './login-error';

const t = (language: Language) => (key: MessageKey, params?: Record<string, string | number>) =>
  translate(language, key, params);

describe('loginErrorText', () => {
  it('tells how many minutes a lock has left, in Vietnamese and English', () => {
    const locked = new ApiError(423, {
      statusCode: 423,
      code: 'ACCOUNT_LOCKED' as never,
      message: 'Too many wrong passwords: try again in 12 minutes',
      retryAfterMinutes: 12,
    });
    expect(loginErrorText(locked, t('vi'))).toBe(
      'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 12 phút.',
    );
    expect(loginErrorText(locked, t('en'))).toContain('12 min');
  });

  it('keeps the other answers', () => {
    expect(loginErrorText(new ApiError(401, undefined), t('vi'))).toBe('Email hoặc mật khẩu không đúng.');
    expect(loginErrorText(new Error('offline'), t('en'))).toBe('Cannot reach the server.');
  });
});
