/** Vietnamese strings of agenda management (upload, item under discussion): the source of the keys. */
export const agendaManageVi = {
  upload: 'Tải lên tài liệu',
  uploadFor: 'Tải lên tài liệu cho nội dung {{number}}: {{title}}',
  uploadVersion: 'Tải lên phiên bản mới',
  uploadVersionOf: 'Tải lên phiên bản mới của {{title}}',
  setCurrent: 'Chuyển sang mục này',
  setCurrentOf: 'Chuyển thảo luận sang nội dung {{number}}: {{title}}',
  clearCurrent: 'Kết thúc thảo luận',
  clearCurrentOf: 'Kết thúc thảo luận nội dung {{number}}: {{title}}',
  setCurrentFailed: 'Không chuyển được mục đang thảo luận',
  dialogDocument: 'Tải lên tài liệu mới',
  dialogVersion: 'Tải lên phiên bản mới',
  forItem: 'Nội dung {{number}}: {{title}}',
  forDocument: 'Tài liệu “{{title}}”, hiện là phiên bản {{version}}',
  file: 'Tệp PDF',
  fileHint: 'Chọn tệp PDF trên máy này.',
  chosen: 'Đã chọn: {{name}} ({{size}})',
  title: 'Tiêu đề tài liệu',
  titleHint: 'Mặc định là tên tệp; có thể sửa lại.',
  confidential: 'Mật',
  confidentialHint: 'Chỉ những người được mời họp mới đọc được tài liệu này.',
  submit: 'Tải lên',
  cancel: 'Hủy',
  close: 'Đóng',
  sending: 'Đang gửi {{percent}}%',
  checking: 'Đã gửi xong, máy chủ đang kiểm tra tệp…',
  progressLabel: 'Tiến độ tải lên {{name}}',
  failed: 'Không tải lên được tài liệu',
  uploaded: 'Đã tải lên “{{title}}”.',
  uploadedVersion: 'Đã tải lên phiên bản {{version}} của “{{title}}”.',
};

/** How the server's refusals of an upload are worded (`errors.upload`). */
export const uploadErrorsVi = {
  not_pdf: 'Tệp đã chọn không phải là tệp PDF. Vui lòng chọn đúng tệp PDF.',
  pdf_empty: 'Tệp PDF trống, không có trang nào.',
  pdf_incomplete:
    'Tệp PDF không đầy đủ (có thể bị cắt ngang khi sao chép). Vui lòng lấy lại tệp gốc rồi thử lại.',
  pdf_damaged: 'Tệp PDF bị hỏng, không đọc được. Vui lòng kiểm tra lại tệp.',
  pdf_encrypted: 'Tệp PDF đang đặt mật khẩu. Vui lòng tải lên bản không đặt mật khẩu.',
  pdf_too_many_pages:
    'Tệp PDF có quá nhiều trang, vượt mức máy chủ cho phép. Vui lòng tách tài liệu thành nhiều tệp nhỏ hơn rồi tải lên.',
  pdf_timeout:
    'Máy chủ kiểm tra tệp PDF quá lâu mà chưa xong (tệp quá phức tạp hoặc bị hỏng). Vui lòng lưu lại thành tệp PDF thông thường (ví dụ bằng “In ra PDF”) rồi thử lại.',
  pdf_too_complex:
    'Tệp PDF quá phức tạp, cần quá nhiều bộ nhớ để kiểm tra. Vui lòng lưu lại thành tệp PDF thông thường (ví dụ bằng “In ra PDF”) rồi thử lại.',
  path_in_name: 'Tên tệp không hợp lệ. Vui lòng đổi tên tệp rồi thử lại.',
  no_title: 'Tài liệu cần có tiêu đề.',
  too_large: 'Tệp lớn hơn mức cho phép ({{limit}} MB).',
  meeting_quota:
    'Tài liệu của cuộc họp này đã dùng hết dung lượng máy chủ dành cho một cuộc họp. Vui lòng liên hệ bộ phận kỹ thuật.',
  forbidden: 'Chỉ chủ trì, thư ký cuộc họp hoặc quản trị viên mới được thay đổi chương trình họp.',
};

export type AgendaManageMessages = typeof agendaManageVi;
export type UploadErrorMessages = typeof uploadErrorsVi;
