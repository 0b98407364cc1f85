/**
 * Meeting planning end to end (issue #15 §3, §1): the Office's secretary plans a meeting with a
 * two-item agenda and a PDF on each item, invites Sở Tài chính and Cẩm Giàng's site and publishes;
 * Sở Tài chính's director sees the badge, opens the giấy mời as a PDF in the app and answers
 * absent with a reason, which the Office then reads; the weekly calendar lists the meeting and
 * prints as PDF. A user whose password an administrator set sees only the change-password screen
 * until they change it.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { E2E_SERVER_PORT } from '../../playwright.config';
import { choose, DEMO_PASSWORD, makePdf, setClock, submitLogin } from './helpers';

const TITLE = 'Họp rà soát kinh phí chuyển đổi số năm 2027';
const ITEM_1 = 'Báo cáo dự toán kinh phí chuyển đổi số';
const ITEM_2 = 'Ý kiến của các sở, ngành';
const SERVER = `http://127.0.0.1:${E2E_SERVER_PORT}`;

/** The Tuesday of next week (Vietnam), as YYYY-MM-DD: in the future, and in one known week. */
function nextTuesday(): string {
  const vietnam = new Date(Date.now() + 7 * 3600_000);
  const weekday = (vietnam.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(vietnam.getTime() + (7 - weekday + 1) * 86_400_000).toISOString().slice(0, 10);
}
const ddmmyyyy = (day: string) => day.split('-').reverse().join('/');

const nav = (page: Page) => page.getByRole('navigation', { name: 'Chuyển mục' });

/** Waits until a PDF's first page is drawn in the viewer inside `scope`. */
async function expectPdfShown(scope: Locator): Promise<void> {
  // The first PDF of a session also starts pdf.js's worker: slow on a busy two-core machine.
  await expect(
    scope.locator('.page[data-page-number="1"][data-loaded="true"] canvas').first(),
  ).toBeVisible({ timeout: 60_000 });
}

test('the Office plans and publishes a meeting; an invited unit answers absent; the calendar lists it', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const day = nextTuesday();
  const contexts = await Promise.all([0, 1].map(() => browser.newContext()));
  const [office, director] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page];

  // A delegate has no planning section.
  await submitLogin(director, 'sotc');
  await expect(nav(director).getByRole('button', { name: /^Giấy mời/ })).toBeVisible();
  await expect(nav(director).getByRole('button', { name: 'Lập lịch họp' })).toHaveCount(0);

  // The Office's secretary creates a draft.
  await submitLogin(office, 'thuky');
  await nav(office).getByRole('button', { name: 'Lập lịch họp' }).click();
  await expect(office.getByRole('heading', { name: 'Lập lịch họp' })).toBeVisible();
  await office.getByRole('button', { name: 'Tạo cuộc họp mới' }).click();
  await expect(office.getByRole('heading', { name: 'Cuộc họp mới' })).toBeFocused();

  // Sent empty: what is missing is said, in Vietnamese, and nothing is created.
  await office.getByRole('button', { name: 'Tạo bản nháp' }).click();
  await expect(office.getByRole('alert')).toContainText('Tên cuộc họp cần ít nhất 3 ký tự.');
  await expect(office.getByRole('alert')).toContainText('Chọn người chủ trì.');

  await office.getByLabel('Tên cuộc họp').fill(TITLE);
  await choose(office, office, 'Loại cuộc họp', null, 'Họp Ban Chỉ đạo');
  await office.getByLabel('Ngày bắt đầu').fill(ddmmyyyy(day));
  await setClock(office, 'Giờ bắt đầu', '08', '00');
  await expect(office.getByLabel('Ngày kết thúc')).toHaveValue(ddmmyyyy(day));
  await setClock(office, 'Giờ kết thúc', '11', '00');
  // Searched without diacritics.
  await choose(
    office,
    office,
    'Người chủ trì',
    'nguyen minh hung',
    'Nguyễn Minh Hùng — UBND thành phố Hải Phòng',
  );
  await choose(office, office, 'Thư ký', 'thu hang', 'Vũ Thị Thu Hằng — Văn phòng UBND thành phố');
  await choose(office, office, 'Đơn vị chuẩn bị', 'tai chinh', 'Sở Tài chính');
  await choose(
    office,
    office,
    'Hội trường (điểm cầu chính)',
    'hoi truong',
    'Hội trường UBND thành phố',
  );
  await choose(office, office, 'Đơn vị được mời', 'tai chinh', 'Sở Tài chính');
  await office.keyboard.press('Escape');
  await choose(office, office, 'Điểm cầu trực tuyến', 'cam giang', 'Điểm cầu xã Cẩm Giàng');
  await office.keyboard.press('Escape');
  await office.getByRole('button', { name: 'Tạo bản nháp' }).click();

  const heading = office.getByRole('heading', { name: TITLE, level: 1 });
  await expect(heading).toBeVisible();
  await expect(office.getByText('Nháp', { exact: true })).toBeVisible();

  // The agenda: two items, the second moved up by keyboard, then back with the button.
  await office.getByRole('tab', { name: 'Chương trình họp' }).click();
  await office.getByRole('button', { name: 'Thêm mục' }).click();
  await office.getByLabel('Nội dung mục 1').fill(ITEM_2);
  await office.getByRole('button', { name: 'Thêm mục' }).click();
  await office.getByLabel('Nội dung mục 2').fill(ITEM_1);
  // Planned to start when the first item (30 minutes from 08:00) ends.
  const second = office.getByRole('group', { name: 'Mục 2' });
  await expect(
    second.getByRole('spinbutton', { name: 'Giờ bắt đầu dự kiến', exact: true }),
  ).toHaveValue('08');
  await expect(
    second.getByRole('spinbutton', { name: 'Giờ bắt đầu dự kiến — phút', exact: true }),
  ).toHaveValue('30');
  await choose(
    office.getByRole('group', { name: 'Mục 2' }),
    office,
    'Đơn vị trình bày',
    'tai chinh',
    'Sở Tài chính',
  );
  await office.getByLabel('Nội dung mục 2').press('Alt+ArrowUp');
  await expect(office.getByLabel('Nội dung mục 1')).toHaveValue(ITEM_1);
  await expect(office.getByLabel('Nội dung mục 1')).toBeFocused();
  await office.getByRole('button', { name: 'Chuyển mục 1 xuống' }).click();
  await expect(office.getByLabel('Nội dung mục 1')).toHaveValue(ITEM_2);
  await office.getByRole('button', { name: 'Chuyển mục 2 lên' }).press('Enter');
  await expect(office.getByLabel('Nội dung mục 1')).toHaveValue(ITEM_1);
  await expect(office.getByText('Có thay đổi chưa lưu.')).toBeVisible();
  await office.getByRole('button', { name: 'Lưu chương trình' }).click();
  await expect(office.getByText('Đã lưu chương trình họp.')).toBeVisible();
  await expect(office.getByText('Có thay đổi chưa lưu.')).toHaveCount(0);

  // A PDF on each saved item, through the agenda's upload dialog.
  for (const [number, title] of [
    [1, ITEM_1],
    [2, ITEM_2],
  ] as const) {
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
    await expect(dialog).toBeHidden();
    await expect(
      office.getByRole('group', { name: `Mục ${number}` }).getByText('1 tài liệu'),
    ).toBeVisible();
    await expect(office.getByLabel(`Nội dung mục ${number}`)).toHaveValue(title);
  }

  // Publish, after confirming.
  await office.getByRole('button', { name: 'Phát hành', exact: true }).click();
  const confirm = office.getByRole('dialog', { name: 'Phát hành giấy mời?' });
  await confirm.getByRole('button', { name: 'Phát hành giấy mời' }).click();
  await expect(confirm).toBeHidden();
  await expect(office.getByText('Đã phát hành', { exact: true })).toBeVisible();
  await office.getByRole('tab', { name: 'Trả lời giấy mời' }).click();
  const answers = office.getByRole('table', { name: 'Trả lời giấy mời' });
  await expect(answers.getByRole('row', { name: /Sở Tài chính/ })).toContainText('Chưa trả lời');
  await expect(answers.getByRole('row', { name: /UBND xã Cẩm Giàng/ })).toContainText(
    'Điểm cầu xã Cẩm Giàng',
  );

  // The director sees the badge (asked again when moving between screens).
  await nav(director).getByRole('button', { name: 'Nhiệm vụ' }).click();
  const invitationsButton = nav(director).getByRole('button', { name: /^Giấy mời/ });
  await expect(invitationsButton).toHaveAccessibleName('Giấy mời 1 giấy mời chưa xem');
  await invitationsButton.click();
  const row = director.getByRole('row', { name: new RegExp(TITLE) });
  await expect(row).toContainText('Mới');
  await expect(row).toContainText(`${ddmmyyyy(day)} 08:00 – 11:00`);
  await expect(row).toContainText('Hội trường UBND thành phố');
  await row.getByRole('button', { name: `Xem giấy mời ${TITLE}` }).click();
  const invitation = director.getByRole('dialog', { name: `Giấy mời: ${TITLE}` });
  await expectPdfShown(invitation);
  // Opened: no longer new.
  await expect(invitationsButton).toHaveAccessibleName('Giấy mời');

  await invitation.getByRole('button', { name: 'Trả lời giấy mời' }).click();
  const answer = director.getByRole('dialog', { name: 'Trả lời giấy mời' });
  await answer.getByRole('radio', { name: 'Vắng mặt' }).check();
  await answer.getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(answer.getByText('Ghi lý do vắng mặt, ít nhất 3 ký tự.')).toBeVisible();
  await answer.getByLabel('Lý do vắng mặt').fill('Trùng lịch làm việc với Bộ Tài chính');
  await answer.getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(answer).toBeHidden();
  await expect(
    invitation.getByText('Vắng (Trùng lịch làm việc với Bộ Tài chính)', { exact: true }),
  ).toBeVisible();
  await invitation.getByRole('button', { name: 'Đóng' }).click();
  await expect(row).toContainText('Vắng (Trùng lịch làm việc với Bộ Tài chính)');

  // The Office reads the answer.
  await office.getByRole('button', { name: /Quay lại danh sách/ }).click();
  await office.getByRole('button', { name: `Mở cuộc họp ${TITLE}` }).click();
  await office.getByRole('tab', { name: 'Trả lời giấy mời' }).click();
  const sotcRow = answers.getByRole('row', { name: /Sở Tài chính/ });
  await expect(sotcRow).toContainText('Vắng');
  await expect(sotcRow).toContainText('Trùng lịch làm việc với Bộ Tài chính');
  await expect(sotcRow).toContainText('Hoàng Văn Lộc');

  // The weekly calendar: next week, filtered to the director's unit, then printed.
  await nav(director).getByRole('button', { name: 'Lịch họp tuần' }).click();
  await director.getByRole('button', { name: /Tuần sau/ }).click();
  const dayHeading = director.getByRole('heading', { name: `Thứ Ba, ${ddmmyyyy(day)}` });
  await expect(dayHeading).toBeVisible();
  const dayRegion = director.getByRole('region', { name: `Thứ Ba, ${ddmmyyyy(day)}` });
  await expect(dayRegion.getByRole('row', { name: new RegExp(TITLE) })).toContainText(
    '08:00 – 11:00',
  );
  await expect(dayRegion.getByRole('row', { name: new RegExp(TITLE) })).toContainText(
    'Nguyễn Minh Hùng',
  );
  await choose(director, director, 'Đơn vị', 'tai chinh', 'Sở Tài chính');
  await expect(dayRegion.getByRole('row', { name: new RegExp(TITLE) })).toBeVisible();
  await director.getByRole('button', { name: 'In lịch (PDF)' }).click();
  const print = director.getByRole('dialog', { name: /^Lịch họp tuần từ/ });
  await expectPdfShown(print);
  await expect(print.getByRole('button', { name: 'Lưu tệp PDF' })).toBeVisible();
  await print.getByRole('button', { name: 'Đóng' }).click();

  await Promise.all(contexts.map((c) => c.close()));
});

test('a user whose password an administrator set sees only the change-password screen until they change it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // The administrator sets a temporary password (the directory's reset), over the server's API.
  const login = await fetch(`${SERVER}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const { token } = (await login.json()) as { token: string };
  const temporary = 'Tam-thoi-Cong-an-2026';
  const reset = await fetch(`${SERVER}/api/admin/users/congan/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ newPassword: temporary }),
  });
  expect(reset.status).toBe(200);

  await submitLogin(page, 'congan', temporary);
  await expect(page.getByRole('heading', { name: 'Đổi mật khẩu', level: 1 })).toBeFocused();
  await expect(page.getByText('Mật khẩu của bạn do quản trị viên đặt.')).toBeVisible();
  // Nothing else: no sections, no meetings.
  await expect(page.getByRole('navigation', { name: 'Chuyển mục' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Danh sách cuộc họp' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();

  // The policy's problems, in Vietnamese, as the new password is typed.
  await page.getByLabel('Mật khẩu hiện tại').fill(temporary);
  const next = page.getByRole('textbox', { name: 'Mật khẩu mới', exact: true });
  await next.fill('congan');
  await expect(page.getByText('Mật khẩu phải có ít nhất 10 ký tự.')).toBeVisible();
  await expect(page.getByText('Mật khẩu không được trùng tên đăng nhập.')).toBeVisible();
  await next.fill('PhongHop@2026');
  await expect(page.getByText('Mật khẩu này quá phổ biến, dễ bị đoán.')).toBeVisible();
  await next.fill('An-ninh-mang-Hai-Duong-2026');
  await expect(page.getByText('Mật khẩu mới đạt yêu cầu.')).toBeVisible();
  await page.getByLabel('Nhập lại mật khẩu mới').fill('An-ninh-mang-Hai-Duong-2025');
  await expect(page.getByText('Mật khẩu nhập lại không khớp.')).toBeVisible();
  await page.getByLabel('Nhập lại mật khẩu mới').fill('An-ninh-mang-Hai-Duong-2026');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();

  await expect(page.getByRole('heading', { name: 'Danh sách cuộc họp' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Chuyển mục' })).toBeVisible();

  // The new password is the one that signs in now.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await submitLogin(page, 'congan', 'An-ninh-mang-Hai-Duong-2026');
  await expect(page.getByRole('heading', { name: 'Danh sách cuộc họp' })).toBeVisible();
});
