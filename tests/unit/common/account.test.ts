import { describe, expect, it } from 'vitest';
import {
  loginUsernameSchema,
  newUsernameSchema,
  normalizeUsername,
  passwordProblems,
} from '../../../common/domain/account';

describe('normalizeUsername', () => {
  it('gives one spelling for whitespace and case variants', () => {
    expect(new Set([' ThuKy', 'thuky ', '\tTHUKY\n', 'thuky'].map(normalizeUsername))).toEqual(
      new Set(['thuky']),
    );
    expect(loginUsernameSchema.parse('  Admin ')).toBe('admin');
    expect(loginUsernameSchema.safeParse('   ').success).toBe(false);
  });

  it('newUsernameSchema refuses spaces and diacritics in a new username', () => {
    expect(newUsernameSchema.safeParse('nguyen van a').success).toBe(false);
    expect(newUsernameSchema.safeParse('nguyễn').success).toBe(false);
    expect(newUsernameSchema.parse(' Nguyen.VanA ')).toBe('nguyen.vana');
  });
});

describe('passwordProblems', () => {
  it('accepts a long passphrase with Vietnamese letters', () => {
    expect(passwordProblems('Họp giao ban sáng thứ Hai', 'thuky')).toEqual([]);
  });

  it('names every rule a password breaks', () => {
    expect(passwordProblems('abc', 'x')).toEqual(['too_short']);
    expect(passwordProblems('quantri2026', 'QuanTri2026')).toEqual(['same_as_username']);
    expect(passwordProblems('1234567890', 'x')).toEqual(['too_common']);
    expect(passwordProblems('Password@2026', 'x')).toEqual(['too_common']);
    expect(passwordProblems('aaaaaaaaaaaa', 'x')).toEqual(['too_common']);
    expect(passwordProblems('9876543210', 'x')).toEqual(['too_common']);
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    // 10 letters with diacritics: long enough even though some are composed of two code points.
    expect(passwordProblems('ắằẳẵặấầẩẫậ', 'x')).toEqual([]);
    expect(passwordProblems('ắằẳẵặấầẩẫ', 'x')).toEqual(['too_short']);
  });
});
