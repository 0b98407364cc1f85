import { AppError } from '../../../common/errors';
import type { DirectoryRefusalReason } from '../../../common/domain/directory';

/** A refusal the admin screens word from `reason`; `message` is English, for logs. */
export function refused(
  reason: DirectoryRefusalReason,
  message: string,
  details: Record<string, unknown> = {},
): AppError {
  const code =
    reason === 'unit_not_found' || reason === 'site_not_found'
      ? 'not_found'
      : reason === 'name_taken' || reason === 'username_taken' || reason === 'already_merged'
        ? 'invalid_state'
        : 'invalid';
  return new AppError(code, message, { reason, ...details });
}
