/**
 * A refused annotation change in words the user understands: what they tried on which annotation
 * ("Chia sẻ đoạn tô sáng ở trang 2 (“…”) với mọi người") and why the server said no, from the
 * refusal's action and code (the server's English message only for a code this version does not
 * know).
 */
import type { TFunction } from 'i18next';
import { annotationRejectionCodeSchema } from '../../../../common/annotations/mutations';
import type { AnnotationRefusal } from '../../../../common/ipc/contract';

export function refusalChange(t: TFunction, refusal: AnnotationRefusal): string {
  const { annotation } = refusal;
  const what = !annotation
    ? t('annotations.rejections.whatUnknown')
    : annotation.excerpt
      ? t('annotations.rejections.whatText', {
          kind: t(`annotations.rejections.kinds.${annotation.kind}`),
          page: annotation.page,
          excerpt: annotation.excerpt,
        })
      : t('annotations.rejections.what', {
          kind: t(`annotations.rejections.kinds.${annotation.kind}`),
          page: annotation.page,
        });
  return t(`annotations.rejections.action.${refusal.action ?? 'unknown'}`, { what });
}

export function refusalReason(t: TFunction, refusal: AnnotationRefusal): string {
  const code = annotationRejectionCodeSchema.safeParse(refusal.rejection.code);
  return code.success
    ? t(`annotations.rejections.reason.${code.data}`)
    : t('annotations.rejections.reason.unknown', { message: refusal.rejection.message });
}
