import { describe, expect, it } from 'vitest';
import {
  AGENCIES,
  matchAgencyListAt,
  normaliseAgencyName,
  sameAgency,
  successorOf,
} from '../../../../common/notices/agencies';
import { fold, tokenize } from '../../../../common/notices/text';

describe('normaliseAgencyName()', () => {
  it.each([
    ['Sở TT&TT', 'Sở Thông tin và Truyền thông'],
    ['Sở TTTT', 'Sở Thông tin và Truyền thông'],
    ['Sở Thông tin & Truyền thông', 'Sở Thông tin và Truyền thông'],
    ['Sở KH&ĐT', 'Sở Kế hoạch và Đầu tư'],
    ['Sở KHĐT', 'Sở Kế hoạch và Đầu tư'],
    ['Sở GD&ĐT', 'Sở Giáo dục và Đào tạo'],
    ['Sở Giáo dục & Đào tạo', 'Sở Giáo dục và Đào tạo'],
    ['Sở NN&PTNT', 'Sở Nông nghiệp và Phát triển nông thôn'],
    ['Sở TN&MT', 'Sở Tài nguyên và Môi trường'],
    ['Sở VHTTDL', 'Sở Văn hóa, Thể thao và Du lịch'],
    ['Sở Văn hoá Thể thao và Du lịch', 'Sở Văn hóa, Thể thao và Du lịch'],
    ['Sở LĐTBXH', 'Sở Lao động - Thương binh và Xã hội'],
    ['Sở Lao động, Thương binh và Xã hội', 'Sở Lao động - Thương binh và Xã hội'],
    ['Sở GTVT', 'Sở Giao thông vận tải'],
    ['VP UBND tỉnh', 'Văn phòng UBND tỉnh'],
    ['Văn phòng Ủy ban nhân dân tỉnh', 'Văn phòng UBND tỉnh'],
    ['Ủy ban nhân dân tỉnh', 'UBND tỉnh'],
    ['Kho bạc nhà nước tỉnh', 'Kho bạc Nhà nước tỉnh'],
    ['KBNN tỉnh', 'Kho bạc Nhà nước tỉnh'],
    ['CA tỉnh', 'Công an tỉnh'],
    ['BHXH tỉnh', 'Bảo hiểm xã hội tỉnh'],
    ['Đài PT&TH tỉnh', 'Đài Phát thanh và Truyền hình tỉnh'],
    ['các Sở, ngành', 'các sở, ngành'],
    ['các sở, ban, ngành', 'các sở, ngành'],
    ['sở, ban, ngành', 'các sở, ngành'],
    ['UBND cấp huyện', 'UBND các huyện, thị xã, thành phố'],
    ['UBND các huyện, TX, TP', 'UBND các huyện, thị xã, thành phố'],
    ['Ủy ban nhân dân các huyện, thị xã, thành phố', 'UBND các huyện, thị xã, thành phố'],
    ['UBND cấp xã', 'UBND các xã, phường, thị trấn'],
  ])('expands %j to %j', (written, full) => {
    expect(normaliseAgencyName(written)).toBe(full);
  });

  it('matches known names whatever the case and diacritics', () => {
    expect(normaliseAgencyName('SỞ TÀI CHÍNH')).toBe('Sở Tài chính');
    expect(normaliseAgencyName('So Tai chinh')).toBe('Sở Tài chính');
    expect(normaliseAgencyName('Sở  Y  tế')).toBe('Sở Y tế');
    expect(normaliseAgencyName('UỶ BAN NHÂN DÂN TỈNH')).toBe('UBND tỉnh');
  });

  it.each([
    ['Sở Quy hoạch - Kiến trúc', 'Sở Quy hoạch - Kiến trúc'],
    ['UBND huyện Kinh Môn', 'UBND huyện Kinh Môn'],
    ['Ủy ban nhân dân thành phố Đông Hà', 'UBND thành phố Đông Hà'],
    ['UBND TP. Đồng Hới', 'UBND thành phố Đồng Hới'],
    ['Ban Quản lý Khu kinh tế tỉnh', 'Ban Quản lý Khu kinh tế tỉnh'],
    ['Trung tâm Phục vụ hành chính công tỉnh', 'Trung tâm Phục vụ hành chính công tỉnh'],
    ['Ban Chỉ đạo xây dựng CQĐT tỉnh', 'Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh'],
    ['BCĐ Chuyển đổi số tỉnh', 'Ban Chỉ đạo Chuyển đổi số tỉnh'],
    ['Chi cục Phát triển nông thôn', 'Chi cục Phát triển nông thôn'],
    ['Liên minh Hợp tác xã tỉnh', 'Liên minh Hợp tác xã tỉnh'],
    ['VNPT Quảng Bình', 'VNPT Quảng Bình'],
  ])('keeps the well-formed unknown name %j as written (%j)', (written, kept) => {
    expect(normaliseAgencyName(written)).toBe(kept);
  });

  it('keeps successor names as their own agencies (old notices keep old names)', () => {
    expect(normaliseAgencyName('Sở KH&CN')).toBe('Sở Khoa học và Công nghệ');
    expect(normaliseAgencyName('Sở TT&TT')).toBe('Sở Thông tin và Truyền thông');
    expect(normaliseAgencyName('Sở NN&MT')).toBe('Sở Nông nghiệp và Môi trường');
  });
});

describe('successorOf()', () => {
  it('follows the 2025 mergers to the agency that holds the duties now', () => {
    expect(successorOf('Sở TT&TT')).toBe('Sở Khoa học và Công nghệ');
    expect(successorOf('Sở Kế hoạch và Đầu tư')).toBe('Sở Tài chính');
    expect(successorOf('Sở TN&MT')).toBe('Sở Nông nghiệp và Môi trường');
    expect(successorOf('Sở Y tế')).toBe('Sở Y tế');
  });
});

describe('sameAgency()', () => {
  it('equates an abbreviation with the full name, and nothing else', () => {
    expect(sameAgency('Sở KH&ĐT', 'Sở Kế hoạch và Đầu tư')).toBe(true);
    expect(sameAgency('Sở KH&ĐT', 'Sở Tài chính')).toBe(false);
  });
});

describe('AGENCIES', () => {
  it('has unique names, successors that exist, and no spelling claimed by two entries', () => {
    const names = AGENCIES.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const e of AGENCIES) if (e.successor) expect(names).toContain(e.successor);
    const owner = new Map<string, string>();
    for (const e of AGENCIES) {
      for (const spelling of [e.name, ...e.aliases]) {
        const key = tokenize(spelling)
          .map((t) => t.key)
          .join(' ');
        expect(owner.get(key) ?? e.name, `"${spelling}"`).toBe(e.name);
        owner.set(key, e.name);
      }
    }
  });
});

describe('matchAgencyListAt()', () => {
  function list(text: string) {
    const result = matchAgencyListAt(text, tokenize(text), 0, { roles: true });
    return result?.agencies.map((a) => (a.related ? `${a.name} (liên quan)` : a.name));
  }

  it('splits a list at commas and "và", keeping names that contain "và" whole', () => {
    expect(
      list('Sở KH&ĐT, Sở Tài chính, Kho bạc nhà nước tỉnh và các sở, ngành liên quan để'),
    ).toEqual([
      'Sở Kế hoạch và Đầu tư',
      'Sở Tài chính',
      'Kho bạc Nhà nước tỉnh',
      'các sở, ngành (liên quan)',
    ]);
  });

  it('marks every collective before "liên quan" as the related ones', () => {
    expect(list('sở, ban, ngành, địa phương liên quan rà soát')).toEqual([
      'các sở, ngành (liên quan)',
      'các địa phương (liên quan)',
    ]);
  });

  it('names one committee per place in "UBND các huyện A, B, C"', () => {
    expect(list('UBND các huyện Sơn Hà, Minh Long, Ba Tơ tổ chức')).toEqual([
      'UBND huyện Sơn Hà',
      'UBND huyện Minh Long',
      'UBND huyện Ba Tơ',
    ]);
  });

  it('reads "các sở: Tài chính, Kế hoạch và Đầu tư, Xây dựng" as three departments', () => {
    expect(list('Các sở: Tài chính, Kế hoạch và Đầu tư, Xây dựng theo chức năng')).toEqual([
      'Sở Tài chính',
      'Sở Kế hoạch và Đầu tư',
      'Sở Xây dựng',
    ]);
  });

  it('skips a title before an agency and stops an unknown name at its verb', () => {
    expect(list('Người đứng đầu các sở, ban, ngành cấp tỉnh, UBND cấp huyện phải')).toEqual([
      'các sở, ngành',
      'UBND các huyện, thị xã, thành phố',
    ]);
    expect(list('Báo Thái Bình tăng cường')).toEqual(['Báo Thái Bình']);
    expect(list('Ban Chỉ đạo cơ bản nhất trí')).toEqual(['Ban Chỉ đạo']);
    expect(list('Cục Quản lý thị trường tỉnh thực hiện')).toEqual(['Cục Quản lý thị trường tỉnh']);
  });

  it('finds no agency in ordinary words that start like one', () => {
    expect(list('Báo cáo tiến độ triển khai')).toBeUndefined();
    expect(list('Bộ chỉ số đánh giá')).toBeUndefined();
    expect(list('Trung tâm dữ liệu tỉnh')).toBeUndefined();
  });
});

describe('fold()', () => {
  it('keeps the length so offsets carry over', () => {
    const s = 'Sở Giáo dục & Đào tạo, Uỷ ban';
    expect(fold(s)).toHaveLength(s.length);
    expect(fold(s)).toBe('so giao duc & dao tao, uy ban');
  });
});
