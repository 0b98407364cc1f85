/**
 * The demo organisation in two eras. The steering committee meeting of 27/9/2022 belongs to Hải
 * Dương province as it stood then (tỉnh → huyện → xã); its units, sites and names are kept as
 * history. Since 1 July 2025 Hải Dương is part of Hải Phòng city and communes answer to the city
 * directly (no districts; DOMAIN.md, "The structure changes"): the demo's current and upcoming
 * meetings are the city's, every 2022 unit points to the unit that took it over (`successorId`),
 * and the people work in today's units. Ids are stable slugs so that tests, scripts and links can
 * name them.
 *
 * The chair, Nguyễn Minh Hùng, is named in the 2022 notice; the other people are invented, and so
 * are everyone's positions after 2022 (the chair's included).
 */
import type { UnitKind } from '../../../common/domain/directory';
import type { MeetingKind } from '../../../common/domain/meetingPlan';
import type { Role } from '../../../common/domain/user';
import type { DemoDocumentKey } from './demoDocuments';

export const DEMO_PASSWORD = 'PhongHop@2026';

export interface DemoUnit {
  id: string;
  name: string;
  shortName: string | null;
  parentId: string | null;
  kind: UnitKind;
  /** The unit that took this one over in 2025; null for a current unit. */
  successorId: string | null;
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
  /** The unit that presents, when one unit does (the planning screens edit it). */
  presentingUnitId?: string;
  document?: DemoDocumentKey;
}

export interface DemoMeeting {
  id: string;
  title: string;
  kind: MeetingKind;
  organizer: string;
  /** The unit that prepares the meeting (đơn vị chuẩn bị). */
  preparingUnitId: string;
  place: string;
  /** The hall where the chair sits: the meeting's host site. */
  hallSiteId: string;
  /** The online sites besides the hall. */
  siteIds: string[];
  /** ISO 8601 with the +07:00 offset. */
  startsAt: string;
  endsAt: string;
  chairId: string;
  agenda: DemoAgendaItem[];
}

// --- today: Hải Phòng city, communes and wards directly under it -------------------------------

const CITY = 'hp-ubnd-tp';
const CITY_OFFICE = 'hp-vp-ubnd';
const SCIENCE = 'hp-so-khcn';
const FINANCE = 'hp-so-tc';
const EDUCATION = 'hp-so-gddt';
const POLICE = 'hp-cong-an';
const CAM_GIANG = 'hp-xa-cam-giang';
const GIA_LOC = 'hp-xa-gia-loc';
const KINH_MON = 'hp-phuong-kinh-mon';

/** Hải Phòng city's units, in their tree (parents first). */
export const CURRENT_UNITS: DemoUnit[] = [
  {
    id: CITY,
    name: 'UBND thành phố Hải Phòng',
    shortName: 'UBND thành phố',
    parentId: null,
    kind: 'province',
    successorId: null,
  },
  {
    id: CITY_OFFICE,
    name: 'Văn phòng UBND thành phố',
    shortName: 'VP UBND thành phố',
    parentId: CITY,
    kind: 'office',
    successorId: null,
  },
  {
    id: SCIENCE,
    name: 'Sở Khoa học và Công nghệ',
    shortName: 'Sở KH&CN',
    parentId: CITY,
    kind: 'department',
    successorId: null,
  },
  {
    id: FINANCE,
    name: 'Sở Tài chính',
    shortName: null,
    parentId: CITY,
    kind: 'department',
    successorId: null,
  },
  {
    id: EDUCATION,
    name: 'Sở Giáo dục và Đào tạo',
    shortName: 'Sở GD&ĐT',
    parentId: CITY,
    kind: 'department',
    successorId: null,
  },
  // Belongs to the Ministry of Public Security, hence 'other' (as Công an tỉnh before it).
  {
    id: POLICE,
    name: 'Công an thành phố',
    shortName: null,
    parentId: CITY,
    kind: 'other',
    successorId: null,
  },
  {
    id: CAM_GIANG,
    name: 'UBND xã Cẩm Giàng',
    shortName: null,
    parentId: CITY,
    kind: 'commune',
    successorId: null,
  },
  {
    id: GIA_LOC,
    name: 'UBND xã Gia Lộc',
    shortName: null,
    parentId: CITY,
    kind: 'commune',
    successorId: null,
  },
  {
    id: KINH_MON,
    name: 'UBND phường Kinh Môn',
    shortName: null,
    parentId: CITY,
    kind: 'ward',
    successorId: null,
  },
];

// --- 2022: Hải Dương province, kept for the history its meeting and tasks name ------------------

const PROVINCE = 'hd-ubnd-tinh';

/**
 * Hải Dương's units of 2022, each pointing to its successor. They stay in the tree they had then
 * (merged units take nothing new; their tasks are found under their successors, unitLineage.ts).
 */
export const HISTORICAL_UNITS: DemoUnit[] = [
  {
    id: PROVINCE,
    name: 'UBND tỉnh Hải Dương',
    shortName: 'UBND tỉnh',
    parentId: null,
    kind: 'province',
    successorId: CITY,
  },
  {
    id: 'hd-vp-ubnd',
    name: 'Văn phòng UBND tỉnh',
    shortName: 'VP UBND tỉnh',
    parentId: PROVINCE,
    kind: 'office',
    successorId: CITY_OFFICE,
  },
  // 2025: Sở Thông tin và Truyền thông into Sở Khoa học và Công nghệ, Sở Kế hoạch và Đầu tư into
  // Sở Tài chính, and both provinces' departments into the city's.
  {
    id: 'hd-so-tttt',
    name: 'Sở Thông tin và Truyền thông',
    shortName: 'Sở TT&TT',
    parentId: PROVINCE,
    kind: 'department',
    successorId: SCIENCE,
  },
  {
    id: 'hd-so-khdt',
    name: 'Sở Kế hoạch và Đầu tư',
    shortName: 'Sở KH&ĐT',
    parentId: PROVINCE,
    kind: 'department',
    successorId: FINANCE,
  },
  {
    id: 'hd-so-tc',
    name: 'Sở Tài chính',
    shortName: null,
    parentId: PROVINCE,
    kind: 'department',
    successorId: FINANCE,
  },
  {
    id: 'hd-so-gddt',
    name: 'Sở Giáo dục và Đào tạo',
    shortName: 'Sở GD&ĐT',
    parentId: PROVINCE,
    kind: 'department',
    successorId: EDUCATION,
  },
  // Công an tỉnh and Kho bạc Nhà nước tỉnh sit in the province's tree for meetings and tasks, but
  // belong to central ministries, hence 'other' rather than 'department'.
  {
    id: 'hd-cong-an',
    name: 'Công an tỉnh',
    shortName: null,
    parentId: PROVINCE,
    kind: 'other',
    successorId: POLICE,
  },
  // The State Treasury (Ministry of Finance) regrouped its provincial offices into regional ones
  // in 2025, outside the city's own structure, and the demo has no such unit to point to: the
  // treasury stays a current unit (its 2022 task keeps its agency), moved under the city as an
  // administrator's merger of the province would have moved it.
  {
    id: 'hd-kbnn',
    name: 'Kho bạc Nhà nước tỉnh',
    shortName: 'KBNN tỉnh',
    parentId: CITY,
    kind: 'other',
    successorId: null,
  },
  // A simplification: each district hands over to the commune or ward named after it. In fact a
  // district's communes went to several new communes, and the district level itself was abolished.
  {
    id: 'hd-cam-giang',
    name: 'UBND huyện Cẩm Giàng',
    shortName: null,
    parentId: PROVINCE,
    kind: 'district',
    successorId: CAM_GIANG,
  },
  {
    id: 'hd-gia-loc',
    name: 'UBND huyện Gia Lộc',
    shortName: null,
    parentId: PROVINCE,
    kind: 'district',
    successorId: GIA_LOC,
  },
  {
    id: 'hd-kinh-mon',
    name: 'UBND thị xã Kinh Môn',
    shortName: null,
    parentId: PROVINCE,
    kind: 'district',
    successorId: KINH_MON,
  },
];

/**
 * Every unit, in an order the database takes row by row: parents before children and successors
 * before the units merged into them.
 */
export const DEMO_UNITS: DemoUnit[] = [...CURRENT_UNITS, ...HISTORICAL_UNITS];

const CITY_HALL = 'hp-hoi-truong';
const PROVINCE_HALL = 'hd-hoi-truong';

/** The sites of the 2022 meeting; they stay with the units that had them then. */
const HISTORICAL_SITES: DemoSite[] = [
  { id: PROVINCE_HALL, name: 'Hội trường UBND tỉnh', unitId: PROVINCE },
  { id: 'hd-dc-cam-giang', name: 'Điểm cầu huyện Cẩm Giàng', unitId: 'hd-cam-giang' },
  { id: 'hd-dc-gia-loc', name: 'Điểm cầu huyện Gia Lộc', unitId: 'hd-gia-loc' },
  { id: 'hd-dc-kinh-mon', name: 'Điểm cầu thị xã Kinh Môn', unitId: 'hd-kinh-mon' },
];

/** Today's sites: the city hall and the communes' and ward's rooms. */
const CURRENT_SITES: DemoSite[] = [
  { id: CITY_HALL, name: 'Hội trường UBND thành phố', unitId: CITY },
  { id: 'hp-dc-cam-giang', name: 'Điểm cầu xã Cẩm Giàng', unitId: CAM_GIANG },
  { id: 'hp-dc-gia-loc', name: 'Điểm cầu xã Gia Lộc', unitId: GIA_LOC },
  { id: 'hp-dc-kinh-mon', name: 'Điểm cầu phường Kinh Môn', unitId: KINH_MON },
];

export const DEMO_SITES: DemoSite[] = [...CURRENT_SITES, ...HISTORICAL_SITES];

export const DEMO_USERS: DemoUser[] = [
  {
    id: 'admin',
    fullName: 'Quản trị hệ thống',
    title: 'Quản trị hệ thống',
    unitId: CITY_OFFICE,
    siteId: CITY_HALL,
    roles: ['admin'],
  },
  {
    id: 'chutri',
    fullName: 'Nguyễn Minh Hùng',
    title: 'Phó Chủ tịch UBND thành phố',
    unitId: CITY,
    siteId: CITY_HALL,
    roles: ['chair'],
  },
  {
    id: 'thuky',
    fullName: 'Vũ Thị Thu Hằng',
    title: 'Chuyên viên Phòng Khoa giáo - Văn xã, Văn phòng UBND thành phố',
    unitId: CITY_OFFICE,
    siteId: CITY_HALL,
    // The Office's staff: plans meetings (and, as each demo meeting's secretary, minutes them).
    roles: ['secretary', 'office'],
  },
  {
    // Director of Sở TT&TT in 2022; since the merger a deputy director of Sở KH&CN.
    id: 'sotttt',
    fullName: 'Trần Quốc Việt',
    title: 'Phó Giám đốc Sở Khoa học và Công nghệ',
    unitId: SCIENCE,
    siteId: CITY_HALL,
    roles: ['delegate'],
  },
  {
    // Of Sở KH&ĐT in 2022, now of Sở Tài chính, which took it over.
    id: 'sokhdt',
    fullName: 'Đặng Thị Ngọc Ánh',
    title: 'Phó Giám đốc Sở Tài chính',
    unitId: FINANCE,
    siteId: CITY_HALL,
    roles: ['delegate'],
  },
  {
    id: 'sotc',
    fullName: 'Hoàng Văn Lộc',
    title: 'Phó Giám đốc Sở Tài chính',
    unitId: FINANCE,
    siteId: CITY_HALL,
    roles: ['delegate'],
  },
  {
    id: 'sogddt',
    fullName: 'Bùi Thị Hồng Nhung',
    title: 'Phó Giám đốc Sở Giáo dục và Đào tạo',
    unitId: EDUCATION,
    siteId: CITY_HALL,
    roles: ['delegate'],
  },
  {
    id: 'congan',
    fullName: 'Đỗ Mạnh Cường',
    title:
      'Trưởng phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao, Công an thành phố',
    unitId: POLICE,
    siteId: CITY_HALL,
    roles: ['delegate'],
  },
  // Vice-chairs of the three districts in 2022; chairs of the communes and ward named after them.
  {
    id: 'camgiang',
    fullName: 'Nguyễn Văn Thịnh',
    title: 'Chủ tịch UBND xã Cẩm Giàng',
    unitId: CAM_GIANG,
    siteId: 'hp-dc-cam-giang',
    roles: ['delegate'],
  },
  {
    id: 'gialoc',
    fullName: 'Lương Thị Huyền',
    title: 'Chủ tịch UBND xã Gia Lộc',
    unitId: GIA_LOC,
    siteId: 'hp-dc-gia-loc',
    roles: ['delegate'],
  },
  {
    id: 'kinhmon',
    fullName: 'Phạm Văn Khởi',
    title: 'Chủ tịch UBND phường Kinh Môn',
    unitId: KINH_MON,
    siteId: 'hp-dc-kinh-mon',
    roles: ['delegate'],
  },
  {
    id: 'baocao',
    fullName: 'Ngô Thị Phương Thảo',
    title: 'Chuyên viên Phòng Công nghệ thông tin và Chuyển đổi số, Sở Khoa học và Công nghệ',
    unitId: SCIENCE,
    siteId: CITY_HALL,
    roles: ['reporter'],
  },
];

/** The meeting of the conclusion notice; its tasks are the notice's eight. */
export const NOTICE_MEETING_ID = 'hd-bcd-cds-2022-09-27';
/** The follow-up meeting in progress whenever the demo starts. */
export const REVIEW_MEETING_ID = 'hd-bcd-cds-review';
/** The meeting a week after the demo starts. */
export const UPCOMING_MEETING_ID = 'hd-ubnd-upcoming';

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

/**
 * The three demo meetings; (b) and (c) are placed relative to `now` so the demo always has a live
 * and an upcoming meeting. (a) is Hải Dương's of 2022 with its names and sites; (b) and (c) are
 * Hải Phòng's, with today's.
 */
export function demoMeetings(now: Date): DemoMeeting[] {
  const reviewStart = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - HOUR_MS);
  const upcomingDay = vietnamDay(new Date(now.getTime() + 7 * DAY_MS));
  const today = {
    organizer: 'Văn phòng UBND thành phố',
    preparingUnitId: CITY_OFFICE,
    place: 'Hội trường UBND thành phố Hải Phòng',
    hallSiteId: CITY_HALL,
    siteIds: CURRENT_SITES.filter((s) => s.id !== CITY_HALL).map((s) => s.id),
    chairId: 'chutri',
  };
  return [
    {
      id: NOTICE_MEETING_ID,
      title: 'Họp Ban Chỉ đạo Chuyển đổi số tỉnh',
      kind: 'steering_committee',
      organizer: 'Văn phòng UBND tỉnh',
      preparingUnitId: 'hd-vp-ubnd',
      place: 'Hội trường UBND tỉnh Hải Dương',
      hallSiteId: PROVINCE_HALL,
      siteIds: HISTORICAL_SITES.filter((s) => s.id !== PROVINCE_HALL).map((s) => s.id),
      chairId: 'chutri',
      startsAt: '2022-09-27T08:00:00+07:00',
      endsAt: '2022-09-27T11:30:00+07:00',
      agenda: [
        {
          title:
            'Báo cáo tiến độ triển khai 3 dự án thành phần thuộc Đề án “Xây dựng Chính quyền điện tử và Đô thị thông minh tỉnh Hải Dương, giai đoạn 2020 - 2025, định hướng đến năm 2030”',
          presenter: 'Sở TT&TT',
          presentingUnitId: 'hd-so-tttt',
          document: 'progressReport',
        },
        {
          title: 'Đề xuất gia hạn Hợp đồng thực hiện các gói thầu của 3 dự án thành phần',
          presenter: 'Sở TT&TT',
          presentingUnitId: 'hd-so-tttt',
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
          presentingUnitId: 'hd-so-tttt',
          document: 'digitalGapReport',
        },
      ],
    },
    {
      ...today,
      id: REVIEW_MEETING_ID,
      title: 'Phiên họp đánh giá kết quả triển khai nhiệm vụ chuyển đổi số',
      kind: 'steering_committee',
      startsAt: toVietnamIso(reviewStart),
      endsAt: toVietnamIso(new Date(reviewStart.getTime() + 3 * HOUR_MS)),
      agenda: [
        {
          title:
            'Đánh giá kết quả triển khai các nhiệm vụ theo Thông báo kết luận cuộc họp Ban Chỉ đạo ngày 27/9/2022',
          presenter: 'Sở KH&CN',
          presentingUnitId: SCIENCE,
          document: 'conclusionNotice',
        },
      ],
    },
    {
      ...today,
      id: UPCOMING_MEETING_ID,
      title: 'Hội nghị trực tuyến UBND thành phố với các xã, phường về cải cách hành chính',
      kind: 'online_conference',
      startsAt: `${upcomingDay}T10:00:00+07:00`,
      endsAt: `${upcomingDay}T12:00:00+07:00`,
      agenda: [
        {
          title: 'Báo cáo kết quả giải quyết thủ tục hành chính và công tác cải cách hành chính',
          presenter: 'Văn phòng UBND thành phố',
          presentingUnitId: CITY_OFFICE,
        },
        { title: 'Ý kiến của UBND các xã, phường', presenter: 'UBND các xã, phường' },
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
