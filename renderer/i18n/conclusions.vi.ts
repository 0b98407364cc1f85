/** Vietnamese strings of the live conclusions and the tasks extracted from them. */
export const conclusionsVi = {
  title: 'Kết luận cuộc họp',
  editorLabel: 'Nội dung kết luận',
  placeholder: 'Thư ký ghi ý kiến kết luận của chủ trì tại đây…',
  readOnlyHint: 'Kết luận do chủ trì đọc, thư ký ghi; mọi điểm cầu theo dõi trực tiếp.',
  status: {
    draft: 'Dự thảo — phiên bản {{version}}',
    issued: 'Đã ban hành — phiên bản {{version}}',
  },
  saving: {
    saved: 'Đã lưu trên máy chủ',
    pending: 'Chưa gửi được — sẽ gửi khi có kết nối',
    connecting: 'Đang kết nối…',
  },
  toolbar: {
    label: 'Định dạng',
    bold: 'In đậm',
    bulletList: 'Danh sách gạch đầu dòng',
    orderedList: 'Danh sách đánh số',
  },
  extracted: {
    title: 'Nhiệm vụ trích từ kết luận',
    hint: 'Kiểm tra, sửa từng trường rồi xác nhận để giao nhiệm vụ.',
    empty: 'Chưa nhận ra nhiệm vụ nào. Ví dụ: “Giao Sở Tài chính chủ trì … trước ngày 30/12/2026.”',
    item: 'Nhiệm vụ {{n}}',
    lead: 'Đơn vị chủ trì',
    cooperating: 'Đơn vị phối hợp',
    content: 'Nội dung',
    due: 'Hạn hoàn thành',
    reportTo: 'Báo cáo về',
    recurrence: 'Báo cáo định kỳ',
    recurrenceNone: 'Không',
    recurrenceWeekly: 'Hàng tuần',
    recurrenceMonthly: 'Hàng tháng',
    unknownAgency: 'Không có trong danh mục đơn vị: nhiệm vụ sẽ không hiện ở mục “của đơn vị tôi”.',
    confirm: 'Xác nhận giao nhiệm vụ',
    created: 'Đã giao nhiệm vụ',
    createdToast: 'Đã giao nhiệm vụ cho {{lead}}',
  },
};

export type ConclusionsMessages = typeof conclusionsVi;
