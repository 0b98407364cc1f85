/**
 * Vietnamese strings of annotations on agenda documents (issue #4); vi.ts mounts them under
 * `annotations`.
 */
export const annotationsVi = {
  toolbar: 'Công cụ ghi chú trên tài liệu',
  tools: {
    ink: 'Bút vẽ tự do',
    highlight: 'Tô sáng',
    note: 'Ghi chú dán',
  },
  toolHints: {
    ink: 'Giữ chuột (hoặc bút) và vẽ trên trang tài liệu.',
    highlight: 'Bôi đen đoạn văn bản cần tô sáng; hoặc bôi đen rồi bấm “Tô sáng”.',
    note: 'Bấm vào vị trí trên trang để dán ghi chú.',
  },
  colors: {
    label: 'Màu',
    '#f5c400': 'Vàng',
    '#d62828': 'Đỏ',
    '#1d4ed8': 'Xanh dương',
    '#15803d': 'Xanh lá',
  },
  share: 'Chia sẻ với mọi người',
  shareHint: 'Ghi chú mới sẽ hiển thị với tất cả thành phần dự họp.',
  list: 'Danh sách ghi chú ({{count}})',
  listTitle: 'Ghi chú trên tài liệu',
  listEmpty: 'Chưa có ghi chú nào trên tài liệu này.',
  export: 'Xuất PDF kèm ghi chú',
  exportDone: 'Đã xuất {{fileName}} ({{count}} ghi chú).',
  exportFailed: 'Không xuất được tài liệu kèm ghi chú',
  kinds: {
    ink: 'Nét vẽ',
    highlight: 'Tô sáng',
    note: 'Ghi chú',
  },
  markLabel: '{{kind}} của {{author}}, trang {{page}}',
  markLabelText: '{{kind}} của {{author}}, trang {{page}}: {{text}}',
  item: {
    page: 'Trang {{page}}',
    mine: 'Của tôi',
    by: 'Của {{author}}',
    shared: 'Đã chia sẻ',
    private: 'Riêng tư',
    pending: 'Chờ gửi lên máy chủ',
    goTo: 'Đến trang {{page}}',
    shareOne: 'Chia sẻ với mọi người',
    unshare: 'Thôi chia sẻ',
    delete: 'Xóa',
    deleteLabel: 'Xóa {{kind}} trang {{page}}',
    edit: 'Sửa nội dung',
    lost: 'Không tìm thấy vị trí trong phiên bản mới',
    lostDetail:
      'Ghi chú này được tạo trên phiên bản {{version}}; đoạn văn bản gắn với nó không còn trong phiên bản đang xem.',
    moved: 'Đã chuyển theo phiên bản {{version}}',
  },
  note: {
    title: 'Ghi chú dán',
    text: 'Nội dung ghi chú',
    save: 'Lưu ghi chú',
    cancel: 'Hủy',
  },
  sync: {
    synced: 'Đã đồng bộ ghi chú',
    syncing: 'Đang đồng bộ ghi chú…',
    pending: 'Chờ gửi {{count}} thay đổi',
    offline: 'Mất kết nối – ghi chú được lưu trên máy và sẽ gửi khi có mạng',
    error: 'Không đồng bộ được ghi chú',
  },
  rejections: {
    title: 'Máy chủ không chấp nhận {{count}} thay đổi ghi chú của bạn',
    hint: 'Các thay đổi dưới đây đã được gửi nhưng máy chủ không chấp nhận; tài liệu hiển thị ghi chú theo dữ liệu trên máy chủ.',
    at: 'Lúc {{time}}',
    dismiss: 'Đã hiểu',
    dismissLabel: 'Đã hiểu, ẩn thông báo: {{change}}',
    dismissAll: 'Ẩn tất cả',
    action: {
      create: 'Tạo {{what}}',
      update: 'Sửa {{what}}',
      share: 'Chia sẻ {{what}} với mọi người',
      unshare: 'Thôi chia sẻ {{what}}',
      delete: 'Xóa {{what}}',
      unknown: 'Thay đổi {{what}}',
    },
    what: '{{kind}} ở trang {{page}}',
    whatText: '{{kind}} ở trang {{page}} (“{{excerpt}}”)',
    whatUnknown: 'một ghi chú',
    kinds: {
      ink: 'nét vẽ',
      highlight: 'đoạn tô sáng',
      note: 'ghi chú dán',
    },
    reason: {
      not_participant:
        'Bạn không có tên trong thành phần dự họp, nên không ghi chú được trên tài liệu của cuộc họp này.',
      document_not_found:
        'Tài liệu hoặc phiên bản tài liệu này không còn trong cuộc họp, nên ghi chú không được lưu.',
      annotation_exists:
        'Máy chủ đã có một ghi chú trùng mã với ghi chú này, nên ghi chú không được lưu. Vui lòng tạo lại.',
      annotation_not_found:
        'Ghi chú này không còn trên máy chủ: có thể bạn đã xóa nó trên một máy khác.',
      not_author: 'Chỉ người tạo ghi chú mới sửa, chia sẻ hoặc xóa được ghi chú đó.',
      share_not_allowed:
        'Chỉ thư ký hoặc chủ trì cuộc họp mới được chia sẻ ghi chú với mọi người; vai trò của bạn trong cuộc họp có thể đã thay đổi.',
      invalid: 'Thay đổi không hợp lệ, ví dụ ghi chú nằm ở trang không có trong tài liệu.',
      unknown: 'Máy chủ không chấp nhận thay đổi này ({{message}}).',
    },
  },
  readOnly:
    'Bạn xem được ghi chú được chia sẻ nhưng không ghi chú được trên tài liệu của cuộc họp này.',
  failed: 'Không lưu được ghi chú',
  noSelection: 'Hãy bôi đen đoạn văn bản cần tô sáng trước.',
};
