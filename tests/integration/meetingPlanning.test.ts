/**
 * The Office plans a meeting (issue #15 §3): a draft only the Office sees, an agenda, publication
 * with invitations to units, a commune site and persons, answers with a proxy who then enters,
 * postponement told to every invitee, the weekly calendar; and every refusal writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../../sfu-server/src/Server';
import { getJson, login, startTestServer } from '../helpers/testServer';

let server: Server;
let url: string;
const tokens: Record<string, string> = {};
const DEMO_MEETING = 'hd-bcd-cds-2022-09-27';

async function call(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    body: type.includes('json') ? ((await res.json()) as any) : await res.arrayBuffer(),
    type,
  };
}

const inDays = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+07:00`;
};

const plan = (overrides: Record<string, unknown> = {}) => ({
  title: 'Họp giao ban chuyển đổi số quý IV',
  kind: 'working_meeting',
  startsAt: inDays(3, 8),
  endsAt: inDays(3, 11),
  chairUserId: 'chutri',
  secretaryUserId: 'thuky',
  preparingUnitId: 'hp-vp-ubnd',
  hallSiteId: null,
  place: 'Phòng họp số 1, Trụ sở UBND thành phố',
  online: true,
  unitIds: ['hp-so-tc', 'hp-so-gddt'],
  siteIds: ['hp-dc-cam-giang'],
  persons: [{ userId: 'sotttt', role: 'presenter' }],
  signer: null,
  ...overrides,
});

const countRows = async (table: 'meetings' | 'agenda_items' | 'invitations') =>
  Number(
    (
      await server.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  ({ server, url } = await startTestServer({ workers: 1 }));
  // A second person of Sở Tài chính, whom its director sends in his place.
  const sotc = await server.database.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', 'sotc')
    .executeTakeFirstOrThrow();
  await server.database.db
    .insertInto('users')
    .values({
      ...sotc,
      id: 'sotc-pho',
      username: 'sotc-pho',
      full_name: 'Lê Thị Phương',
      title: 'Trưởng phòng Quản lý ngân sách, Sở Tài chính',
    })
    .execute();
  for (const u of ['thuky', 'chutri', 'sotc', 'sotc-pho', 'sotttt', 'sogddt', 'camgiang', 'admin'])
    tokens[u] = await login(url, u);
});
afterAll(async () => {
  await server.close();
});

describe('what the Office chooses from', () => {
  it('listPeople gives the Office every active person with unit and site; a delegate and an admin are refused', async () => {
    await server.database.db
      .updateTable('users')
      .set({ disabled: 1 })
      .where('id', '=', 'kinhmon')
      .execute();
    try {
      const res = await getJson(`${url}/api/plans/people`, tokens.thuky);
      expect(res.status).toBe(200);
      expect(res.body.truncated).toBe(false);
      const ids = res.body.people.map((p: { id: string }) => p.id);
      expect(ids).toEqual(expect.arrayContaining(['chutri', 'thuky', 'sotc', 'camgiang']));
      expect(ids).not.toContain('kinhmon');
      expect(res.body.people.find((p: { id: string }) => p.id === 'camgiang')).toEqual({
        id: 'camgiang',
        fullName: 'Nguyễn Văn Thịnh',
        title: 'Chủ tịch UBND xã Cẩm Giàng',
        unit: { id: 'hp-xa-cam-giang', name: 'UBND xã Cẩm Giàng' },
        site: { id: 'hp-dc-cam-giang', name: 'Điểm cầu xã Cẩm Giàng' },
      });
      const names = res.body.people.map((p: { fullName: string }) => p.fullName);
      expect(names).toEqual([...names].sort());
    } finally {
      await server.database.db
        .updateTable('users')
        .set({ disabled: 0 })
        .where('id', '=', 'kinhmon')
        .execute();
    }
    for (const refused of ['sotc', 'admin'])
      expect((await getJson(`${url}/api/plans/people`, tokens[refused])).status).toBe(403);
  });

  it('listUnitsAndSites gives the Office current units in tree order and the sites; a delegate is refused', async () => {
    const res = await getJson(`${url}/api/plans/units-and-sites`, tokens.thuky);
    expect(res.status).toBe(200);
    const unitIds = res.body.units.map((u: { id: string }) => u.id);
    expect(unitIds[0]).toBe('hp-ubnd-tp');
    expect(unitIds).toEqual(
      expect.arrayContaining(['hp-so-tc', 'hp-vp-ubnd', 'hp-xa-cam-giang', 'hp-phuong-kinh-mon']),
    );
    // Units merged in 2025 (Hải Dương's, its districts) take no new meeting.
    for (const merged of ['hd-ubnd-tinh', 'hd-so-tc', 'hd-cam-giang'])
      expect(unitIds).not.toContain(merged);
    expect(res.body.units.find((u: { id: string }) => u.id === 'hp-so-tc')).toEqual({
      id: 'hp-so-tc',
      name: 'Sở Tài chính',
      shortName: null,
      kind: 'department',
      parentId: 'hp-ubnd-tp',
    });
    expect(res.body.sites).toEqual(
      expect.arrayContaining([
        {
          id: 'hp-dc-cam-giang',
          name: 'Điểm cầu xã Cẩm Giàng',
          unit: { id: 'hp-xa-cam-giang', name: 'UBND xã Cẩm Giàng' },
        },
      ]),
    );
    for (const refused of ['sotc', 'admin'])
      expect((await getJson(`${url}/api/plans/units-and-sites`, tokens[refused])).status).toBe(403);
  });
});

describe('planning a meeting', () => {
  let meetingId: string;

  it('the Office creates a draft that invitees do not see yet', async () => {
    const sites = await server.database.db.selectFrom('sites').select(['id', 'name']).execute();
    expect(sites.map((s) => s.id)).toContain('hp-dc-cam-giang');
    const created = await call('POST', '/api/plans', tokens.thuky!, plan());
    expect(created.status).toBe(200);
    meetingId = created.body.id;
    expect(created.body).toMatchObject({
      status: 'draft',
      chair: { id: 'chutri' },
      secretary: { id: 'thuky' },
      units: expect.arrayContaining([{ id: 'hp-so-tc', name: 'Sở Tài chính' }]),
      persons: [{ user: { id: 'sotttt' }, role: 'presenter' }],
      invitations: [],
    });
    const list = await getJson(`${url}/api/meetings`, tokens.sotttt);
    expect(list.body.meetings.map((m: { id: string }) => m.id)).not.toContain(meetingId);
    expect((await getJson(`${url}/api/meetings/${meetingId}`, tokens.sotttt)).status).toBe(404);
  });

  it('refuses a plan from someone not of the Office, and a plan with a bad reference, writing nothing', async () => {
    const before = await countRows('meetings');
    expect((await call('POST', '/api/plans', tokens.sotttt!, plan())).status).toBe(403);
    expect((await call('POST', '/api/plans', tokens.admin!, plan())).status).toBe(403);
    const bad = await call('POST', '/api/plans', tokens.thuky!, plan({ unitIds: ['khong-co'] }));
    expect(bad.status).toBe(400);
    const backwards = await call(
      'POST',
      '/api/plans',
      tokens.thuky!,
      plan({ endsAt: inDays(3, 7) }),
    );
    expect(backwards.status).toBe(400);
    expect(await countRows('meetings')).toBe(before);
  });

  it('builds the agenda: two items, reordered, with presenting units', async () => {
    const put = await call('PUT', `/api/plans/${meetingId}/agenda`, tokens.thuky!, {
      items: [
        {
          title: 'Báo cáo tiến độ chuyển đổi số',
          presentingUnitId: 'hp-so-khcn',
          plannedStartMinutes: 0,
          plannedMinutes: 60,
        },
        {
          title: 'Dự toán kinh phí năm 2027',
          presentingUnitId: 'hp-so-tc',
          plannedStartMinutes: 60,
          plannedMinutes: 45,
        },
      ],
    });
    expect(put.status).toBe(200);
    const [first, second] = put.body.agenda;
    const reordered = await call('PUT', `/api/plans/${meetingId}/agenda`, tokens.thuky!, {
      items: [
        {
          id: second.id,
          title: second.title,
          presentingUnitId: 'hp-so-tc',
          plannedStartMinutes: 0,
          plannedMinutes: 45,
        },
        {
          id: first.id,
          title: first.title,
          presentingUnitId: 'hp-so-khcn',
          plannedStartMinutes: 45,
          plannedMinutes: 60,
        },
      ],
    });
    expect(
      reordered.body.agenda.map((a: { title: string; presentingUnit: { name: string } }) => [
        a.title,
        a.presentingUnit.name,
      ]),
    ).toEqual([
      ['Dự toán kinh phí năm 2027', 'Sở Tài chính'],
      ['Báo cáo tiến độ chuyển đổi số', 'Sở Khoa học và Công nghệ'],
    ]);
  });

  it('the secretary of meeting B changes B’s agenda but not meeting A’s (403, nothing written)', async () => {
    const b = await call(
      'POST',
      '/api/plans',
      tokens.thuky!,
      plan({ title: 'Họp tổ công tác đề án 06', secretaryUserId: 'sotttt', persons: [] }),
    );
    expect(b.status).toBe(200);
    const own = await call('PUT', `/api/plans/${b.body.id}/agenda`, tokens.sotttt!, {
      items: [
        {
          title: 'Rà soát dữ liệu dân cư',
          presentingUnitId: null,
          plannedStartMinutes: null,
          plannedMinutes: null,
        },
      ],
    });
    expect(own.status).toBe(200);
    const before = await countRows('agenda_items');
    for (const target of [DEMO_MEETING, meetingId]) {
      const refused = await call('PUT', `/api/plans/${target}/agenda`, tokens.sotttt!, {
        items: [],
      });
      expect(refused.status).toBe(403);
    }
    const current = await call(
      'PUT',
      `/api/meetings/${DEMO_MEETING}/agenda/current`,
      tokens.sotttt!,
      { itemId: null },
    );
    expect(current.status).toBe(403);
    expect(await countRows('agenda_items')).toBe(before);
  });

  it('publishes: units, the commune site and the person get invitations, with a badge', async () => {
    const published = await call('POST', `/api/plans/${meetingId}/publish`, tokens.thuky!);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    const addressees = published.body.invitations.map((i: any) =>
      i.addressee.kind === 'unit' ? i.addressee.unit.name : i.addressee.user.name,
    );
    expect(addressees).toEqual(
      expect.arrayContaining(['Sở Tài chính', 'Sở Giáo dục và Đào tạo', 'Trần Quốc Việt']),
    );
    expect(addressees).toHaveLength(4); // + Cẩm Giàng's unit for its site
    const mine = await getJson(`${url}/api/invitations`, tokens.sotc);
    expect(mine.status).toBe(200);
    expect(mine.body.unseen).toBe(1);
    expect(mine.body.invitations[0]).toMatchObject({
      meeting: { id: meetingId, title: 'Họp giao ban chuyển đổi số quý IV', status: 'published' },
      addressee: { kind: 'unit', unit: { id: 'hp-so-tc' } },
      response: 'pending',
      canAnswer: true,
    });
    // Publishing again sends nothing twice.
    await call('POST', `/api/plans/${meetingId}/publish`, tokens.thuky!);
    expect((await getJson(`${url}/api/invitations`, tokens.sotc)).body.invitations).toHaveLength(1);
  });

  it('an invitee opens the giấy mời as a PDF; someone not invited cannot', async () => {
    const pdf = await call('GET', `/api/plans/${meetingId}/invitation.pdf`, tokens.sotc!);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const bytes = Buffer.from(pdf.body as ArrayBuffer);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      (await call('GET', `/api/plans/${meetingId}/invitation.pdf`, tokens.camgiang!)).status,
    ).toBe(200);
    const kinhmon = await login(url, 'kinhmon');
    expect((await call('GET', `/api/plans/${meetingId}/invitation.pdf`, kinhmon)).status).toBe(403);
  });

  it('an addressee lists the people of the invitation’s unit; someone else is refused', async () => {
    const [invitation] = (await getJson(`${url}/api/invitations`, tokens.sotc)).body.invitations;
    const people = await getJson(`${url}/api/invitations/${invitation.id}/people`, tokens.sotc);
    expect(people.status).toBe(200);
    expect(people.body.truncated).toBe(false);
    // sokhdt came to Sở Tài chính with Sở Kế hoạch và Đầu tư in 2025.
    expect(people.body.people.map((p: { id: string }) => p.id).sort()).toEqual([
      'sokhdt',
      'sotc',
      'sotc-pho',
    ]);
    expect(people.body.people[0]).toMatchObject({
      unit: { id: 'hp-so-tc', name: 'Sở Tài chính' },
      site: { id: 'hp-hoi-truong' },
    });
    for (const outsider of ['sotttt', 'thuky'])
      expect(
        (await getJson(`${url}/api/invitations/${invitation.id}/people`, tokens[outsider])).status,
      ).toBe(403);
    expect((await getJson(`${url}/api/invitations/khong-co/people`, tokens.sotc)).status).toBe(404);
  });

  it('the unit answers absent with a proxy of its own, who then enters the meeting', async () => {
    const [invitation] = (await getJson(`${url}/api/invitations`, tokens.sotc)).body.invitations;
    const outsider = await call(
      'POST',
      `/api/invitations/${invitation.id}/answer`,
      tokens.sotttt!,
      {
        response: 'attend',
      },
    );
    expect(outsider.status).toBe(403);
    const wrongUnit = await call('POST', `/api/invitations/${invitation.id}/answer`, tokens.sotc!, {
      response: 'proxy',
      proxyUserId: 'sogddt',
    });
    expect(wrongUnit.status).toBe(400);
    expect(
      (await call('POST', `/api/meetings/${meetingId}/join-ticket`, tokens['sotc-pho']!, {}))
        .status,
    ).toBe(403);

    const answered = await call('POST', `/api/invitations/${invitation.id}/answer`, tokens.sotc!, {
      response: 'proxy',
      proxyUserId: 'sotc-pho',
      reason: 'Giám đốc đi công tác',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      response: 'proxy',
      attendee: { id: 'sotc-pho', name: 'Lê Thị Phương' },
      respondedBy: { id: 'sotc' },
      seenAt: expect.any(String),
    });
    expect((await getJson(`${url}/api/invitations`, tokens.sotc)).body.unseen).toBe(0);
    const ticket = await call(
      'POST',
      `/api/meetings/${meetingId}/join-ticket`,
      tokens['sotc-pho']!,
      {},
    );
    expect(ticket.status).toBe(200);
    const detail = await getJson(`${url}/api/meetings/${meetingId}`, tokens['sotc-pho']);
    expect(detail.body.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: 'sotc-pho', agencyName: 'Sở Tài chính' }),
      ]),
    );
    // The organiser sees the answer per unit.
    const organiser = await call('GET', `/api/plans/${meetingId}`, tokens.thuky!);
    const sotcAnswer = organiser.body.invitations.find(
      (i: any) => i.addressee.unit?.id === 'hp-so-tc',
    );
    expect(sotcAnswer).toMatchObject({ response: 'proxy', attendee: { id: 'sotc-pho' } });
  });

  it('a person invited by name answers absent: the attendance shows it', async () => {
    const [invitation] = (await getJson(`${url}/api/invitations`, tokens.sotttt)).body.invitations;
    const res = await call('POST', `/api/invitations/${invitation.id}/answer`, tokens.sotttt!, {
      response: 'absent',
      reason: 'Trùng lịch tiếp công dân',
    });
    expect(res.status).toBe(200);
    const row = await server.database.db
      .selectFrom('attendance')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .where('user_id', '=', 'sotttt')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'absent', absence_reason: 'Trùng lịch tiếp công dân' });
  });

  it('postponing tells every invitee, and the badge comes back', async () => {
    expect(
      (
        await call('POST', `/api/plans/${meetingId}/status`, tokens.sotttt!, {
          status: 'postponed',
          reason: 'x x x',
        })
      ).status,
    ).toBe(403);
    const res = await call('POST', `/api/plans/${meetingId}/status`, tokens.thuky!, {
      status: 'postponed',
      reason: 'Lãnh đạo UBND thành phố bận họp đột xuất',
    });
    expect(res.status).toBe(200);
    const mine = (await getJson(`${url}/api/invitations`, tokens.sotc)).body;
    expect(mine.unseen).toBe(1);
    expect(mine.invitations[0].announcements[0]).toMatchObject({
      kind: 'postponed',
      text: expect.stringContaining('Lãnh đạo UBND thành phố bận họp đột xuất'),
    });
    expect(mine.invitations[0].meeting.status).toBe('postponed');
  });

  it('the weekly calendar lists the meeting, filtered by unit, and prints as PDF', async () => {
    const week = inDays(3, 8).slice(0, 10);
    const all = await getJson(`${url}/api/calendar?week=${week}`, tokens.sotttt);
    expect(all.status).toBe(200);
    expect(all.body.entries.map((e: { meetingId: string }) => e.meetingId)).toContain(meetingId);
    const forUnit = await getJson(
      `${url}/api/calendar?week=${week}&unitId=hp-so-tc`,
      tokens.sotttt,
    );
    expect(forUnit.body.entries.map((e: { meetingId: string }) => e.meetingId)).toContain(
      meetingId,
    );
    const other = await getJson(`${url}/api/calendar?week=${week}&unitId=hd-kbnn`, tokens.sotttt);
    expect(other.body.entries.map((e: { meetingId: string }) => e.meetingId)).not.toContain(
      meetingId,
    );
    const pdf = await call('GET', `/api/calendar.pdf?week=${week}`, tokens.sotttt!);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect((await getJson(`${url}/api/calendar?week=bad`, tokens.sotttt)).status).toBe(400);
  });
});
