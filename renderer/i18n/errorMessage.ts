import type { TFunction } from 'i18next';
import { AppError } from '../../common/errors';
import { uploadRefusalReasonSchema } from '../../common/protocol/documentsApi';

/**
 * Where the error happened: login has its own wording for a few codes; an agenda change (an
 * upload, the item under discussion) words the server's reason for refusing it
 * (`details.reason`, `details.maxBytes`).
 */
export type ErrorContext = 'login' | 'agenda' | 'general';

/** The user-facing sentence for an error, in the current language. */
export function errorMessage(
  t: TFunction,
  error: unknown,
  context: ErrorContext = 'general',
): string {
  if (!(error instanceof AppError)) return t('errors.generic');
  if (error.code === 'certificate_mismatch') {
    // Both fingerprints, so IT can tell a renewed certificate from an interception.
    const { expected, received, host } = (error.details ?? {}) as Record<string, unknown>;
    if (typeof expected === 'string' && typeof received === 'string' && typeof host === 'string')
      return t('errors.certificateMismatch', { expected, received, host });
  }
  // Plain http:// to a server on the network (common/protocol/serverUrl.ts), wherever it shows.
  if (
    error.code === 'invalid' &&
    (error.details as { reason?: unknown })?.reason === 'insecure_server_url'
  )
    return t('errors.login.insecure_server_url');
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
  if (context === 'agenda') {
    const details = (error.details ?? {}) as { reason?: unknown; maxBytes?: unknown };
    const reason = uploadRefusalReasonSchema.safeParse(details.reason);
    if (error.code === 'invalid' && reason.success) return t(`errors.upload.${reason.data}`);
    if (error.code === 'too_large' && details.reason === 'meeting_quota')
      return t('errors.upload.meeting_quota');
    if (error.code === 'too_large' && typeof details.maxBytes === 'number')
      return t('errors.upload.too_large', {
        limit: Math.max(1, Math.round(details.maxBytes / (1024 * 1024))),
      });
    if (error.code === 'forbidden') return t('errors.upload.forbidden');
  }
  return t(`errors.common.${error.code}`);
}
