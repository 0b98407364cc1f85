import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { AppError } from '../../../../common/errors';
import {
  changePasswordErrorMessage,
  checkPasswordForm,
  problemSentences,
} from '../../../../renderer/features/account/passwordForm';
import { createTestI18n } from '../../../helpers/testI18n';

let t: TFunction;
beforeAll(async () => {
  t = (await createTestI18n()).t;
});

describe('checkPasswordForm', () => {
  it('lists the policy’s problems as the new password is typed', () => {
    expect(checkPasswordForm({ current: 'x', next: '', repeat: '' }, 'sotc').problems).toEqual([]);
    expect(checkPasswordForm({ current: 'x', next: 'abc', repeat: '' }, 'sotc').problems).toEqual([
      'too_short',
    ]);
    expect(
      checkPasswordForm({ current: 'x', next: 'PhongHop@2026', repeat: '' }, 'sotc').problems,
    ).toEqual(['too_common']);
    expect(
      checkPasswordForm({ current: 'x', next: 'nguyenvana1', repeat: '' }, 'nguyenvana1').problems,
    ).toEqual(['same_as_username']);
  });

  it('is ready only with the current password and a good new one typed twice', () => {
    const good = 'Sở-Tài-chính-2026';
    expect(checkPasswordForm({ current: 'cũ', next: good, repeat: good }, 'sotc')).toEqual({
      problems: [],
      mismatch: false,
      ready: true,
    });
    expect(
      checkPasswordForm({ current: 'cũ', next: good, repeat: `${good}x` }, 'sotc'),
    ).toMatchObject({ mismatch: true, ready: false });
    expect(checkPasswordForm({ current: '', next: good, repeat: good }, 'sotc').ready).toBe(false);
  });

  it('words the problems in Vietnamese with diacritics, or in English', () => {
    expect(problemSentences(['too_short'], 'vi')).toEqual(['Mật khẩu phải có ít nhất 10 ký tự.']);
    expect(problemSentences(['too_common'], 'en')).toEqual([
      'This password is too common and easy to guess.',
    ]);
  });
});

describe('changePasswordErrorMessage', () => {
  it('words the server’s reasons, a weak password with its problems', () => {
    const wrong = new AppError('invalid', 'The current password is not right', {
      reason: 'wrong_password',
    });
    expect(changePasswordErrorMessage(t, wrong, 'vi')).toBe('Mật khẩu hiện tại không đúng.');
    const weak = new AppError('invalid', 'x', { reason: 'weak_password', problems: ['too_short'] });
    expect(changePasswordErrorMessage(t, weak, 'vi')).toBe(
      'Mật khẩu mới chưa đạt yêu cầu. Mật khẩu phải có ít nhất 10 ký tự.',
    );
    expect(changePasswordErrorMessage(t, new AppError('unavailable', 'offline'), 'vi')).toBe(
      'Không kết nối được máy chủ. Kiểm tra mạng hoặc địa chỉ máy chủ.',
    );
  });
});
