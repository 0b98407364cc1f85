import type { i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { annotationRejectionCodeSchema } from '../../../../common/annotations/mutations';
import type { AnnotationRefusal } from '../../../../common/ipc/contract';
import {
  refusalChange,
  refusalReason,
} from '../../../../renderer/features/documents/annotations/refusalText';
import { createTestI18n } from '../../../helpers/testI18n';

let i18n: I18n;
beforeAll(async () => {
  i18n = await createTestI18n();
});

const shareRefused: AnnotationRefusal = {
  mutationId: 4,
  annotationId: 'a4',
  action: 'share',
  rejection: { code: 'share_not_allowed', message: 'Only the secretary or the chair shares' },
  annotation: { kind: 'highlight', page: 2, excerpt: 'Phân bổ kinh phí năm 2022' },
  at: '2022-09-27T02:00:00.000Z',
};

describe('refusal wording', () => {
  it('a delegate’s refused share names the highlight, its page and text, and who may share, in Vietnamese and English', async () => {
    await i18n.changeLanguage('vi');
    expect(refusalChange(i18n.t, shareRefused)).toBe(
      'Chia sẻ đoạn tô sáng ở trang 2 (“Phân bổ kinh phí năm 2022”) với mọi người',
    );
    expect(refusalReason(i18n.t, shareRefused)).toMatch(
      /^Chỉ thư ký hoặc chủ trì cuộc họp mới được chia sẻ ghi chú với mọi người/,
    );
    await i18n.changeLanguage('en');
    expect(refusalChange(i18n.t, shareRefused)).toBe(
      'Sharing the highlight on page 2 (“Phân bổ kinh phí năm 2022”) with everyone',
    );
    expect(refusalReason(i18n.t, shareRefused)).toMatch(/^Only the secretary or the chair/);
  });

  it('an edit of an annotation deleted elsewhere says it may have been deleted on another computer', async () => {
    await i18n.changeLanguage('vi');
    const refused: AnnotationRefusal = {
      ...shareRefused,
      action: 'update',
      rejection: { code: 'annotation_not_found', message: 'No such annotation' },
      annotation: { kind: 'ink', page: 5, excerpt: '' },
    };
    expect(refusalChange(i18n.t, refused)).toBe('Sửa nét vẽ ở trang 5');
    expect(refusalReason(i18n.t, refused)).toBe(
      'Ghi chú này không còn trên máy chủ: có thể bạn đã xóa nó trên một máy khác.',
    );
  });

  it('every rejection code has its own sentence in both languages, never the server’s English message', async () => {
    for (const language of ['vi', 'en']) {
      await i18n.changeLanguage(language);
      const sentences = annotationRejectionCodeSchema.options.map((code) =>
        refusalReason(i18n.t, { ...shareRefused, rejection: { code, message: 'SERVER TEXT' } }),
      );
      expect(new Set(sentences).size).toBe(sentences.length);
      for (const sentence of sentences) {
        expect(sentence).not.toContain('SERVER TEXT');
        expect(sentence).not.toContain('annotations.');
      }
    }
  });

  it('an unknown annotation and action still read as a sentence', async () => {
    await i18n.changeLanguage('vi');
    expect(refusalChange(i18n.t, { ...shareRefused, action: null, annotation: null })).toBe(
      'Thay đổi một ghi chú',
    );
  });
});
