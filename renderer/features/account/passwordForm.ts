/**
 * The change-password form as plain data: the policy's problems with the new password as it is
 * typed (account.ts, the same rules the server applies), whether the repetition matches, and the
 * server's refusals in words.
 */
import type { TFunction } from 'i18next';
import {
  passwordProblems,
  passwordProblemText,
  type PasswordProblem,
} from '../../../common/domain/account';
import { AppError } from '../../../common/errors';
import { errorMessage } from '../../i18n/errorMessage';

export interface PasswordFormState {
  current: string;
  next: string;
  repeat: string;
}

export interface PasswordFormCheck {
  /** The policy's problems with the new password; none while nothing is typed yet. */
  problems: PasswordProblem[];
  /** The repetition is typed and differs. */
  mismatch: boolean;
  /** Everything needed is there and acceptable. */
  ready: boolean;
}

export function checkPasswordForm(form: PasswordFormState, username: string): PasswordFormCheck {
  const problems = form.next ? passwordProblems(form.next, username) : [];
  const mismatch = form.repeat !== '' && form.repeat !== form.next;
  return {
    problems,
    mismatch,
    ready:
      form.current !== '' && form.next !== '' && problems.length === 0 && form.repeat === form.next,
  };
}

/** The policy's sentences in the screen's language (Vietnamese unless English). */
export function problemSentences(problems: readonly PasswordProblem[], language: string): string[] {
  const lang = language.startsWith('en') ? 'en' : 'vi';
  return problems.map((p) => passwordProblemText[p][lang]);
}

const REASONS = ['wrong_password', 'same_password', 'weak_password'] as const;

/** The server's refusal of a change: wrong current password, the same one again, a weak one. */
export function changePasswordErrorMessage(t: TFunction, error: unknown, language: string): string {
  if (!(error instanceof AppError) || error.code !== 'invalid') return errorMessage(t, error);
  const details = (error.details ?? {}) as { reason?: unknown; problems?: unknown };
  const reason = REASONS.find((r) => r === details.reason);
  if (!reason) return errorMessage(t, error);
  const sentence = t(`account.errors.${reason}`);
  if (reason !== 'weak_password' || !Array.isArray(details.problems)) return sentence;
  const known = details.problems.filter((p): p is PasswordProblem =>
    Object.hasOwn(passwordProblemText, String(p)),
  );
  return [sentence, ...problemSentences(known, language)].join(' ');
}
