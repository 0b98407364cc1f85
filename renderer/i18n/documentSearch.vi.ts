/** Vietnamese strings of the search across a meeting's documents (AgendaSearch). */
export const documentSearchVi = {
  label: 'Tìm trong tài liệu',
  placeholder: 'Nhập từ cần tìm, ví dụ: kinh phí',
  hint: 'Tìm trong tất cả tài liệu của cuộc họp; gõ có dấu hay không dấu đều được.',
  submit: 'Tìm',
  tooShort: 'Vui lòng nhập ít nhất 2 ký tự.',
  searching: 'Đang tìm…',
  results: 'Kết quả tìm kiếm',
  found_one: 'Tìm thấy trong {{count}} tài liệu',
  found_other: 'Tìm thấy trong {{count}} tài liệu',
  none: 'Không tìm thấy “{{query}}” trong tài liệu của cuộc họp.',
  hits_one: '{{count}} chỗ',
  hits_other: '{{count}} chỗ',
  page: 'Trang {{page}}',
  openAt: 'Mở “{{title}}” tại trang {{page}}',
  alsoOnPages: 'Còn có ở:',
  titleMatch: 'Tên tài liệu có từ cần tìm',
  openDocument: 'Mở tài liệu',
  confidential: 'Mật',
  offlineTitle: 'Không kết nối được máy chủ',
  offline:
    'Chưa tìm được trong các tài liệu vì không kết nối được máy chủ. Tài liệu đã lưu trên máy vẫn mở được, và trong tài liệu đang mở vẫn tìm được bằng ô “Tìm trong tài liệu” của trình xem (Ctrl+F).',
  failed: 'Không tìm được',
};

export type DocumentSearchMessages = typeof documentSearchVi;
