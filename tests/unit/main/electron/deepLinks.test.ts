import { describe, expect, it } from 'vitest';
import { deepLinkArgument, parseDeepLink } from '../../../../common/ipc/deepLink';
import { decideDeepLink, DeepLinkInbox } from '../../../../main/electron/deepLinks';

const serverUrl = 'https://hop.haiduong.gov.vn:8443';
const uuid = '3f2b8c1e-9d4a-4e6b-8f0a-1c2d3e4f5a6b';

describe('parseDeepLink()', () => {
  it('reads phonghop://join/<id> and phonghop://open/<id>', () => {
    expect(parseDeepLink(`phonghop://join/${uuid}`)).toEqual({
      ok: true,
      link: { action: 'join', meetingId: uuid },
    });
    expect(parseDeepLink('phonghop://open/hd-bcd-cds-2022-09-27')).toEqual({
      ok: true,
      link: { action: 'open', meetingId: 'hd-bcd-cds-2022-09-27' },
    });
    // Windows' shell may add a trailing slash; the scheme's case does not matter.
    expect(parseDeepLink('phonghop://join/hd_1/')).toMatchObject({ ok: true });
    expect(parseDeepLink('PhongHop://join/hd_1')).toMatchObject({ ok: true });
  });

  it('reads the same paths on the configured server, and only there', () => {
    expect(parseDeepLink(`${serverUrl}/join/${uuid}`, { serverUrl })).toEqual({
      ok: true,
      link: { action: 'join', meetingId: uuid },
    });
    expect(parseDeepLink(`${serverUrl}/open/m1`, { serverUrl: `${serverUrl}/` })).toMatchObject({
      ok: true,
    });
    for (const other of [
      'https://hop.haiduong.gov.vn/join/m1', // another port
      'http://hop.haiduong.gov.vn:8443/join/m1', // another scheme
      'https://evil.example/join/m1',
      'https://hop.haiduong.gov.vn.evil.example:8443/join/m1',
    ]) {
      expect(parseDeepLink(other, { serverUrl }), other).toEqual({ ok: false, reason: 'foreign' });
    }
    expect(parseDeepLink(`${serverUrl}/join/m1`)).toEqual({ ok: false, reason: 'foreign' });
  });

  it('refuses malformed links whole, saying why', () => {
    const cases: [string, string][] = [
      ['', 'malformed'],
      ['join/m1', 'malformed'],
      ['phonghop:join/m1', 'malformed'],
      [`phonghop://join/${'a'.repeat(3000)}`, 'malformed'],
      ['file:///C:/x.html', 'foreign'],
      ['javascript:alert(1)', 'foreign'],
      ['phonghop://delete/m1', 'unknown_action'],
      ['phonghop://JOIN/m1', 'unknown_action'],
      ['phonghop://join', 'invalid_meeting_id'],
      ['phonghop://join/', 'invalid_meeting_id'],
      ['phonghop://join/-m1', 'invalid_meeting_id'],
      ['phonghop://join/m%2F1', 'invalid_meeting_id'],
      ['phonghop://join/m 1', 'invalid_meeting_id'],
      ['phonghop://join/cuộc-họp', 'invalid_meeting_id'],
      [`phonghop://join/${'a'.repeat(65)}`, 'invalid_meeting_id'],
      ['phonghop://join/..', 'invalid_meeting_id'],
      ['phonghop://join/m1/extra', 'unexpected_parts'],
      ['phonghop://join/m1?token=x', 'unexpected_parts'],
      ['phonghop://join/m1#x', 'unexpected_parts'],
      ['phonghop://user:pw@join/m1', 'unexpected_parts'],
      ['phonghop://join:99/m1', 'unexpected_parts'],
      [`${serverUrl}/join/m1?next=https://evil`, 'unexpected_parts'],
      [`${serverUrl}/api/meetings/m1`, 'unknown_action'],
      [`${serverUrl}/`, 'unknown_action'],
    ];
    for (const [raw, reason] of cases) {
      expect(parseDeepLink(raw, { serverUrl }), raw).toEqual({ ok: false, reason });
    }
  });
});

describe('deepLinkArgument()', () => {
  it('finds the link among a launch’s arguments, or none', () => {
    expect(
      deepLinkArgument([
        'C:\\Program Files\\Phòng Họp\\Phòng Họp.exe',
        '--allow-file-access-from-files',
        'phonghop://join/m1',
      ]),
    ).toBe('phonghop://join/m1');
    expect(deepLinkArgument(['/usr/bin/electron', '.', 'https://x.org/join/m1'])).toBe(
      'https://x.org/join/m1',
    );
    expect(deepLinkArgument(['C:\\Phong Hop\\app.exe', 'C:\\Users\\an\\file.pdf'])).toBeNull();
    expect(deepLinkArgument(['phonghop://join/m1'])).toBeNull(); // argv[0] is the program
    expect(deepLinkArgument([])).toBeNull();
  });
});

describe('decideDeepLink() and DeepLinkInbox', () => {
  it('a refusal names the link and the reason in Vietnamese', () => {
    const decision = decideDeepLink('phonghop://join/m1?x=1', serverUrl);
    expect(decision).toEqual({
      kind: 'refuse',
      reason: 'unexpected_parts',
      message:
        'Không mở được liên kết “phonghop://join/m1?x=1”. Liên kết có thêm thành phần không được phép (tham số, cổng hoặc đường dẫn thừa).',
    });
    const long = decideDeepLink(`https://x.org/${'a'.repeat(500)}`, serverUrl);
    expect(long.kind === 'refuse' && long.message.length).toBeLessThan(300);
  });

  it('the inbox gives the last link once', () => {
    const inbox = new DeepLinkInbox();
    expect(inbox.take()).toBeNull();
    inbox.put({ action: 'open', meetingId: 'a' });
    inbox.put({ action: 'join', meetingId: 'b' });
    expect(inbox.take()).toEqual({ action: 'join', meetingId: 'b' });
    expect(inbox.take()).toBeNull();
  });
});
