/**
 * Vietnamese strings: the default language and the source of the key set. `en.ts` must provide
 * exactly the same keys (its type is derived from this object).
 */
import type { ErrorCode } from '../../common/errors';
import { tasksVi } from './tasks.vi';
import { conclusionsVi } from './conclusions.vi';
import { presentationVi } from './presentation.vi';
import { documentSearchVi } from './documentSearch.vi';
import { screenShareVi } from './screenShare.vi';
import { devicesVi } from './devices.vi';
import { meetingVi } from './meeting.vi';
import { annotationsVi } from './annotations.vi';
import { agendaManageVi, uploadErrorsVi } from './agendaManage.vi';
import { adminVi } from './admin.vi';
import { planningVi } from './planning.vi';
import { accountVi } from './account.vi';

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
  insufficient_storage:
    'Máy chủ đã hết dung lượng lưu trữ nên chưa lưu được. Vui lòng báo bộ phận kỹ thuật giải phóng ổ đĩa rồi thử lại.',
  certificate_mismatch:
    'Chứng chỉ bảo mật của máy chủ không khớp với chứng chỉ đã cấu hình; ứng dụng đã dừng kết nối. Vui lòng báo bộ phận kỹ thuật.',
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
    panelFailed: 'Phần này gặp lỗi và tạm không hiển thị được. Các phần khác vẫn hoạt động.',
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
      presenter: 'Báo cáo viên',
      site_operator: 'Phụ trách điểm cầu',
    },
  },
  room: {
    maxVideos: 'Số hình nhận tối đa',
    maxVideosAll: 'Tất cả',
    videoCapped: 'Tạm tắt hình (giới hạn băng thông)',
    refusedByServer: 'Máy chủ đã đầy, chưa nhận được. Đang thử lại…',
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
    // A screen reader lists every tile's buttons together: each names whom it acts on.
    mutePersonOf: 'Tắt micrô của {{name}}',
    unmutePersonOf: 'Bật micrô của {{name}}',
    muteSiteOf: 'Tắt micrô cả điểm cầu: {{site}}',
    onlyThisSpeaksOf: 'Chỉ để người này nói: {{name}}',
    mutedCount: 'Đã tắt {{count}} micrô',
    unmutedCount: 'Đã bật {{count}} micrô',
    participants: 'Các điểm cầu và đại biểu',
    alone: 'Chưa có ai khác trong phòng họp.',
    noVideo: 'Không có hình',
    tileLabel: '{{name}} — {{site}}',
    leave: 'Rời phòng',
    connecting: 'Đang kết nối vào phòng họp…',
    failed: 'Không vào được phòng họp',
    replaced: 'Bạn đã vào phòng họp này từ một cửa sổ/máy khác',
    replacedHint: 'Kết nối ở cửa sổ này đã đóng. Hãy tiếp tục cuộc họp ở cửa sổ hoặc máy đó.',
    selfPreview: 'Hình ảnh của bạn',
    sending: 'Đang gửi lên máy chủ',
    microphone: 'Micrô',
    camera: 'Camera',
    serverReceiving: 'Máy chủ đang nhận: {{kbps}} kbps ({{packets}} gói)',
    waitingForServer: 'Chờ máy chủ nhận…',
    layersSent: 'Gửi {{count}}/3 lớp hình',
  },
  documents: {
    viewer: {
      region: 'Nội dung tài liệu',
      toolbar: 'Công cụ xem tài liệu',
      loading: 'Đang mở tài liệu…',
      errorTitle: 'Không mở được tài liệu',
      errors: {
        invalid: 'Tệp không phải là PDF hợp lệ hoặc đã bị hỏng.',
        password:
          'Tài liệu được bảo vệ bằng mật khẩu; ứng dụng chưa mở được loại tài liệu này. Vui lòng liên hệ Văn phòng.',
        unavailable: 'Không tải được tài liệu. Kiểm tra kết nối mạng rồi thử lại.',
        unknown: 'Đã có lỗi khi mở tài liệu. Vui lòng thử lại.',
      },
      thumbnails: 'Hình thu nhỏ các trang',
      thumbnailList: 'Danh sách trang',
      thumbnail: 'Trang {{page}}',
      previousPage: 'Trang trước',
      nextPage: 'Trang sau',
      pageNumber: 'Số trang',
      pagesTotal_one: 'trên tổng số {{count}} trang',
      pagesTotal_other: 'trên tổng số {{count}} trang',
      zoomIn: 'Phóng to',
      zoomOut: 'Thu nhỏ',
      zoomLevel: 'Mức thu phóng',
      fitWidth: 'Vừa chiều rộng',
      fitPage: 'Vừa trang',
      search: 'Tìm trong tài liệu',
      searchPlaceholder: 'Tìm trong tài liệu (Ctrl+F)',
      previousMatch: 'Kết quả trước',
      nextMatch: 'Kết quả sau',
      searching: 'Đang tìm…',
      notFound: 'Không tìm thấy',
      matches: 'Kết quả {{current}}/{{total}}',
      confidential: 'Tài liệu mật',
    },
  },
  agenda: {
    title: 'Chương trình họp và tài liệu',
    loadFailed: 'Không tải được chương trình họp',
    empty: 'Chưa có chương trình họp.',
    current: 'Đang thảo luận',
    presenter: 'Trình bày: {{presenter}}',
    noDocuments: 'Chưa có tài liệu.',
    documentsOf: 'Tài liệu của nội dung {{number}}',
    pages_one: '{{count}} trang',
    pages_other: '{{count}} trang',
    version: 'Phiên bản {{version}}',
    confidential: 'Mật',
    open: 'Mở tài liệu',
    prefetch: 'Tải tài liệu để dùng ngoại tuyến',
    prefetchHint: 'Lưu toàn bộ tài liệu của cuộc họp vào máy này để đọc được cả khi mất mạng.',
    prefetchFailed: 'Không tải được tài liệu',
    allCached: 'Tất cả tài liệu đã được lưu trên máy này, đọc được cả khi mất mạng.',
    cachedCount: 'Đã lưu {{cached}}/{{total}} tài liệu trên máy này.',
    cache: {
      cached: 'Đã lưu trên máy',
      missing: 'Chưa tải về máy',
      queued: 'Đang chờ tải',
      downloading: 'Đang tải {{percent}}%',
      failed: 'Tải không thành công',
    },
    progressLabel: 'Tiến độ tải tài liệu {{title}}',
    reader: {
      close: 'Đóng tài liệu',
      loading: 'Đang mở tài liệu…',
      failed: 'Không mở được tài liệu',
      fromCache: 'Đang đọc bản lưu trên máy',
    },
    manage: agendaManageVi,
  },
  nav: {
    label: 'Chuyển mục',
    meetings: 'Cuộc họp',
    tasks: 'Nhiệm vụ',
    admin: 'Quản trị',
  },
  tasks: tasksVi,
  admin: adminVi,
  planning: planningVi,
  account: accountVi,
  live: meetingVi,
  conclusions: conclusionsVi,
  annotations: annotationsVi,
  presentation: presentationVi,
  documentSearch: documentSearchVi,
  screenShare: screenShareVi,
  devices: devicesVi,
  errors: {
    common: commonErrors,
    upload: uploadErrorsVi,
    login: {
      unauthorized: 'Tên đăng nhập hoặc mật khẩu không đúng.',
      rate_limited: 'Bạn đã thử đăng nhập quá nhiều lần. Vui lòng thử lại sau ít phút.',
      invalid:
        'Thông tin đăng nhập chưa hợp lệ. Kiểm tra địa chỉ máy chủ (bắt đầu bằng http:// hoặc https://), tên đăng nhập và mật khẩu.',
      forbidden:
        'Tài khoản này đã bị khóa hoặc không được phép đăng nhập. Vui lòng liên hệ Văn phòng.',
      insecure_server_url:
        'Địa chỉ http:// không mã hóa chỉ dùng được cho máy chủ trên chính máy này. Hãy nhập địa chỉ https:// do bộ phận kỹ thuật cung cấp.',
    },
    certificateMismatch:
      'Chứng chỉ bảo mật của máy chủ {{host}} không khớp với chứng chỉ đã cấu hình. Mã SHA-256 cần có: {{expected}}; máy chủ gửi: {{received}}. Ứng dụng đã dừng kết nối để bảo vệ dữ liệu. Vui lòng báo bộ phận kỹ thuật.',
    generic: 'Đã có lỗi xảy ra. Vui lòng thử lại.',
  },
};

/** Every message string, keyed as in the Vietnamese source. */
export type Messages = Widen<typeof vi>;
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
