import type { i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, statusByCode, type ErrorCode } from '../../../common/errors';
import { uploadRefusalReasonSchema } from '../../../common/protocol/documentsApi';
import { errorMessage } from '../../../renderer/i18n/errorMessage';
import { en } from '../../../renderer/i18n/en';
import { vi } from '../../../renderer/i18n/vi';
import { createTestI18n } from '../../helpers/testI18n';

let i18n: i18n;
beforeAll(async () => {
  i18n = await createTestI18n();
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

  it('in the agenda context, each upload refusal reason, the size cap and forbidden are worded in both languages', async () => {
    await i18n.changeLanguage('vi');
    const notPdf = new AppError('invalid', 'x', { reason: 'not_pdf', kind: 'png' });
    expect(errorMessage(i18n.t, notPdf, 'agenda')).toBe(
      'Tệp đã chọn không phải là tệp PDF. Vui lòng chọn đúng tệp PDF.',
    );
    const tooLarge = new AppError('too_large', 'x', { maxBytes: 200 * 1024 * 1024 });
    expect(errorMessage(i18n.t, tooLarge, 'agenda')).toBe('Tệp lớn hơn mức cho phép (200 MB).');
    expect(errorMessage(i18n.t, new AppError('forbidden', 'x'), 'agenda')).toMatch(/^Chỉ chủ trì/);
    // Without a known reason: the common wording.
    expect(errorMessage(i18n.t, new AppError('invalid', 'x'), 'agenda')).toBe(
      vi.errors.common.invalid,
    );
    for (const language of ['vi', 'en']) {
      await i18n.changeLanguage(language);
      for (const reason of uploadRefusalReasonSchema.options) {
        const text = errorMessage(i18n.t, new AppError('invalid', 'x', { reason }), 'agenda');
        expect(text).toBe((language === 'vi' ? vi : en).errors.upload[reason]);
      }
    }
    expect(errorMessage(i18n.t, tooLarge, 'agenda')).toBe(
      'The file is larger than allowed (200 MB).',
    );
  });

  it('a meeting over its storage quota and a full server disk are worded as such, not as a file too large', async () => {
    await i18n.changeLanguage('vi');
    const quota = new AppError('too_large', 'x', { reason: 'meeting_quota', quotaBytes: 1 << 30 });
    expect(errorMessage(i18n.t, quota, 'agenda')).toBe(vi.errors.upload.meeting_quota);
    expect(errorMessage(i18n.t, new AppError('insufficient_storage', 'x'), 'agenda')).toMatch(
      /^Máy chủ đã hết dung lượng lưu trữ/,
    );
    await i18n.changeLanguage('en');
    expect(errorMessage(i18n.t, quota, 'agenda')).toBe(en.errors.upload.meeting_quota);
  });
});
