import type { TFunction } from 'i18next';
import { AppError } from '../../common/errors';

/** Where the error happened: login has its own wording for a few codes. */
export type ErrorContext = 'login' | 'general';

/** The user-facing sentence for an error, in the current language. */
export function errorMessage(
  t: TFunction,
  error: unknown,
  context: ErrorContext = 'general',
): string {
  if (!(error instanceof AppError)) return t('errors.generic');
  if (context === 'login') {
    switch (error.code) {
      case 'unauthorized':
      case 'rate_limited':
      case 'invalid':
      case 'forbidden':
        return t(`errors.login.${error.code}`);
      default:
        break;
    }
  }
  return t(`errors.common.${error.code}`);
}
