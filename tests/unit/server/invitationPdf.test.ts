/**
 * The giấy mời as a reader checks it: rendered with a Hải Phòng meeting (after the 2025 merger),
 * read back with poppler's pdftotext, and held to what the Office would look for: the issuer and
 * the number, the summary line, every invitee and agenda item, the time in Vietnam time with its
 * weekday whatever the server's zone, the place and the online sites, the chair, the closing
 * sentence, "Nơi nhận" and the signer, with the diacritics intact.
 */
import { describe, expect, it } from 'vitest';
import type { MeetingPlan } from '../../../common/domain/meetingPlan';
import {
  composeInvitation,
  invitationSummary,
  issuerInSentence,
  renderInvitationPdf,
  type InvitationPdfInput,
} from '../../../sfu-server/src/notices/invitationPdf';
import { foldSpaces, pdfPages, pdfText } from '../../helpers/pdfText';
import { inTimeZone } from '../../helpers/timeZone';

const ref = (id: string, name: string) => ({ id, name });

const AGENDA = [
  {
    title: 'Báo cáo tình hình giải ngân vốn đầu tư công 11 tháng năm 2026',
    unit: ref('u-stc', 'Sở Tài chính'),
    minutes: 30,
  },
  {
    title: 'Tiến độ giải phóng mặt bằng các dự án trọng điểm trên địa bàn',
    unit: ref('u-snnmt', 'Sở Nông nghiệp và Môi trường'),
    minutes: 20,
  },
  {
    title: 'Khó khăn, vướng mắc của các chủ đầu tư và đề xuất, kiến nghị',
    unit: ref('u-sxd', 'Sở Xây dựng'),
    minutes: null,
  },
];

function plan(overrides: Partial<MeetingPlan> = {}): MeetingPlan {
  return {
    id: 'hp-giai-ngan-2026-12',
    status: 'published',
    title: 'Họp nghe báo cáo tiến độ giải ngân vốn đầu tư công năm 2026',
    kind: 'working_meeting',
    // 07/12/2026 is a Monday; 14:00 in Hải Phòng is 07:00 UTC.
    startsAt: '2026-12-07T07:00:00.000Z',
    endsAt: '2026-12-07T16:30:00+07:00',
    chair: ref('u-chair', 'Lê Quang Huy'),
    secretary: ref('u-sec', 'Phạm Thị Ngọc Ánh'),
    preparingUnit: ref('u-stc', 'Sở Tài chính'),
    hallSite: ref('s-hall', 'Phòng họp số 1, UBND thành phố'),
    place: 'số 18 Hoàng Diệu, phường Hồng Bàng',
    online: true,
    units: [
      ref('u-stc', 'Sở Tài chính'),
      ref('u-sxd', 'Sở Xây dựng'),
      ref('u-snnmt', 'Sở Nông nghiệp và Môi trường'),
      ref('u-kbnn', 'Kho bạc Nhà nước khu vực III'),
      ref('u-anlao', 'UBND xã An Lão'),
      ref('u-tienlang', 'UBND xã Tiên Lãng'),
    ],
    sites: [
      ref('s-anlao', 'Phòng họp UBND xã An Lão'),
      ref('s-tienlang', 'Phòng họp UBND xã Tiên Lãng'),
    ],
    persons: [
      {
        user: ref('u-ttn', 'Đỗ Thị Thu Hương'),
        unit: ref('u-vp', 'Văn phòng UBND thành phố'),
        role: 'delegate',
      },
      { user: ref('u-bc', 'Vũ Đức Thắng'), unit: ref('u-stc', 'Sở Tài chính'), role: 'presenter' },
    ],
    signer: { authority: 'TL. CHỦ TỊCH', title: 'CHÁNH VĂN PHÒNG', name: 'Nguyễn Thị Hằng' },
    agenda: AGENDA.map((item, i) => ({
      id: `a${i + 1}`,
      position: i,
      title: item.title,
      presentingUnit: item.unit,
      plannedStartMinutes: null,
      plannedMinutes: item.minutes,
      documentCount: 1,
    })),
    invitations: [],
    invitationDocumentId: null,
    publishedAt: null,
    statusReason: null,
    updatedAt: '2026-12-03T02:00:00.000Z',
    ...overrides,
  };
}

function input(overrides: Partial<MeetingPlan> = {}): InvitationPdfInput {
  return {
    ...plan(overrides),
    issuer: { superior: 'UBND THÀNH PHỐ HẢI PHÒNG', name: 'VĂN PHÒNG' },
    number: '125/GM-VP',
    placeName: 'Hải Phòng',
    // 23:30 UTC on 03/12 is already 04/12 in Vietnam.
    issuedAt: new Date('2026-12-03T23:30:00.000Z'),
    recipients: [
      '- Như thành phần mời;',
      '- Chủ tịch, các PCT UBND TP (để b/c);',
      '- Lưu: VT, TH.',
    ],
  };
}

describe('renderInvitationPdf', () => {
  it('renders a giấy mời a reader can check: header, summary, invitees, agenda, time, place, signer', async () => {
    const bytes = await renderInvitationPdf(input());
    const raw = pdfText(bytes);
    // Every Vietnamese letter is one precomposed character: the text copies as typed.
    expect(raw).toBe(raw.normalize('NFC'));
    const text = foldSpaces(raw);
    for (const expected of [
      'UBND THÀNH PHỐ HẢI PHÒNG',
      'VĂN PHÒNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 125/GM-VP',
      'Hải Phòng, ngày 04 tháng 12 năm 2026',
      'GIẤY MỜI',
      'Họp nghe báo cáo tiến độ giải ngân vốn đầu tư công năm 2026',
      'Văn phòng UBND thành phố Hải Phòng trân trọng kính mời:',
      '- Đồng chí Đỗ Thị Thu Hương, Văn phòng UBND thành phố;',
      '- Đồng chí Vũ Đức Thắng, Sở Tài chính (trình bày);',
      // Units of a kind share a line, as offices write it.
      '- Đại diện lãnh đạo các sở: Tài chính, Xây dựng, Nông nghiệp và Môi trường;',
      '- Đại diện lãnh đạo Kho bạc Nhà nước khu vực III;',
      '- Đại diện lãnh đạo UBND các xã: An Lão, Tiên Lãng.',
      'Nội dung:',
      '1. Báo cáo tình hình giải ngân vốn đầu tư công 11 tháng năm 2026 (Sở Tài chính trình bày; 30 phút).',
      '3. Khó khăn, vướng mắc của các chủ đầu tư và đề xuất, kiến nghị (Sở Xây dựng trình bày).',
      'Thời gian: 14 giờ 00, thứ Hai, ngày 07/12/2026.',
      'Địa điểm: Phòng họp số 1, UBND thành phố, số 18 Hoàng Diệu, phường Hồng Bàng.',
      'Hình thức: trực tiếp kết hợp trực tuyến tại các điểm cầu: Phòng họp UBND xã An Lão; Phòng họp UBND xã Tiên Lãng.',
      'Chủ trì: đồng chí Lê Quang Huy.',
      'Giao Sở Tài chính chuẩn bị nội dung, tài liệu phục vụ buổi làm việc.',
      'Đề nghị các đại biểu tham dự đúng thành phần, thời gian./.',
      'Nơi nhận:',
      '- Lưu: VT, TH.',
      'TL. CHỦ TỊCH',
      'CHÁNH VĂN PHÒNG',
      'Nguyễn Thị Hằng',
    ])
      expect(text).toContain(expected);
    for (const item of AGENDA) expect(text).toContain(item.title);
    // The reader meets the parts in the order of a real giấy mời.
    const order = [
      'GIẤY MỜI',
      'trân trọng kính mời:',
      'Nội dung:',
      'Thời gian:',
      'Địa điểm:',
      'Chủ trì:',
      'Đề nghị các đại biểu',
      'Nơi nhận:',
    ];
    const positions = order.map((part) => text.indexOf(part));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // Two pages here; NĐ 30 practice: the signature page carries text of the body too.
    const lastPage = foldSpaces(pdfPages(bytes).at(-1)!);
    expect(lastPage).toContain('Đề nghị các đại biểu tham dự đúng thành phần, thời gian./.');
    expect(lastPage).toContain('Nguyễn Thị Hằng');
  });

  it('renderInvitationPdf() of a small meeting fits on one page', async () => {
    const small = input({
      units: [ref('u-stc', 'Sở Tài chính'), ref('u-anlao', 'UBND xã An Lão')],
      persons: [],
      online: false,
      sites: [],
      agenda: [],
    });
    const pages = pdfPages(await renderInvitationPdf(small));
    expect(pages).toHaveLength(1);
    const text = foldSpaces(pages[0]!);
    // A single unit of a kind keeps its full name.
    expect(text).toContain('- Đại diện lãnh đạo Sở Tài chính;');
    expect(text).toContain('- Đại diện lãnh đạo UBND xã An Lão.');
  });

  it("renderInvitationPdf() gives equal bytes for equal input, whatever the server's time zone", async () => {
    const west = await inTimeZone('America/Los_Angeles', () => renderInvitationPdf(input()));
    const east = await inTimeZone('Asia/Tokyo', () => renderInvitationPdf(input()));
    // Equal bytes: content-addressed storage keeps one copy of a re-rendered invitation.
    expect(Buffer.from(west).equals(Buffer.from(east))).toBe(true);
    expect(foldSpaces(pdfText(west))).toContain('Thời gian: 14 giờ 00, thứ Hai, ngày 07/12/2026.');
  });

  it('renderInvitationPdf() of a meeting in the hall only, without a signer, is signed by the chair and has no online line', async () => {
    const text = foldSpaces(
      pdfText(
        await renderInvitationPdf(input({ online: false, sites: [], signer: null, place: '' })),
      ),
    );
    expect(text).toContain('Địa điểm: Phòng họp số 1, UBND thành phố.');
    expect(text).not.toContain('Hình thức:');
    expect(text).not.toContain('TL. CHỦ TỊCH');
    expect(text).toContain('Lê Quang Huy');
  });

  it('composeInvitation() of a meeting across midnight UTC gives the Vietnam day and weekday', () => {
    // 08:00 on Sunday 06/12 in Vietnam is still Saturday 05/12 in UTC.
    const doc = composeInvitation(
      input({ startsAt: '2026-12-06T01:00:00Z', endsAt: '2026-12-07T10:00:00Z', agenda: [] }),
    );
    expect(doc.body).toContain(
      'Thời gian:** từ 08 giờ 00, Chủ nhật, ngày 06/12/2026 đến 17 giờ 00, thứ Hai, ngày 07/12/2026.',
    );
    // Without an agenda the content is the meeting itself.
    expect(doc.body).toContain('**Nội dung:** Họp nghe báo cáo tiến độ giải ngân');
  });

  it('invitationSummary() words each kind of meeting as offices do', () => {
    expect(invitationSummary('Hội nghị sơ kết 6 tháng đầu năm', 'online_conference')).toBe(
      'Dự hội nghị sơ kết 6 tháng đầu năm',
    );
    expect(invitationSummary('Triển khai Nghị quyết số 57-NQ/TW', 'online_conference')).toBe(
      'Dự hội nghị trực tuyến triển khai Nghị quyết số 57-NQ/TW',
    );
    expect(invitationSummary('Ban Chỉ đạo Chuyển đổi số thành phố', 'steering_committee')).toBe(
      'Họp Ban Chỉ đạo Chuyển đổi số thành phố',
    );
    expect(invitationSummary('Phiên họp thường kỳ tháng 11', 'ubnd_session')).toBe(
      'Dự phiên họp thường kỳ tháng 11',
    );
    expect(invitationSummary('tuần 49', 'briefing')).toBe('Họp giao ban tuần 49');
  });

  it('issuerInSentence() writes the issuing body as a sentence names it', () => {
    expect(issuerInSentence({ superior: 'UBND THÀNH PHỐ HẢI PHÒNG', name: 'VĂN PHÒNG' })).toBe(
      'Văn phòng UBND thành phố Hải Phòng',
    );
    expect(issuerInSentence({ superior: null, name: 'ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG' })).toBe(
      'Ủy ban nhân dân thành phố Hải Phòng',
    );
    expect(issuerInSentence({ superior: null, name: 'ỦY BAN NHÂN DÂN\nXÃ AN LÃO' })).toBe(
      'Ủy ban nhân dân xã An Lão',
    );
    expect(
      issuerInSentence({ superior: 'UBND THÀNH PHỐ HẢI PHÒNG', name: 'SỞ TÀI CHÍNH' }),
    ).toMatch(/^Sở Tài chính /u);
  });
});
