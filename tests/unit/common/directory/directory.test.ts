import { describe, expect, it } from 'vitest';
import { guessUnitKind, matchImportHeader } from '../../../../common/domain/directory';
import { currentUnitIn, predecessorsIn } from '../../../../sfu-server/src/directory/unitLineage';

describe('matchImportHeader', () => {
  it('finds the columns in any order, ignoring case, diacritics and trailing marks', () => {
    const { columns, missing } = matchImportHeader([
      'STT',
      'HỌ VÀ TÊN',
      'Chuc vu',
      'Cơ quan, đơn vị',
      'Điểm cầu:',
      'Tên đăng nhập (*)',
      'E-mail',
    ]);
    expect(missing).toEqual([]);
    expect(columns).toEqual({ fullName: 1, title: 2, unit: 3, site: 4, username: 5, email: 6 });
  });

  it('names the required columns a row lacks; email may be missing', () => {
    expect(matchImportHeader(['Họ tên', 'Đơn vị', 'Email']).missing).toEqual([
      'title',
      'site',
      'username',
    ]);
    expect(
      matchImportHeader(['Họ tên', 'Chức vụ', 'Đơn vị', 'Điểm cầu', 'Tên đăng nhập']).missing,
    ).toEqual([]);
  });
});

describe('guessUnitKind', () => {
  it.each([
    ['Sở Tài chính', 'department'],
    ['Văn phòng UBND tỉnh', 'office'],
    ['UBND tỉnh Hải Dương', 'province'],
    ['Ủy ban nhân dân huyện Cẩm Giàng', 'district'],
    ['UBND thị xã Kinh Môn', 'district'],
    ['UBND xã Cẩm Vũ', 'commune'],
    ['UBND thị trấn Gia Lộc', 'commune'],
    ['UBND phường Trần Phú', 'ward'],
    ['Công an tỉnh', 'other'],
  ] as const)('%s is %s', (name, kind) => expect(guessUnitKind(name)).toBe(kind));
});

describe('successor chains', () => {
  // Sở KH&ĐT → Sở Tài chính; an older unit merged into Sở KH&ĐT before that.
  const links = new Map([
    ['so-khdt', 'so-tc'],
    ['ban-cu', 'so-khdt'],
    ['so-tttt', 'so-khcn'],
  ]);

  it('a unit answers for itself and every unit merged into it, through earlier merges', () => {
    expect(predecessorsIn(links, 'so-tc')).toEqual(new Set(['so-tc', 'so-khdt', 'ban-cu']));
    expect(predecessorsIn(links, 'so-nv')).toEqual(new Set(['so-nv']));
  });

  it('the unit that answers today is the end of the chain', () => {
    expect(currentUnitIn(links, 'ban-cu')).toBe('so-tc');
    expect(currentUnitIn(links, 'so-tc')).toBe('so-tc');
  });

  it('a loop (never made by a merge) ends instead of spinning', () => {
    const loop = new Map([
      ['a', 'b'],
      ['b', 'a'],
    ]);
    expect(['a', 'b']).toContain(currentUnitIn(loop, 'a'));
    expect(predecessorsIn(loop, 'a')).toEqual(new Set(['a', 'b']));
  });
});
