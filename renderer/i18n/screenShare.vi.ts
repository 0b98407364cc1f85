/** Vietnamese strings of the in-app screen-share source picker (Electron). */
export const screenShareVi = {
  title: 'Chọn nội dung chia sẻ',
  sources: 'Nội dung có thể chia sẻ',
  hint: 'Dùng phím mũi tên để chọn, Enter để chia sẻ, Esc để hủy.',
  screens: 'Toàn màn hình',
  windows: 'Cửa sổ',
  /** The OS names screens in English ("Screen 1"): the picker names them itself. */
  screenName: 'Màn hình {{number}}',
  noPreview: 'Không có hình xem trước',
  share: 'Chia sẻ',
  cancel: 'Hủy',
  close: 'Đóng',
  failed: 'Không chia sẻ được nội dung đã chọn',
};

export type ScreenShareMessages = typeof screenShareVi;
