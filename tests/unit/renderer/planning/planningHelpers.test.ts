import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { AppError } from '../../../../common/errors';
import { foldedFilter } from '../../../../renderer/features/planning/foldedFilter';
import { planningErrorMessage } from '../../../../renderer/features/planning/planningErrors';
import { createTestI18n } from '../../../helpers/testI18n';

let t: TFunction;
beforeAll(async () => {
  t = (await createTestI18n()).t;
});

describe('foldedFilter', () => {
  const options = [
    { value: 'sotc', label: 'Hoàng Văn Lộc — Sở Tài chính' },
    { value: 'chutri', label: 'Nguyễn Minh Hùng — UBND tỉnh Hải Dương' },
    { value: 'gialoc', label: 'Lương Thị Huyền — UBND huyện Gia Lộc' },
  ];

  it('finds a person typed without diacritics or case, every word anywhere', () => {
    const found = (search: string, limit = 10) =>
      foldedFilter({ options, search, limit }).map((o) => ('value' in o ? o.value : ''));
    expect(found('hoang van loc')).toEqual(['sotc']);
    expect(found('HÙNG hai duong')).toEqual(['chutri']);
    expect(found('loc')).toEqual(['sotc', 'gialoc']);
    expect(found('loc', 1)).toEqual(['sotc']);
    expect(found('')).toEqual(['sotc', 'chutri', 'gialoc']);
    expect(found('da nang')).toEqual([]);
  });
});

describe('planningErrorMessage', () => {
  it('shows the server’s Vietnamese sentence for a refused plan, in Vietnamese only', () => {
    const refused = new AppError(
      'invalid_state',
      'Mời ít nhất một đơn vị, điểm cầu hoặc đại biểu trước khi phát hành.',
    );
    expect(planningErrorMessage(t, refused, 'vi')).toBe(
      'Mời ít nhất một đơn vị, điểm cầu hoặc đại biểu trước khi phát hành.',
    );
    expect(planningErrorMessage(t, refused, 'en')).toBe(
      'Thao tác không thực hiện được ở trạng thái hiện tại. Vui lòng tải lại và thử lại.',
    );
  });

  it('words a technical refusal and every other error by its code', () => {
    const technical = new AppError(
      'invalid',
      'Invalid request body at endsAt: The meeting must end after it starts',
    );
    expect(planningErrorMessage(t, technical, 'vi')).toBe(
      'Thông tin nhập vào chưa hợp lệ. Vui lòng kiểm tra lại.',
    );
    expect(planningErrorMessage(t, new AppError('forbidden', 'Chỉ Văn phòng'), 'vi')).toBe(
      'Tài khoản của bạn không có quyền thực hiện thao tác này.',
    );
  });
});
