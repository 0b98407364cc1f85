/**
 * A province runs its own meeting from an empty server (issue #15): no demo, no account until
 * the first administrator is made with the CLI; the administrator imports the units, sites and
 * people from the offices' spreadsheet and adds the Office's secretary by hand; she schedules a
 * meeting with two agenda items and a PDF each, invites two departments and a commune's site and
 * publishes; Sở Tài chính's director opens the giấy mời and sends a colleague in his place; she
 * enters the meeting on a PC with no camera or microphone, checks in and votes; the chair sees
 * her counted for Sở Tài chính.
 *
 * Its own server (empty data directory, no --demo) and browser host, beside the shared ones.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pino from 'pino';
import {
  chromium,
  expect,
  test,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import { BrowserHost } from '../../main/host/BrowserHost';
import { appVersion } from '../../main/version';
import type { Server } from '../../sfu-server/src/Server';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../helpers/chromium';
import { startTestServer } from '../helpers/testServer';
import { choose, makePdf, setClock } from './helpers';

const ADMIN = { username: 'quantri', password: 'Quản-trị Hải Phòng 2026' };
const OFFICE = { username: 'vp.thuky', password: 'Văn-phòng Hải Phòng 2026' };
const TITLE = 'Họp triển khai chuyển đổi số cấp xã năm 2027';
const ITEMS = ['Báo cáo hạ tầng số các xã, phường', 'Kinh phí chuyển đổi số năm 2027'];
const PROXY_NAME = 'Phạm Thị Ngân';
const DIRECTOR_NAME = 'Lê Văn Tài';
/** The people the offices keep in their spreadsheet: họ tên, chức vụ, đơn vị, điểm cầu, tên đăng nhập, email. */
const PEOPLE = [
  [
    'Nguyễn Đức Chủ',
    'Phó Chủ tịch UBND thành phố',
    'UBND thành phố Hải Phòng',
    'Hội trường UBND thành phố',
    'pct.chu',
    '',
  ],
  [
    DIRECTOR_NAME,
    'Giám đốc Sở Tài chính',
    'Sở Tài chính',
    'Hội trường UBND thành phố',
    'stc.giamdoc',
    'tai@haiphong.gov.vn',
  ],
  [
    PROXY_NAME,
    'Trưởng phòng Ngân sách',
    'Sở Tài chính',
    'Hội trường UBND thành phố',
    'stc.ngan',
    '',
  ],
  [
    'Đỗ Văn Xây',
    'Giám đốc Sở Xây dựng',
    'Sở Xây dựng',
    'Hội trường UBND thành phố',
    'sxd.giamdoc',
    '',
  ],
  [
    'Hoàng Văn Lão',
    'Chủ tịch UBND xã An Lão',
    'UBND xã An Lão',
    'Điểm cầu xã An Lão',
    'anlao.chutich',
    '',
  ],
];
const TEMPORARY = 'Tạm-thời-Hải-Phòng-2026';
const FINAL = 'Của-riêng-tôi-Hải-Phòng-2026';

let server: Server;
let host: BrowserHost;
let bare: Browser;

function createAdmin(dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.resolve('node_modules/.bin/tsx'),
      [
        'sfu-server/src/cli/admin.ts',
        'create-admin',
        '--username',
        ADMIN.username,
        '--full-name',
        'Trần Văn Quản',
        '--unit',
        'Văn phòng UBND thành phố',
        '--site',
        'Hội trường UBND thành phố',
        '--data',
        dataDir,
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(`${ADMIN.password}\n`);
  });
}

async function spreadsheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow(['Họ và tên', 'Chức vụ', 'Đơn vị', 'Điểm cầu', 'Tên đăng nhập', 'Email']);
  for (const person of PEOPLE) sheet.addRow(person);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Tomorrow in Vietnam, as dd/mm/yyyy: invitations are answered before the meeting starts. */
function tomorrow(): string {
  const vietnam = new Date(Date.now() + 7 * 3600_000 + 86_400_000);
  return vietnam.toISOString().slice(0, 10).split('-').reverse().join('/');
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** A first sign-in with the password the administrator set: the app asks for one's own first. */
async function firstSignIn(page: Page, username: string): Promise<void> {
  await signIn(page, username, TEMPORARY);
  await expect(page.getByRole('heading', { name: 'Đổi mật khẩu', level: 1 })).toBeVisible();
  await page.getByLabel('Mật khẩu hiện tại').fill(TEMPORARY);
  await page.getByRole('textbox', { name: 'Mật khẩu mới', exact: true }).fill(FINAL);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(FINAL);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByRole('navigation', { name: 'Chuyển mục' })).toBeVisible();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Chuyển mục' });
const panel = (page: Page) => page.getByRole('region', { name: 'Điều hành cuộc họp' });

test.beforeAll(async () => {
  ({ server } = await startTestServer({
    workers: 1,
    seedDemo: false,
    // Ports apart from the shared e2e server's and the capacity test's.
    rtcMinPort: 51000,
    rtcMaxPort: 51999,
  }));
  host = await BrowserHost.start({
    host: '127.0.0.1',
    port: 0,
    rendererDir: path.resolve('dist/renderer'),
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-province-client-')),
    serverUrl: server.url,
    version: appVersion,
    logger: pino({ level: 'silent' }),
  });
  bare = await chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    // A PC with no camera and no microphone: no fake devices, no auto-accepted prompt.
    args: CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--use-fake-')),
  });
});

test.afterAll(async () => {
  await bare?.close();
  await host?.close();
  await server?.close();
});

test('from an empty server: the first administrator, the directory, a planned meeting, a proxy without devices who checks in and votes', async ({
  browser,
  locale,
  timezoneId,
}) => {
  test.setTimeout(300_000);
  const contexts: BrowserContext[] = [];
  const open = async (b: Browser = browser, permissions?: string[]) => {
    const context = await b.newContext({
      baseURL: host.url,
      locale,
      timezoneId,
      ...(permissions ? { permissions } : {}),
    });
    contexts.push(context);
    return context.newPage();
  };
  try {
    // An empty server: no account, not even the demo's.
    const refused = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'PhongHop@2026' }),
    });
    expect(refused.status).toBe(401);
    const made = await createAdmin(server.config.dataDir);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);

    // The administrator imports the offices' spreadsheet.
    const admin = await open();
    await signIn(admin, ADMIN.username, ADMIN.password);
    await nav(admin).getByRole('button', { name: 'Quản trị' }).click();
    await admin.getByRole('tab', { name: 'Nhập từ Excel' }).click();
    await admin.getByLabel('Tệp Excel').setInputFiles({
      name: 'danh-sach-can-bo.xlsx',
      mimeType: 'application/octet-stream',
      buffer: await spreadsheet(),
    });
    await choose(
      admin,
      admin,
      'Đơn vị cấp trên của các đơn vị mới',
      null,
      'Văn phòng UBND thành phố',
    );
    await admin.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const results = admin.getByRole('table', { name: 'Kết quả kiểm tra từng dòng' });
    await expect(results.getByRole('row')).toHaveCount(PEOPLE.length + 1);
    await admin.getByRole('button', { name: 'Ghi vào hệ thống' }).click();
    await expect(admin.getByText(/^Đã nhập 5 tài khoản, 4 đơn vị mới/)).toBeVisible();

    // … and adds the Office's secretary by hand, with the Office's role.
    await admin.getByRole('tab', { name: 'Người dùng' }).click();
    await admin.getByRole('button', { name: 'Thêm người dùng' }).click();
    const userDialog = admin.getByRole('dialog', { name: 'Thêm người dùng' });
    await userDialog.getByLabel('Họ và tên').fill('Vũ Thị Hằng');
    await userDialog.getByLabel('Chức vụ').fill('Chuyên viên Văn phòng UBND thành phố');
    await choose(userDialog, admin, 'Đơn vị', 'Văn phòng', 'Văn phòng UBND thành phố');
    await choose(
      userDialog,
      admin,
      'Điểm cầu thường dùng',
      'Hội trường',
      'Hội trường UBND thành phố — Văn phòng UBND thành phố',
    );
    await userDialog.getByRole('checkbox', { name: 'Văn phòng (tổ chức họp)' }).check();
    await userDialog.getByLabel('Tên đăng nhập').fill(OFFICE.username);
    await userDialog
      .getByRole('textbox', { name: 'Mật khẩu ban đầu', exact: true })
      .fill(TEMPORARY);
    await userDialog.getByRole('button', { name: 'Lưu' }).click();
    await expect(userDialog).toHaveCount(0);
    await expect(admin.getByTestId(`user-${OFFICE.username}`)).toContainText('Chờ đổi mật khẩu');

    // Imported people have no password yet: the administrator sets temporary ones (the reset is
    // its own screen's test; here through the API the screen calls).
    const token = (
      (await (
        await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(ADMIN),
        })
      ).json()) as { token: string }
    ).token;
    const users = (
      (await (
        await fetch(`${server.url}/api/admin/users`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { users: { id: string; username: string }[] }
    ).users;
    for (const username of ['pct.chu', 'stc.giamdoc', 'stc.ngan']) {
      const id = users.find((u) => u.username === username)!.id;
      const reset = await fetch(`${server.url}/api/admin/users/${id}/password`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ newPassword: TEMPORARY }),
      });
      expect(reset.status).toBe(200);
    }

    // The Office's secretary schedules the meeting.
    const office = await open();
    await firstSignIn(office, OFFICE.username);
    await nav(office).getByRole('button', { name: 'Lập lịch họp' }).click();
    await office.getByRole('button', { name: 'Tạo cuộc họp mới' }).click();
    await office.getByLabel('Tên cuộc họp').fill(TITLE);
    await choose(office, office, 'Loại cuộc họp', null, 'Hội nghị trực tuyến');
    await office.getByLabel('Ngày bắt đầu').fill(tomorrow());
    await setClock(office, 'Giờ bắt đầu', '14', '00');
    await setClock(office, 'Giờ kết thúc', '16', '30');
    await choose(
      office,
      office,
      'Người chủ trì',
      'nguyen duc chu',
      'Nguyễn Đức Chủ — UBND thành phố Hải Phòng',
    );
    await choose(office, office, 'Thư ký', 'vu thi hang', 'Vũ Thị Hằng — Văn phòng UBND thành phố');
    await choose(
      office,
      office,
      'Hội trường (điểm cầu chính)',
      'hoi truong',
      'Hội trường UBND thành phố',
    );
    for (const unit of ['Sở Tài chính', 'Sở Xây dựng']) {
      await choose(office, office, 'Đơn vị được mời', unit, unit);
      await office.keyboard.press('Escape');
    }
    await choose(office, office, 'Điểm cầu trực tuyến', 'an lao', 'Điểm cầu xã An Lão');
    await office.keyboard.press('Escape');
    await office.getByRole('button', { name: 'Tạo bản nháp' }).click();
    await expect(office.getByRole('heading', { name: TITLE, level: 1 })).toBeVisible();

    await office.getByRole('tab', { name: 'Chương trình họp' }).click();
    for (const [index, item] of ITEMS.entries()) {
      await office.getByRole('button', { name: 'Thêm mục' }).click();
      await office.getByLabel(`Nội dung mục ${index + 1}`).fill(item);
    }
    await office.getByRole('button', { name: 'Lưu chương trình' }).click();
    await expect(office.getByText('Đã lưu chương trình họp.')).toBeVisible();
    for (const number of [1, 2]) {
      await office.getByRole('button', { name: `Tải tài liệu PDF cho mục ${number}` }).click();
      const dialog = office.getByRole('dialog', { name: 'Tải lên tài liệu mới' });
      await dialog.getByLabel('Tệp PDF').setInputFiles({
        name: `Tai lieu muc ${number}.pdf`,
        mimeType: 'application/pdf',
        buffer: await makePdf(`Tai lieu muc ${number}`),
      });
      await dialog.getByRole('button', { name: 'Tải lên', exact: true }).click();
      await expect(dialog.getByRole('status')).toHaveText(`Đã tải lên “Tai lieu muc ${number}”.`);
      await dialog.getByRole('button', { name: 'Đóng', exact: true }).click();
      await expect(
        office.getByRole('group', { name: `Mục ${number}` }).getByText('1 tài liệu'),
      ).toBeVisible();
    }
    await office.getByRole('button', { name: 'Phát hành', exact: true }).click();
    await office
      .getByRole('dialog', { name: 'Phát hành giấy mời?' })
      .getByRole('button', { name: 'Phát hành giấy mời' })
      .click();
    await expect(office.getByText('Đã phát hành', { exact: true })).toBeVisible();

    // Sở Tài chính's director opens the giấy mời and sends a colleague in his place.
    const director = await open();
    await firstSignIn(director, 'stc.giamdoc');
    const invitations = nav(director).getByRole('button', { name: /^Giấy mời/ });
    await expect(invitations).toHaveAccessibleName('Giấy mời 1 giấy mời chưa xem');
    await invitations.click();
    const row = director.getByRole('row', { name: new RegExp(TITLE) });
    await row.getByRole('button', { name: `Xem giấy mời ${TITLE}` }).click();
    const invitation = director.getByRole('dialog', { name: `Giấy mời: ${TITLE}` });
    await expect(
      invitation.locator('.page[data-page-number="1"][data-loaded="true"] canvas').first(),
    ).toBeVisible({ timeout: 60_000 });
    await invitation.getByRole('button', { name: 'Trả lời giấy mời' }).click();
    const answer = director.getByRole('dialog', { name: 'Trả lời giấy mời' });
    await answer.getByRole('radio', { name: 'Cử người dự thay (ủy quyền)' }).check();
    await choose(
      answer,
      director,
      'Người dự thay',
      'ngan',
      `${PROXY_NAME} — Trưởng phòng Ngân sách`,
    );
    await answer.getByLabel('Lý do (không bắt buộc)').fill('Giám đốc đi công tác tại Bộ Tài chính');
    await answer.getByRole('button', { name: 'Gửi trả lời' }).click();
    await expect(answer).toBeHidden();
    await expect(invitation).toContainText(`Ủy quyền (${PROXY_NAME})`);

    // The chair enters the room.
    const chair = await open();
    await firstSignIn(chair, 'pct.chu');
    await chair.locator('[data-testid^="meeting-card-"]', { hasText: TITLE }).click();
    await chair.getByRole('button', { name: 'Vào phòng họp trực tuyến' }).click();
    await chair.getByRole('button', { name: 'Vào phòng họp', exact: true }).click();
    await expect(panel(chair)).toBeVisible({ timeout: 30_000 });

    // The proxy, on a PC with no camera or microphone, enters, checks in and votes.
    const proxy = await open(bare, []);
    await firstSignIn(proxy, 'stc.ngan');
    await proxy.locator('[data-testid^="meeting-card-"]', { hasText: TITLE }).click();
    await proxy.getByRole('button', { name: 'Vào phòng họp trực tuyến' }).click();
    await expect(proxy.getByTestId('device-failures')).toBeVisible({ timeout: 20_000 });
    await proxy.getByRole('button', { name: 'Vào họp không dùng camera/micrô' }).click();
    await expect(panel(proxy)).toBeVisible({ timeout: 30_000 });
    await panel(proxy).getByRole('button', { name: 'Điểm danh', exact: true }).click();
    await expect(panel(proxy).getByRole('button', { name: 'Đã điểm danh' })).toBeDisabled();

    await panel(chair).getByRole('tab', { name: 'Biểu quyết' }).click();
    const question = 'Thông qua kế hoạch chuyển đổi số cấp xã năm 2027';
    await panel(chair).getByLabel('Nội dung biểu quyết').fill(question);
    await panel(chair).getByRole('button', { name: 'Mở biểu quyết' }).click();
    await panel(proxy).getByRole('tab', { name: 'Biểu quyết' }).click();
    const card = panel(proxy).getByRole('region', { name: question });
    await card.getByRole('button', { name: 'Đồng ý', exact: true }).click();
    await expect(card).toContainText('Bạn đã chọn: Đồng ý');
    await expect(panel(chair).getByRole('region', { name: question })).toContainText(
      'Đã biểu quyết: 1/',
    );

    // The chair sees the proxy present, counted for Sở Tài chính.
    await panel(chair)
      .getByRole('tab', { name: /Điểm danh/ })
      .click();
    const present = panel(chair).locator('[data-user-id]', { hasText: PROXY_NAME });
    await expect(present).toContainText(/Có mặt|Đến muộn/);
    await expect(present).toContainText('Sở Tài chính');
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
