import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, statusByCode, type ErrorCode } from '../../../common/errors';
import { errorMessage } from '../../../renderer/i18n/errorMessage';
import { en } from '../../../renderer/i18n/en';
import { vi } from '../../../renderer/i18n/vi';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: 'vi',
    fallbackLng: 'vi',
  });
});

describe('errorMessage', () => {
  it('on login, unauthorized and rate_limited get the login wording in Vietnamese and English', async () => {
    await i18n.changeLanguage('vi');
    expect(errorMessage(i18n.t, new AppError('unauthorized', 'x'), 'login')).toBe(
      'Tên đăng nhập hoặc mật khẩu không đúng.',
    );
    expect(errorMessage(i18n.t, new AppError('rate_limited', 'x'), 'login')).toBe(
      'Bạn đã thử đăng nhập quá nhiều lần. Vui lòng thử lại sau ít phút.',
    );
    await i18n.changeLanguage('en');
    expect(errorMessage(i18n.t, new AppError('unauthorized', 'x'), 'login')).toBe(
      'Wrong username or password.',
    );
  });

  it('unavailable reads the same in every context', async () => {
    await i18n.changeLanguage('vi');
    const expected = 'Không kết nối được máy chủ. Kiểm tra mạng hoặc địa chỉ máy chủ.';
    expect(errorMessage(i18n.t, new AppError('unavailable', 'x'), 'login')).toBe(expected);
    expect(errorMessage(i18n.t, new AppError('unavailable', 'x'))).toBe(expected);
  });

  it('every error code has a message in both languages, and anything else gets the generic one', async () => {
    for (const language of ['vi', 'en']) {
      await i18n.changeLanguage(language);
      for (const code of Object.keys(statusByCode) as ErrorCode[]) {
        const text = errorMessage(i18n.t, new AppError(code, 'x'));
        expect(text).not.toContain('errors.');
        expect(text.length).toBeGreaterThan(5);
      }
      expect(errorMessage(i18n.t, new TypeError('boom'))).toBe(
        language === 'vi' ? vi.errors.generic : en.errors.generic,
      );
    }
  });
});
