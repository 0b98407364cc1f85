import type { i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/errors';
import type { Task } from '../../../common/domain/task';
import type { SyncState } from '../../../common/tasks/syncState';
import { syncStatusText } from '../../../renderer/features/tasks/SyncIndicator';
import {
  dueText,
  formatDay,
  mutationKey,
  newClientId,
  parseDay,
  taskErrorMessage,
} from '../../../renderer/features/tasks/taskFormat';
import { createTestI18n } from '../../helpers/testI18n';
import { makeTask } from '../../helpers/taskFixture';

let i18n: i18n;
beforeAll(async () => {
  i18n = await createTestI18n();
});

function task(fields: Partial<Task>): Task {
  return makeTask('t1', {
    meetingId: 'm',
    lead: { id: 'hd-so-tc', name: 'Sở Tài chính' },
    content: 'Nội dung',
    reportTo: null,
    ...fields,
  });
}

const sync = (fields: Partial<SyncState>): SyncState => ({
  status: 'synced',
  pending: 0,
  lastSyncedAt: null,
  error: null,
  nextRetryAt: null,
  ...fields,
});

describe('task formatting', () => {
  it('formatDay() and parseDay() convert between YYYY-MM-DD and dd/mm/yyyy', () => {
    expect(formatDay('2022-10-05')).toBe('05/10/2022');
    expect(formatDay('sau khi có ý kiến')).toBe('sau khi có ý kiến');
    expect(parseDay('05/10/2022')).toBe('2022-10-05');
    expect(parseDay(' 5/1/2023 ')).toBe('2023-01-05');
    expect(parseDay('29/02/2024')).toBe('2024-02-29');
    expect(parseDay('29/02/2023')).toBeNull();
    expect(parseDay('2022-10-05')).toBeNull();
  });

  it('dueText() words the due date relative to today in Vietnamese', async () => {
    await i18n.changeLanguage('vi');
    const t = i18n.t;
    const today = '2022-10-20';
    expect(dueText(t, task({ dueDate: '2022-10-17' }), today)).toEqual({
      date: '17/10/2022',
      hint: 'Quá hạn 3 ngày',
    });
    expect(dueText(t, task({ dueDate: today }), today).hint).toBe('Hạn hôm nay');
    expect(dueText(t, task({ dueDate: '2022-10-25' }), today).hint).toBe('Còn 5 ngày');
    expect(
      dueText(t, task({ dueDate: '2022-10-05', status: 'done', completedAt: '2022-10-04' }), today),
    ).toEqual({ date: '05/10/2022', hint: null });
    expect(dueText(t, task({ dueEvent: 'Sau khi có ý kiến của Bộ' }), today)).toEqual({
      date: null,
      hint: 'Sau khi có ý kiến của Bộ',
    });
    expect(dueText(t, task({}), today).hint).toBe('Không có thời hạn');
  });

  it('taskErrorMessage() words a refused change by its rejection code, other errors by their code', async () => {
    await i18n.changeLanguage('vi');
    const refused = new AppError('forbidden', 'Only the lead agency', {
      rejection: 'not_lead_agency',
    });
    expect(taskErrorMessage(i18n.t, refused)).toBe(
      'Chỉ đơn vị chủ trì được báo cáo và cập nhật tình trạng nhiệm vụ này.',
    );
    expect(
      taskErrorMessage(
        i18n.t,
        new AppError('invalid_state', 'x', { rejection: 'status_changed_by_lead' }),
      ),
    ).toMatch(/^Đơn vị chủ trì đã cập nhật tình trạng/);
    expect(taskErrorMessage(i18n.t, new AppError('unauthorized', 'x'))).toBe(
      'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    );
    expect(
      taskErrorMessage(i18n.t, new AppError('forbidden', 'x', { rejection: 'nonsense' })),
    ).toBe('Tài khoản của bạn không có quyền thực hiện thao tác này.');
  });

  it('syncStatusText() says what happens to the changes, in Vietnamese and English', async () => {
    await i18n.changeLanguage('vi');
    expect(syncStatusText(i18n.t, sync({}))).toBe('Đã đồng bộ');
    expect(syncStatusText(i18n.t, sync({ status: 'syncing' }))).toBe('Đang đồng bộ…');
    expect(syncStatusText(i18n.t, sync({ status: 'pending', pending: 1 }))).toBe(
      'Chờ gửi 1 thay đổi',
    );
    expect(syncStatusText(i18n.t, sync({ status: 'offline', pending: 2 }))).toBe(
      'Ngoại tuyến — thay đổi được lưu trên máy',
    );
    expect(
      syncStatusText(
        i18n.t,
        sync({ status: 'error', error: { code: 'incompatible', message: 'x' } }),
      ),
    ).toBe(
      'Lỗi đồng bộ: Phiên bản ứng dụng không tương thích với máy chủ. Vui lòng liên hệ bộ phận kỹ thuật để cập nhật.',
    );
    await i18n.changeLanguage('en');
    expect(syncStatusText(i18n.t, sync({ status: 'pending', pending: 2 }))).toBe(
      '2 changes waiting to be sent',
    );
  });

  it('mutationKey() and newClientId() fit the i18n keys and the mutation id rules', () => {
    expect(mutationKey('task.setStatus')).toBe('setStatus');
    const id = newClientId('report');
    expect(id).toMatch(/^report-[0-9a-f-]{32,36}$/);
    expect(id.length).toBeLessThanOrEqual(64);
    expect(newClientId('report')).not.toBe(id);
  });
});
