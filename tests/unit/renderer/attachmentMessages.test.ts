import type { i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../common/errors';
import { attachmentProblem, MAX_ATTACHMENT_BYTES } from '../../../common/domain/task';
import {
  attachmentProblemMessage,
  taskErrorMessage,
} from '../../../renderer/features/tasks/taskFormat';
import { createTestI18n } from '../../helpers/testI18n';

let i18n: i18n;
beforeAll(async () => {
  i18n = await createTestI18n();
});

describe('attachment limits in words', () => {
  it('attachmentProblem() finds the broken rule: type, size, empty file, path in the name; allowed files pass', () => {
    expect(attachmentProblem({ name: 'Kế hoạch.PDF', size: 10 })).toBeNull();
    expect(attachmentProblem({ name: 'Số liệu.xlsx', size: MAX_ATTACHMENT_BYTES })).toBeNull();
    expect(attachmentProblem({ name: 'ảnh.jpeg', size: 1 })).toBeNull();
    expect(attachmentProblem({ name: 'cài đặt.exe', size: 10 })).toMatchObject({
      reason: 'attachment_type',
    });
    expect(attachmentProblem({ name: 'bản cũ.doc', size: 10 })).toMatchObject({
      reason: 'attachment_type',
    });
    expect(attachmentProblem({ name: 'scan.pdf', size: MAX_ATTACHMENT_BYTES + 1 })).toMatchObject({
      reason: 'attachment_too_large',
    });
    expect(attachmentProblem({ name: 'trống.png', size: 0 })).toMatchObject({
      reason: 'attachment_empty',
    });
    expect(attachmentProblem({ name: '../../etc/passwd.pdf', size: 5 })).toMatchObject({
      reason: 'attachment_name',
    });
  });

  it('taskErrorMessage() words each refusal in Vietnamese, naming the file and the limit', () => {
    const t = i18n.t;
    expect(
      taskErrorMessage(
        t,
        new AppError('invalid', 'x', { reason: 'attachment_type', fileName: 'cài đặt.exe' }),
      ),
    ).toBe(
      'Không đính kèm được tệp «cài đặt.exe»: chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx), ảnh PNG hoặc JPG.',
    );
    expect(
      attachmentProblemMessage(
        t,
        {
          reason: 'attachment_too_large',
          fileName: 'Bản scan.pdf',
          size: 25.5 * 1024 * 1024,
          maxBytes: MAX_ATTACHMENT_BYTES,
        },
        'vi',
      ),
    ).toBe('Tệp «Bản scan.pdf» có dung lượng 25,5 MB, vượt quá giới hạn 20 MB cho mỗi tệp.');
    expect(
      taskErrorMessage(
        t,
        new AppError('invalid', 'x', { reason: 'too_many_attachments', max: 10 }),
      ),
    ).toBe('Mỗi báo cáo chỉ được đính kèm tối đa 10 tệp.');
    expect(
      taskErrorMessage(t, new AppError('invalid', 'x', { rejection: 'attachment_missing' })),
    ).toMatch(/^Máy chủ chưa nhận được tệp đính kèm/);
  });
});
