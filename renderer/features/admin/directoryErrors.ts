/**
 * The words for the directory's refusals: the server names why in `details.reason`
 * (`directoryRefusalReasonSchema`); a weak password lists the policy's problems, worded from
 * account.ts in the screen's language.
 */
import type { TFunction } from 'i18next';
import { AppError } from '../../../common/errors';
import { passwordProblemText, type PasswordProblem } from '../../../common/domain/account';
import { directoryRefusalReasonSchema } from '../../../common/domain/directory';
import { errorMessage } from '../../i18n/errorMessage';

export function directoryErrorMessage(t: TFunction, error: unknown, language: string): string {
  if (!(error instanceof AppError)) return errorMessage(t, error);
  const details = (error.details ?? {}) as {
    reason?: unknown;
    name?: unknown;
    username?: unknown;
    successor?: { name?: unknown } | null;
    problems?: unknown;
  };
  const reason = directoryRefusalReasonSchema.safeParse(details.reason);
  if (!reason.success) return errorMessage(t, error);
  if (reason.data === 'weak_password') {
    const problems = Array.isArray(details.problems) ? (details.problems as PasswordProblem[]) : [];
    const lang = language.startsWith('en') ? 'en' : 'vi';
    const sentences = problems.flatMap((p) =>
      passwordProblemText[p] ? [passwordProblemText[p][lang]] : [],
    );
    return [t('admin.errors.weak_password'), ...sentences].join(' ');
  }
  return t(`admin.errors.${reason.data}`, {
    name: String(details.name ?? ''),
    username: String(details.username ?? ''),
    successor: String(details.successor?.name ?? ''),
  });
}
