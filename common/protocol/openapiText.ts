/**
 * The words of the OpenAPI document (openapi.ts), Vietnamese first and English second: what each
 * route does and who may call it (the route tables' own comments, for integrators who never read
 * the source), and what each area is. A route without an entry here still appears in the
 * document, described by its method, path and access alone.
 */
import type { Role } from '../domain/user';
import type { RouteName } from './api';
import type { StreamedRouteName } from './streamedRoutes';

export interface Bilingual {
  vi: string;
  en: string;
}

/** The areas of the API, one OpenAPI tag each, in the order the document lists them. */
export const areaTexts = {
  system: {
    vi: 'Hệ thống: tình trạng máy chủ và tài liệu API này.',
    en: 'System: server health and this API document.',
  },
  accounts: {
    vi: 'Tài khoản: đăng nhập, đăng xuất, mật khẩu.',
    en: 'Accounts: sign-in, sign-out, passwords.',
  },
  meetings: {
    vi: 'Cuộc họp: danh sách, chi tiết, vào phòng họp trực tuyến.',
    en: 'Meetings: list, detail, joining the online room.',
  },
  documents: {
    vi: 'Tài liệu họp: chương trình họp, tải lên, tải về, tìm kiếm.',
    en: 'Meeting documents: the agenda, uploads, downloads, search.',
  },
  planning: {
    vi: 'Lập lịch họp: kế hoạch, giấy mời, lịch họp tuần.',
    en: 'Meeting planning: plans, invitations, the weekly calendar.',
  },
  tasks: {
    vi: 'Nhiệm vụ theo thông báo kết luận: đồng bộ, tệp đính kèm báo cáo tiến độ.',
    en: 'Tasks of conclusion notices: sync, progress reports’ attachments.',
  },
  annotations: {
    vi: 'Ghi chú trên tài liệu: đồng bộ.',
    en: 'Annotations on documents: sync.',
  },
  directory: {
    vi: 'Danh bạ: đơn vị, điểm cầu, người dùng (quản trị viên).',
    en: 'Directory: units, sites and people (administrators).',
  },
  audit: {
    vi: 'Nhật ký hệ thống (quản trị viên).',
    en: 'Audit log (administrators).',
  },
  other: {
    vi: 'Các tuyến khác.',
    en: 'Other routes.',
  },
} as const satisfies Record<string, Bilingual>;
export type Area = keyof typeof areaTexts;

/** System roles as the document names them. */
export const roleTexts: Record<Role, Bilingual> = {
  admin: { vi: 'quản trị viên', en: 'administrator' },
  office: { vi: 'Văn phòng (tổ chức họp)', en: 'the Office (organises meetings)' },
  chair: { vi: 'chủ trì', en: 'chair' },
  secretary: { vi: 'thư ký', en: 'secretary' },
  delegate: { vi: 'đại biểu', en: 'delegate' },
  reporter: { vi: 'cán bộ báo cáo', en: 'reporter' },
};

export const routeTexts: Partial<Record<RouteName | StreamedRouteName, Bilingual>> = {
  health: {
    vi: 'Tình trạng máy chủ: cơ sở dữ liệu, các tiến trình media (mediasoup) và dung lượng trống của thư mục dữ liệu. Trả 503 khi cơ sở dữ liệu hoặc một tiến trình media không trả lời.',
    en: 'Server health: the database, the mediasoup workers and the data directory’s free disk. 503 when the database or a worker does not answer.',
  },
  openApi: {
    vi: 'Tài liệu OpenAPI 3.1 này: mọi tuyến REST với tham số, nội dung gửi và câu trả lời, sinh từ các bảng tuyến trong common/protocol. Công khai: không chứa bí mật.',
    en: 'This OpenAPI 3.1 document: every REST route with its parameters, bodies and answers, generated from the route tables in common/protocol. Public: it holds no secret.',
  },
  login: {
    vi: 'Đăng nhập bằng tên đăng nhập và mật khẩu; trả mã phiên (token) để gửi trong tiêu đề Authorization. Sai 5 lần liên tiếp thì tài khoản bị khóa 15 phút (429, details.reason = account_locked).',
    en: 'Signs in with a username and password; answers the session token for the Authorization header. Five failures in a row lock the account for 15 minutes (429, details.reason = account_locked).',
  },
  logout: {
    vi: 'Đăng xuất: thu hồi phiên hiện tại.',
    en: 'Signs out: revokes the current session.',
  },
  changePassword: {
    vi: 'Đổi mật khẩu của chính mình; các phiên khác của người dùng bị đăng xuất.',
    en: 'Changes the caller’s own password and signs out their other sessions.',
  },
  resetUserPassword: {
    vi: 'Quản trị viên đặt mật khẩu tạm thời cho một người dùng: các phiên của người đó kết thúc và lần đăng nhập sau phải đổi mật khẩu.',
    en: 'An administrator sets a temporary password: the user’s sessions end and their next sign-in must change it.',
  },
  me: { vi: 'Người dùng đang đăng nhập.', en: 'The signed-in user.' },
  listMeetings: {
    vi: 'Các cuộc họp người dùng được mời (quản trị viên và Văn phòng thấy mọi cuộc họp).',
    en: 'The meetings the user is invited to (administrators and the Office see every meeting).',
  },
  getMeeting: {
    vi: 'Chi tiết một cuộc họp; người được mời, quản trị viên và Văn phòng.',
    en: 'One meeting’s detail; its invited participants, administrators and the Office.',
  },
  joinTicket: {
    vi: 'Vé vào phòng họp trực tuyến (dùng một lần, hiệu lực ngắn) để mở kết nối tín hiệu WebSocket; chỉ người được mời, khi cuộc họp đã phát hành. Mỗi người dùng tối đa 10 vé mỗi phút (quá thì 429).',
    en: 'A single-use, short-lived ticket to open the signaling WebSocket; invited participants only, once the meeting is published. At most 10 per user per minute (429 past it).',
  },
  listUsers: { vi: 'Mọi người dùng.', en: 'Every user.' },
  meetingAgenda: {
    vi: 'Chương trình họp với tài liệu và các phiên bản của từng mục; người được mời, quản trị viên và Văn phòng.',
    en: 'The agenda with every item’s documents and their versions; invited participants, administrators and the Office.',
  },
  setCurrentAgendaItem: {
    vi: 'Đánh dấu mục đang thảo luận (null: không mục nào); chủ trì hoặc thư ký của cuộc họp, hoặc Văn phòng.',
    en: 'Marks the item under discussion (null: none); the meeting’s chair or secretary, or the Office.',
  },
  searchMeetingDocuments: {
    vi: 'Tìm trong nội dung phiên bản hiện hành của mọi tài liệu cuộc họp, không phân biệt hoa thường và dấu; tài liệu mật chỉ cho người được mời. ?q= dài 2–100 ký tự.',
    en: 'Searches the text of the current version of every document of the meeting, ignoring case and diacritics; confidential documents for invited participants only. ?q= of 2–100 characters.',
  },
  uploadDocument: {
    vi: 'Tải lên tài liệu PDF mới cho một mục của chương trình họp (phiên bản 1): phần file, và tùy chọn title, confidential ("true"/"false"). Chủ trì, thư ký của cuộc họp hoặc Văn phòng. Tệp không phải PDF, hỏng, cắt cụt, có mật khẩu hoặc vượt giới hạn bị từ chối (details.reason), không lưu gì.',
    en: 'Uploads a new PDF document to an agenda item (version 1): the file part, and optionally title and confidential ("true"/"false"). The meeting’s chair or secretary, or the Office. A file that is not a PDF, is damaged, cut off, encrypted or over the limits is refused (details.reason) and nothing is stored.',
  },
  uploadVersion: {
    vi: 'Tải lên phiên bản mới của một tài liệu (phần file, PDF); như tải lên tài liệu mới.',
    en: 'Uploads a new version of a document (the file part, a PDF); as a new document’s upload.',
  },
  versionContent: {
    vi: 'Nội dung PDF của một phiên bản, có Range (206), ETag với If-None-Match (304) và If-Range. Người được mời, quản trị viên và Văn phòng; tài liệu mật chỉ người được mời.',
    en: 'The PDF bytes of one version, with Range (206), ETag with If-None-Match (304) and If-Range. Invited participants, administrators and the Office; confidential documents for invited participants only.',
  },
  syncPush: {
    vi: 'Gửi các thay đổi nhiệm vụ trong hàng đợi của máy khách, theo thứ tự; mỗi thay đổi được áp dụng đúng một lần. Thay đổi người dùng không được làm được trả là rejected trong results, không bằng mã lỗi HTTP.',
    en: 'Pushes the client’s outbox of task mutations in order; each is applied exactly once. A mutation the user may not make is answered as rejected in results, not with an HTTP error.',
  },
  syncPull: {
    vi: 'Lấy các nhiệm vụ người dùng được xem đã thay đổi sau một đồng hồ máy chủ.',
    en: 'Pulls the tasks the user may see that changed after a server clock.',
  },
  attachmentUpload: {
    vi: 'Tải lên tệp đính kèm báo cáo tiến độ (thân yêu cầu là nội dung tệp, application/octet-stream), theo SHA-256 của tệp; gửi lại cùng tệp trả 200 và không thay đổi gì. Chỉ PDF, Word, Excel, PNG, JPEG, tối đa 20 MB. Cơ quan chủ trì nhiệm vụ.',
    en: 'Uploads a progress report’s attachment as the request body (application/octet-stream), addressed by its SHA-256; sending it again answers 200 and changes nothing. PDF, Word, Excel, PNG or JPEG, at most 20 MB. The task’s lead agency.',
  },
  attachmentDownload: {
    vi: 'Tải về một tệp đính kèm của báo cáo, tên tệp tiếng Việt trong Content-Disposition; ai được xem nhiệm vụ.',
    en: 'Downloads one attachment of a report under its own (Vietnamese) name in Content-Disposition; whoever may see the task.',
  },
  annotationsPush: {
    vi: 'Gửi các thay đổi ghi chú trên tài liệu (nét vẽ, tô sáng, ghi chú; chia sẻ; xóa) theo thứ tự.',
    en: 'Pushes annotation mutations (ink, highlight, note; share; delete) in order.',
  },
  annotationsPull: {
    vi: 'Lấy các ghi chú người dùng được xem đã thay đổi sau một đồng hồ, theo trang (more).',
    en: 'Pulls the annotations the user may see that changed after a clock, in pages (more).',
  },
  listUnits: {
    vi: 'Mọi đơn vị, kể cả đơn vị đã sáp nhập; cha trước con.',
    en: 'Every unit, merged ones included; parents before children.',
  },
  createUnit: { vi: 'Tạo đơn vị.', en: 'Creates a unit.' },
  updateUnit: {
    vi: 'Đổi tên, tên viết tắt và loại của đơn vị.',
    en: 'Changes a unit’s name, abbreviation and kind.',
  },
  moveUnit: {
    vi: 'Chuyển đơn vị sang đơn vị cha khác (null: cấp cao nhất); không thể nằm dưới chính nó.',
    en: 'Moves a unit under another parent (null: the top); never under itself.',
  },
  mergeUnit: {
    vi: 'Sáp nhập đơn vị vào đơn vị kế thừa: đơn vị con, điểm cầu và người dùng chuyển sang đơn vị kế thừa.',
    en: 'Merges the unit into its successor: its sub-units, sites and people move there.',
  },
  listSites: { vi: 'Mọi điểm cầu.', en: 'Every site.' },
  createSite: { vi: 'Tạo điểm cầu của một đơn vị.', en: 'Creates a site of a unit.' },
  updateSite: {
    vi: 'Đổi tên điểm cầu, chuyển sang đơn vị khác, hoặc cả hai.',
    en: 'Renames a site, moves it to another unit, or both.',
  },
  listDirectoryUsers: {
    vi: 'Người dùng theo bộ lọc, theo tên; total đếm mọi kết quả, users là một trang.',
    en: 'People matching the filters, by name; total counts every match, users is one page.',
  },
  createUser: {
    vi: 'Tạo tài khoản; mật khẩu theo chính sách và phải đổi ở lần đăng nhập đầu.',
    en: 'Creates an account; its password follows the policy and must be changed at first sign-in.',
  },
  updateUser: {
    vi: 'Sửa họ tên, chức vụ, đơn vị, điểm cầu, vai trò được gán và email.',
    en: 'Edits a person’s name, position, unit, site, assignable roles and email.',
  },
  setUserDisabled: {
    vi: 'Khóa tài khoản (kết thúc mọi phiên ngay) hoặc mở khóa.',
    en: 'Disables an account (ending its sessions at once) or enables it.',
  },
  importDirectory: {
    vi: 'Nhập người dùng từ các dòng của bảng tính: trả kết quả từng dòng; với dryRun false, ghi tất cả trong một giao dịch hoặc không ghi gì.',
    en: 'Imports people from a spreadsheet’s rows: every row’s result; with dryRun false, all are written in one transaction or none.',
  },
  createMeeting: {
    vi: 'Tạo cuộc họp nháp.',
    en: 'Creates a draft meeting.',
  },
  getMeetingPlan: {
    vi: 'Kế hoạch cuộc họp để chỉnh sửa; Văn phòng, chủ trì và thư ký của cuộc họp.',
    en: 'The meeting as its organiser edits it; the Office, its chair and its secretary.',
  },
  updateMeeting: {
    vi: 'Thay kế hoạch cuộc họp; sau khi phát hành, người được mời được báo những gì thay đổi. Văn phòng.',
    en: 'Replaces the plan; after publication the invitees are told what changed. The Office.',
  },
  updateAgenda: {
    vi: 'Thay chương trình họp theo thứ tự; Văn phòng, chủ trì hoặc thư ký của cuộc họp.',
    en: 'Replaces the agenda in its order; the Office, or the meeting’s chair or secretary.',
  },
  publishMeeting: {
    vi: 'Phát hành: gửi giấy mời; cuộc họp đã phát hành trả nguyên trạng. Văn phòng.',
    en: 'Publishes: sends the invitations; a published meeting answers as it is. The Office.',
  },
  setMeetingStatus: {
    vi: 'Hoãn hoặc hủy cuộc họp, báo lý do cho mọi người được mời. Văn phòng.',
    en: 'Postpones or cancels the meeting, telling every invitee why. The Office.',
  },
  listPlans: {
    vi: 'Các cuộc họp người dùng tổ chức (kể cả nháp), mới nhất trước.',
    en: 'The meetings the user organises (drafts included), newest first.',
  },
  listPeople: {
    vi: 'Người dùng đang hoạt động để chọn làm chủ trì, thư ký hoặc người được mời.',
    en: 'Active people to choose as chair, secretary or invitee.',
  },
  listUnitsAndSites: {
    vi: 'Đơn vị hiện hành (không kể đơn vị đã sáp nhập) và điểm cầu, để mời.',
    en: 'Current units (merged ones left out) and sites, to invite.',
  },
  invitationPeople: {
    vi: 'Người của đơn vị được mời mà người nhận giấy mời có thể cử đi (người dự, người dự thay); chỉ người nhận giấy mời.',
    en: 'The people of the invited unit whom its addressee may send (attendee, proxy); the invitation’s addressee only.',
  },
  myInvitations: {
    vi: 'Giấy mời của người dùng (cá nhân và cho đơn vị), sắp diễn ra trước; unseen là số giấy mời chưa xem.',
    en: 'The user’s invitations (as a person and for their unit), upcoming first; unseen counts those not yet opened.',
  },
  markInvitationSeen: {
    vi: 'Đánh dấu đã xem giấy mời; chỉ người nhận.',
    en: 'Marks an invitation seen; its addressee only.',
  },
  answerInvitation: {
    vi: 'Trả lời giấy mời: tham dự, vắng (kèm lý do) hoặc cử người dự thay; chỉ người nhận, trước khi cuộc họp bắt đầu.',
    en: 'Answers an invitation: attend, absent (with a reason) or a proxy; its addressee only, before the meeting starts.',
  },
  weekCalendar: {
    vi: 'Các cuộc họp của tỉnh trong một tuần (đã phát hành, hoãn, hủy; không có nháp).',
    en: 'The province’s meetings of one week (published, postponed and cancelled; no drafts).',
  },
  invitationPdf: {
    vi: 'Giấy mời (PDF) của cuộc họp đã phát hành; người được mời, Văn phòng, chủ trì và thư ký. Văn phòng xem trước được giấy mời của bản nháp.',
    en: 'The invitation (giấy mời) PDF of a published meeting; invitees, the Office, the chair and the secretary. The Office may preview a draft’s.',
  },
  calendarPdf: {
    vi: 'Lịch họp tuần (PDF) như văn phòng công bố; ?week=YYYY-MM-DD[&unitId=…].',
    en: 'The weekly calendar PDF as offices publish it; ?week=YYYY-MM-DD[&unitId=…].',
  },
  listAuditLog: {
    vi: 'Nhật ký hệ thống theo bộ lọc (người, nhóm hành động, cuộc họp, ngày theo giờ Việt Nam), mới nhất trước, theo trang (nextBeforeId).',
    en: 'The audit log filtered by person, action prefix, meeting and Vietnam days, newest first, in pages (nextBeforeId).',
  },
  auditExported: {
    vi: 'Ghi nhận người gọi đã xuất nhật ký với bộ lọc và số dòng này (audit.exported).',
    en: 'Records that the caller exported the log with these filters and rows (audit.exported).',
  },
};
