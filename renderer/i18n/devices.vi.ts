/**
 * Vietnamese strings of taking part without a camera or microphone: why a device could not be
 * opened (at the device check and from inside the room), entering without devices, hall mode.
 */
export const devicesVi = {
  /** Why a device did not open, by DeviceFailureReason (renderer/media/localDevices.ts). */
  camera: {
    not_found: 'Không tìm thấy camera trên máy này (chưa cắm, hoặc đã bị tắt).',
    not_allowed:
      'Quyền dùng camera đã bị từ chối. Hãy cho phép ứng dụng dùng camera trong cài đặt của trình duyệt hoặc Windows, rồi thử lại.',
    busy: 'Camera đang được một ứng dụng khác sử dụng (Zalo, Zoom, Teams…) hoặc bị lỗi. Hãy đóng ứng dụng đó rồi thử lại.',
    other: 'Không mở được camera.',
  },
  microphone: {
    not_found: 'Không tìm thấy micrô trên máy này (chưa cắm, hoặc đã bị tắt).',
    not_allowed:
      'Quyền dùng micrô đã bị từ chối. Hãy cho phép ứng dụng dùng micrô trong cài đặt của trình duyệt hoặc Windows, rồi thử lại.',
    busy: 'Micrô đang được một ứng dụng khác sử dụng (Zalo, Zoom, Teams…) hoặc bị lỗi. Hãy đóng ứng dụng đó rồi thử lại.',
    other: 'Không mở được micrô.',
  },
  detail: 'Chi tiết kỹ thuật: {{detail}}',
  failedBoth: 'Không mở được camera và micrô',
  failedCamera: 'Không mở được camera',
  failedMicrophone: 'Không mở được micrô',
  /** The device check, when one of the two opened. */
  onlyMicrophone: 'Bạn vẫn có thể vào phòng họp chỉ với micrô.',
  onlyCamera: 'Bạn vẫn có thể vào phòng họp chỉ với camera.',
  retry: 'Thử lại',
  noCamera: 'Không có hình từ camera',
  noDeviceOption: 'Không có thiết bị',
  joinWithoutDevices: 'Vào họp không dùng camera/micrô',
  joinWithoutDevicesHint:
    'Bạn vẫn nghe, xem các điểm cầu, điểm danh, đăng ký phát biểu, biểu quyết, theo dõi tài liệu và kết luận. Có thể bật camera, micrô sau, ngay trong phòng họp.',
  hallMode: 'Chế độ hội trường',
  hallModeHint:
    'Dành cho đại biểu ngồi tại hội trường, dùng máy tính xách tay: không dùng camera, micrô và không phát âm thanh, hình ảnh của cuộc họp trên máy này; chỉ tài liệu, biểu quyết và đăng ký phát biểu.',
  /** Inside the room. */
  hallModeActive:
    'Chế độ hội trường: máy này không gửi và không nhận âm thanh, hình ảnh. Tài liệu, điểm danh, biểu quyết và đăng ký phát biểu vẫn hoạt động bình thường.',
  addCamera: 'Bật camera',
  addMicrophone: 'Bật micrô',
  addFailedCamera: 'Không bật được camera',
  addFailedMicrophone: 'Không bật được micrô',
  stillInMeeting: 'Bạn vẫn đang ở trong phòng họp.',
  notSending: 'Bạn đang họp không dùng camera và micrô.',
  noMicrophone: 'Không có micrô',
  dismiss: 'Đóng',
};

export type DevicesMessages = typeof devicesVi;
