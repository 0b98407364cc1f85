/**
 * Vietnamese strings: the default language and the source of the key set. `en.ts` must provide
 * exactly the same keys (its type is derived from this object).
 */
import type { ErrorCode } from '../../common/errors';

const commonErrors = {
  invalid: 'Thông tin nhập vào chưa hợp lệ. Vui lòng kiểm tra lại.',
  unauthorized: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
  forbidden: 'Tài khoản của bạn không có quyền thực hiện thao tác này.',
  not_found:
    'Không tìm thấy dữ liệu yêu cầu. Có thể cuộc họp đã bị hủy hoặc bạn không có trong danh sách mời.',
  invalid_state:
    'Thao tác không thực hiện được ở trạng thái hiện tại. Vui lòng tải lại và thử lại.',
  too_large: 'Dữ liệu quá lớn.',
  rate_limited: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.',
  unavailable: 'Không kết nối được máy chủ. Kiểm tra mạng hoặc địa chỉ máy chủ.',
  incompatible:
    'Phiên bản ứng dụng không tương thích với máy chủ. Vui lòng liên hệ bộ phận kỹ thuật để cập nhật.',
  internal: 'Đã có lỗi xảy ra. Vui lòng thử lại; nếu vẫn lỗi, liên hệ bộ phận kỹ thuật.',
} satisfies Record<ErrorCode, string>;

export const vi = {
  app: {
    name: 'Phòng Họp',
    tagline: 'Hệ thống họp không giấy và hội nghị trực tuyến',
    loading: 'Đang tải…',
    retry: 'Thử lại',
    refresh: 'Làm mới',
    back: 'Quay lại',
    startupFailed: 'Không khởi động được ứng dụng',
  },
  language: {
    label: 'Ngôn ngữ',
    vi: 'Tiếng Việt',
    en: 'English',
  },
  login: {
    title: 'Đăng nhập',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    server: 'Máy chủ',
    serverShow: 'Máy chủ: {{server}}',
    serverHint: 'Địa chỉ do bộ phận kỹ thuật cung cấp, ví dụ https://hop.tinh.gov.vn',
    serverToggleShow: 'Đổi máy chủ',
    serverToggleHide: 'Ẩn',
    showPassword: 'Hiện mật khẩu',
    submit: 'Đăng nhập',
    errorTitle: 'Không đăng nhập được',
    required: {
      username: 'Vui lòng nhập tên đăng nhập.',
      password: 'Vui lòng nhập mật khẩu.',
      server: 'Vui lòng nhập địa chỉ máy chủ.',
    },
    invalidServer: 'Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://',
  },
  header: {
    logout: 'Đăng xuất',
    userMenu: 'Người dùng đang đăng nhập',
    site: 'Điểm cầu: {{site}}',
  },
  offline: {
    notice: 'Đang ngoại tuyến — hiển thị dữ liệu đã lưu lúc {{time}}',
  },
  meetings: {
    title: 'Danh sách cuộc họp',
    sections: {
      in_progress: 'Đang diễn ra',
      upcoming: 'Sắp diễn ra',
      past: 'Đã diễn ra',
    },
    emptySection: 'Không có cuộc họp nào.',
    empty: 'Bạn chưa có cuộc họp nào.',
    time: 'Thời gian',
    place: 'Địa điểm',
    chair: 'Chủ trì',
    organizer: 'Đơn vị chuẩn bị',
    siteCount_one: '{{count}} điểm cầu',
    siteCount_other: '{{count}} điểm cầu',
    open: 'Xem chi tiết cuộc họp {{title}}',
    loadFailed: 'Không tải được danh sách cuộc họp',
  },
  meeting: {
    backToList: 'Quay lại danh sách',
    loadFailed: 'Không tải được thông tin cuộc họp',
    join: 'Vào phòng họp trực tuyến',
    agenda: 'Chương trình họp',
    agendaEmpty: 'Chưa có chương trình họp.',
    presenter: 'Trình bày: {{presenter}}',
    documents: 'Tài liệu',
    noDocuments: 'Chưa có tài liệu.',
    pages_one: '{{count}} trang',
    pages_other: '{{count}} trang',
    sites: 'Các điểm cầu',
    hostSite: 'Điểm cầu chính',
    participants: 'Thành phần tham dự',
    participantsEmpty: 'Chưa có danh sách thành phần tham dự.',
    participantCount_one: '{{count}} người',
    participantCount_other: '{{count}} người',
    unknownSite: 'Chưa xác định điểm cầu',
    columns: {
      fullName: 'Họ và tên',
      title: 'Chức vụ',
      agency: 'Cơ quan, đơn vị',
      role: 'Vai trò',
    },
    roles: {
      chair: 'Chủ trì',
      secretary: 'Thư ký',
      delegate: 'Đại biểu',
      guest: 'Khách mời',
    },
  },
  room: {
    maxVideos: 'Số hình nhận tối đa',
    maxVideosAll: 'Tất cả',
    videoCapped: 'Tạm tắt hình (giới hạn băng thông)',
    deviceCheck: 'Kiểm tra camera và micrô trước khi vào phòng',
    deviceError: 'Không mở được camera hoặc micrô',
    micLevel: 'Mức âm thanh micrô (hãy nói thử)',
    joinNow: 'Vào phòng họp',
    startScreenShare: 'Chia sẻ màn hình',
    stopScreenShare: 'Dừng chia sẻ',
    screenOf: 'Màn hình của {{name}} — {{site}}',
    quality: { good: 'Mạng tốt', fair: 'Mạng trung bình', poor: 'Mạng kém' },
    layout: 'Bố cục',
    layoutGrid: 'Lưới',
    layoutSpeaker: 'Người phát biểu',
    audioOnly: 'Chỉ âm thanh (đường truyền yếu)',
    reconnecting: 'Đang kết nối lại…',
    muteMe: 'Tắt micrô',
    unmuteMe: 'Bật micrô',
    mutedByChair: 'Chủ trì đã tắt micrô của bạn. Hãy đăng ký phát biểu nếu cần.',
    chairBadge: 'Chủ trì',
    micMuted: 'Micrô tắt',
    micMutedByChair: 'Chủ trì tắt micrô',
    mutePerson: 'Tắt micrô',
    unmutePerson: 'Bật micrô',
    muteSite: 'Tắt micrô cả điểm cầu',
    onlyThisSpeaks: 'Chỉ để người này nói',
    mutedCount: 'Đã tắt {{count}} micrô',
    unmutedCount: 'Đã bật {{count}} micrô',
    participants: 'Các điểm cầu và đại biểu',
    alone: 'Chưa có ai khác trong phòng họp.',
    noVideo: 'Không có hình',
    tileLabel: '{{name}} — {{site}}',
    leave: 'Rời phòng',
    connecting: 'Đang kết nối vào phòng họp…',
    failed: 'Không vào được phòng họp',
    selfPreview: 'Hình ảnh của bạn',
    sending: 'Đang gửi lên máy chủ',
    microphone: 'Micrô',
    camera: 'Camera',
    serverReceiving: 'Máy chủ đang nhận: {{kbps}} kbps ({{packets}} gói)',
    waitingForServer: 'Chờ máy chủ nhận…',
  },
  errors: {
    common: commonErrors,
    login: {
      unauthorized: 'Tên đăng nhập hoặc mật khẩu không đúng.',
      rate_limited: 'Bạn đã thử đăng nhập quá nhiều lần. Vui lòng thử lại sau ít phút.',
      invalid:
        'Thông tin đăng nhập chưa hợp lệ. Kiểm tra địa chỉ máy chủ (bắt đầu bằng http:// hoặc https://), tên đăng nhập và mật khẩu.',
      forbidden:
        'Tài khoản này đã bị khóa hoặc không được phép đăng nhập. Vui lòng liên hệ Văn phòng.',
    },
    generic: 'Đã có lỗi xảy ra. Vui lòng thử lại.',
  },
};

/** Every message string, keyed as in the Vietnamese source. */
export type Messages = Widen<typeof vi>;
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
