/** Vietnamese strings of presenter sync in the room. */
export const presentationVi = {
  title: 'Tài liệu trình bày',
  follow: 'Theo người trình bày',
  none: 'Chưa có tài liệu nào đang được trình bày.',
  now: 'Đang trình bày: {{title}} — {{name}} ({{site}}), trang {{page}}',
  choose: 'Tài liệu',
  choosePlaceholder: 'Chọn tài liệu để trình bày',
  start: 'Trình bày',
  stop: 'Dừng trình bày',
  appoint: 'Người trình bày',
  appointNobody: 'Chủ trì hoặc thư ký',
};

export type PresentationMessages = typeof presentationVi;
