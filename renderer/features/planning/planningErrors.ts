import type { TFunction } from 'i18next';
import { AppError } from '../../../common/errors';
import { errorMessage } from '../../i18n/errorMessage';

// Letters only Vietnamese writes: the server words its planning refusals in Vietnamese
// ("Chọn hội trường hoặc ghi địa điểm"), while schema failures stay technical English.
const VIETNAMESE_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

/**
 * A planning refusal in words: the server's own Vietnamese sentence when it wrote one for a bad
 * request or state (it names what is wrong, e.g. which agenda item still has documents) and the
 * screen is in Vietnamese; otherwise the app's sentence for the error's code.
 */
export function planningErrorMessage(t: TFunction, error: unknown, language: string): string {
  if (
    error instanceof AppError &&
    (error.code === 'invalid' || error.code === 'invalid_state') &&
    language.startsWith('vi') &&
    VIETNAMESE_LETTERS.test(error.message)
  )
    return error.message;
  return errorMessage(t, error);
}
