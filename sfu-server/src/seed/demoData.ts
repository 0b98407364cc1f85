/**
 * The demo organisation of Hải Dương province as it stood in 2022 (before the 2025 merger into
 * Hải Phòng and the abolition of districts), and the meetings built around the steering committee
 * meeting of 27/9/2022. Ids are stable slugs so that tests, scripts and links can name them.
 *
 * People other than the chair (Nguyễn Minh Hùng, named in the notice) are invented.
 */
import type { Role } from '../../../common/domain/user';
import type { DemoDocumentKey } from './demoDocuments';

export const DEMO_PASSWORD = 'PhongHop@2026';

export interface DemoUnit {
  id: string;
  name: string;
  shortName: string | null;
  parentId: string | null;
  kind: 'province' | 'department' | 'district' | 'office' | 'other';
}

export interface DemoSite {
  id: string;
  name: string;
  unitId: string;
}

export interface DemoUser {
  /** Also the username. */
  id: string;
  fullName: string;
  title: string;
  unitId: string;
  siteId: string;
  roles: Role[];
}

export interface DemoAgendaItem {
  title: string;
  /** Presenting agency, as the agenda prints it. */
  presenter: string | null;
  document?: DemoDocumentKey;
}

export interface DemoMeeting {
  id: string;
  title: string;
  organizer: string;
  place: string;
  /** ISO 8601 with the +07:00 offset. */
  startsAt: string;
  endsAt: string;
  chairId: string;
  agenda: DemoAgendaItem[];
}

const PROVINCE = 'hd-ubnd-tinh';

export const DEMO_UNITS: DemoUnit[] = [
  {
    id: PROVINCE,
    name: 'UBND tỉnh Hải Dương',
    shortName: 'UBND tỉnh',
    parentId: null,
    kind: 'province',
  },
  {
    id: 'hd-vp-ubnd',
    name: 'Văn phòng UBND tỉnh',
    shortName: 'VP UBND tỉnh',
    parentId: PROVINCE,
    kind: 'office',
  },
  {
    id: 'hd-so-tttt',
    name: 'Sở Thông tin và Truyền thông',
    shortName: 'Sở TT&TT',
    parentId: PROVINCE,
    kind: 'department',
  },
  {
    id: 'hd-so-khdt',
    name: 'Sở Kế hoạch và Đầu tư',
    shortName: 'Sở KH&ĐT',
    parentId: PROVINCE,
    kind: 'department',
  },
  { id: 'hd-so-tc', name: 'Sở Tài chính', shortName: null, parentId: PROVINCE, kind: 'department' },
  {
    id: 'hd-so-gddt',
    name: 'Sở Giáo dục và Đào tạo',
    shortName: 'Sở GD&ĐT',
    parentId: PROVINCE,
    kind: 'department',
  },
  // Công an tỉnh and Kho bạc Nhà nước tỉnh sit in the province's tree for meetings and tasks, but
  // belong to central ministries, hence 'other' rather than 'department'.
  { id: 'hd-cong-an', name: 'Công an tỉnh', shortName: null, parentId: PROVINCE, kind: 'other' },
  {
    id: 'hd-kbnn',
    name: 'Kho bạc Nhà nước tỉnh',
    shortName: 'KBNN tỉnh',
    parentId: PROVINCE,
    kind: 'other',
  },
  {
    id: 'hd-cam-giang',
    name: 'UBND huyện Cẩm Giàng',
    shortName: null,
    parentId: PROVINCE,
    kind: 'district',
  },
  {
    id: 'hd-gia-loc',
    name: 'UBND huyện Gia Lộc',
    shortName: null,
    parentId: PROVINCE,
    kind: 'district',
  },
  {
    id: 'hd-kinh-mon',
    name: 'UBND thị xã Kinh Môn',
    shortName: null,
    parentId: PROVINCE,
    kind: 'district',
  },
];

const HALL = 'hd-hoi-truong';

export const DEMO_SITES: DemoSite[] = [
  { id: HALL, name: 'Hội trường UBND tỉnh', unitId: PROVINCE },
  { id: 'hd-dc-cam-giang', name: 'Điểm cầu huyện Cẩm Giàng', unitId: 'hd-cam-giang' },
  { id: 'hd-dc-gia-loc', name: 'Điểm cầu huyện Gia Lộc', unitId: 'hd-gia-loc' },
  { id: 'hd-dc-kinh-mon', name: 'Điểm cầu thị xã Kinh Môn', unitId: 'hd-kinh-mon' },
];

export const HOST_SITE_ID = HALL;

export const DEMO_USERS: DemoUser[] = [
  {
    id: 'admin',
    fullName: 'Quản trị hệ thống',
    title: 'Quản trị hệ thống',
    unitId: 'hd-vp-ubnd',
    siteId: HALL,
    roles: ['admin'],
  },
  {
    id: 'chutri',
    fullName: 'Nguyễn Minh Hùng',
    title: 'Phó Chủ tịch UBND tỉnh, Phó Trưởng Ban Chỉ đạo Chuyển đổi số tỉnh',
    unitId: PROVINCE,
    siteId: HALL,
    roles: ['chair'],
  },
  {
    id: 'thuky',
    fullName: 'Vũ Thị Thu Hằng',
    title: 'Chuyên viên Phòng Khoa giáo - Văn xã, Văn phòng UBND tỉnh',
    unitId: 'hd-vp-ubnd',
    siteId: HALL,
    // The Office's staff: plans meetings (and, as each demo meeting's secretary, minutes them).
    roles: ['secretary', 'office'],
  },
  {
    id: 'sotttt',
    fullName: 'Trần Quốc Việt',
    title: 'Giám đốc Sở Thông tin và Truyền thông',
    unitId: 'hd-so-tttt',
    siteId: HALL,
    roles: ['delegate'],
  },
  {
    id: 'sokhdt',
    fullName: 'Đặng Thị Ngọc Ánh',
    title: 'Phó Giám đốc Sở Kế hoạch và Đầu tư',
    unitId: 'hd-so-khdt',
    siteId: HALL,
    roles: ['delegate'],
  },
  {
    id: 'sotc',
    fullName: 'Hoàng Văn Lộc',
    title: 'Phó Giám đốc Sở Tài chính',
    unitId: 'hd-so-tc',
    siteId: HALL,
    roles: ['delegate'],
  },
  {
    id: 'sogddt',
    fullName: 'Bùi Thị Hồng Nhung',
    title: 'Phó Giám đốc Sở Giáo dục và Đào tạo',
    unitId: 'hd-so-gddt',
    siteId: HALL,
    roles: ['delegate'],
  },
  {
    id: 'congan',
    fullName: 'Đỗ Mạnh Cường',
    title: 'Trưởng phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao, Công an tỉnh',
    unitId: 'hd-cong-an',
    siteId: HALL,
    roles: ['delegate'],
  },
  {
    id: 'camgiang',
    fullName: 'Nguyễn Văn Thịnh',
    title: 'Phó Chủ tịch UBND huyện Cẩm Giàng',
    unitId: 'hd-cam-giang',
    siteId: 'hd-dc-cam-giang',
    roles: ['delegate'],
  },
  {
    id: 'gialoc',
    fullName: 'Lương Thị Huyền',
    title: 'Phó Chủ tịch UBND huyện Gia Lộc',
    unitId: 'hd-gia-loc',
    siteId: 'hd-dc-gia-loc',
    roles: ['delegate'],
  },
  {
    id: 'kinhmon',
    fullName: 'Phạm Văn Khởi',
    title: 'Phó Chủ tịch UBND thị xã Kinh Môn',
    unitId: 'hd-kinh-mon',
    siteId: 'hd-dc-kinh-mon',
    roles: ['delegate'],
  },
  {
    id: 'baocao',
    fullName: 'Ngô Thị Phương Thảo',
    title:
      'Chuyên viên Phòng Bưu chính, Viễn thông và Công nghệ thông tin, Sở Thông tin và Truyền thông',
    unitId: 'hd-so-tttt',
    siteId: HALL,
    roles: ['reporter'],
  },
];

/** The meeting of the conclusion notice; its tasks are the notice's eight. */
export const NOTICE_MEETING_ID = 'hd-bcd-cds-2022-09-27';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
// Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact.
const VIETNAM_OFFSET_MS = 7 * HOUR_MS;

/** `date` as ISO 8601 in Vietnam time, e.g. "2022-09-27T08:00:00+07:00", as meetings are stored. */
export function toVietnamIso(date: Date): string {
  return `${new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** The calendar day of `date` in Vietnam, "YYYY-MM-DD". */
function vietnamDay(date: Date): string {
  return new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The three demo meetings; (b) and (c) are placed relative to `now` so the demo always has a live and an upcoming meeting. */
export function demoMeetings(now: Date): DemoMeeting[] {
  const reviewStart = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - HOUR_MS);
  const upcomingDay = vietnamDay(new Date(now.getTime() + 7 * DAY_MS));
  const common = {
    organizer: 'Văn phòng UBND tỉnh',
    place: 'Hội trường UBND tỉnh Hải Dương',
    chairId: 'chutri',
  };
  return [
    {
      ...common,
      id: NOTICE_MEETING_ID,
      title: 'Họp Ban Chỉ đạo Chuyển đổi số tỉnh',
      startsAt: '2022-09-27T08:00:00+07:00',
      endsAt: '2022-09-27T11:30:00+07:00',
      agenda: [
        {
          title:
            'Báo cáo tiến độ triển khai 3 dự án thành phần thuộc Đề án “Xây dựng Chính quyền điện tử và Đô thị thông minh tỉnh Hải Dương, giai đoạn 2020 - 2025, định hướng đến năm 2030”',
          presenter: 'Sở TT&TT',
          document: 'progressReport',
        },
        {
          title: 'Đề xuất gia hạn Hợp đồng thực hiện các gói thầu của 3 dự án thành phần',
          presenter: 'Sở TT&TT',
          document: 'extensionProposal',
        },
        {
          title: 'Đề xuất triển khai một số nhiệm vụ ứng dụng CNTT năm 2022 và phân bổ kinh phí',
          presenter: 'Sở TT&TT, Sở Tài chính',
          document: 'itTasksReport',
        },
        {
          title:
            'Dự án “Hỗ trợ thu hẹp khoảng cách số tại tỉnh Hải Dương” (viện trợ không hoàn lại)',
          presenter: 'Sở TT&TT',
          document: 'digitalGapReport',
        },
      ],
    },
    {
      ...common,
      id: 'hd-bcd-cds-review',
      title: 'Phiên họp đánh giá kết quả triển khai nhiệm vụ chuyển đổi số',
      startsAt: toVietnamIso(reviewStart),
      endsAt: toVietnamIso(new Date(reviewStart.getTime() + 3 * HOUR_MS)),
      agenda: [
        {
          title:
            'Đánh giá kết quả triển khai các nhiệm vụ theo Thông báo kết luận cuộc họp Ban Chỉ đạo ngày 27/9/2022',
          presenter: 'Sở TT&TT',
          document: 'conclusionNotice',
        },
      ],
    },
    {
      ...common,
      id: 'hd-ubnd-upcoming',
      title: 'Hội nghị trực tuyến UBND tỉnh với các huyện, thị xã về cải cách hành chính',
      startsAt: `${upcomingDay}T10:00:00+07:00`,
      endsAt: `${upcomingDay}T12:00:00+07:00`,
      agenda: [
        {
          title: 'Báo cáo kết quả giải quyết thủ tục hành chính và công tác cải cách hành chính',
          presenter: 'Văn phòng UBND tỉnh',
        },
        { title: 'Ý kiến của UBND các huyện, thị xã', presenter: 'UBND các huyện, thị xã' },
        { title: 'Kết luận của đồng chí chủ trì hội nghị', presenter: null },
      ],
    },
  ];
}

/** A demo user's role in the demo meetings (which everyone but the administrator attends). */
export function meetingRoleOf(user: DemoUser): 'chair' | 'secretary' | 'delegate' {
  if (user.roles.includes('chair')) return 'chair';
  if (user.roles.includes('secretary')) return 'secretary';
  return 'delegate';
}
