/**
 * Accounts: how a username is written and what a password must be. One module, so the login
 * schema, the lock-out counter, the admin CLI, user creation and the change-password screen agree.
 */
import { z } from 'zod';

/**
 * The one spelling of a username: trimmed, NFC, lower case. " Admin " and "admin" are one
 * account and one lock-out counter.
 */
export function normalizeUsername(raw: string): string {
  return raw.trim().normalize('NFC').toLowerCase();
}

/** A username as typed at sign-in (any case and surrounding spaces), normalised. */
export const loginUsernameSchema = z
  .string()
  .max(64)
  .transform(normalizeUsername)
  .pipe(z.string().min(1, 'Username is empty'));

/** A username as an administrator creates it: letters, digits, dot, dash, underscore. */
export const newUsernameSchema = z
  .string()
  .max(64)
  .transform(normalizeUsername)
  .pipe(
    z
      .string()
      .min(2, 'Username has at least 2 characters')
      .regex(
        /^[a-z0-9][a-z0-9._-]*$/,
        'Username uses only a–z, 0–9, dot, dash and underscore, and starts with a letter or digit',
      ),
  );

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Passwords offices are known to pick, and those of breach lists that reach 10 characters; matched
 * after lower-casing. Short on purpose: the length rule already refuses the shorter classics.
 */
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '123456789a',
  '1234567890a',
  'a123456789',
  'qwertyuiop',
  'qwerty1234',
  'qwerty12345',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'zaq12wsxcde3',
  'password123',
  'password1234',
  'password@123',
  'password@2024',
  'password@2025',
  'password@2026',
  'p@ssw0rd123',
  'p@ssword123',
  'admin12345',
  'admin123456',
  'admin@12345',
  'admin@123456',
  'administrator',
  'matkhau123',
  'matkhau1234',
  'matkhau@123',
  'matkhau@2026',
  'vietnam123',
  'vietnam@123',
  'vietnam1234',
  'iloveyou123',
  '11111111111',
  '1111111111',
  '0000000000',
  '123123123123',
  'abc1234567',
  'abcd123456',
  'abc@123456',
  'phonghop123',
  'phonghop@123',
  'phonghop@2026',
  'ubndtinh123',
  'ubnd@12345',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'same_as_username' | 'too_common';

/** What is wrong with `password` for the account `username`; empty when it is acceptable. */
export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const normalized = password.normalize('NFC');
  const length = [...normalized].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const lower = normalized.toLowerCase();
  const name = normalizeUsername(username);
  if (
    name &&
    (lower === name || lower.replace(/[^a-z0-9]/g, '') === name.replace(/[^a-z0-9]/g, ''))
  )
    problems.push('same_as_username');
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(lower) || isRunOfDigits(lower))
    problems.push('too_common');
  return problems;
}

function isRunOfDigits(text: string): boolean {
  if (!/^\d+$/.test(text)) return false;
  const step = Number(text[1]) - Number(text[0]);
  if (Math.abs(step) !== 1) return false;
  for (let i = 1; i < text.length; i++)
    if ((Number(text[i]) - Number(text[i - 1]) + 10) % 10 !== (step + 10) % 10) return false;
  return true;
}

/** One sentence per problem, in Vietnamese then English, for the CLI and error details. */
export const passwordProblemText: Record<PasswordProblem, { vi: string; en: string }> = {
  too_short: {
    vi: `Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`,
    en: `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`,
  },
  too_long: {
    vi: `Mật khẩu dài quá ${PASSWORD_MAX_LENGTH} ký tự.`,
    en: `The password is longer than ${PASSWORD_MAX_LENGTH} characters.`,
  },
  same_as_username: {
    vi: 'Mật khẩu không được trùng tên đăng nhập.',
    en: 'The password must not be the username.',
  },
  too_common: {
    vi: 'Mật khẩu này quá phổ biến, dễ bị đoán.',
    en: 'This password is too common and easy to guess.',
  },
};

/** A new password in a request body: its policy is checked by the handler, which knows the username. */
export const newPasswordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);
