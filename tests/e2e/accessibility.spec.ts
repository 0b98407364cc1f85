/**
 * Every screen passes an axe-core scan with no serious or critical violation (issue #15 §5):
 * contrast, names of controls, labelled progress bars. Each test walks to a screen as its user
 * would and scans the whole page there.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openDeviceCheck, submitLogin } from './helpers';

const REVIEW_MEETING = 'hd-bcd-cds-review';

async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      screen,
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`),
    }));
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
}

const nav = (page: Page, name: string | RegExp) =>
  page.getByRole('navigation', { name: 'Chuyển mục' }).getByRole('button', { name });

test('the sign-in screen, and its error', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
  await expectNoSeriousViolations(page, 'login');
  await submitLogin(page, 'chutri', 'sai-mat-khau-1');
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoSeriousViolations(page, 'login error');
});

test('the meeting list, a meeting, the device check and the tasks', async ({ page }) => {
  await submitLogin(page, 'sotttt');
  await expect(page.getByTestId(`meeting-card-${REVIEW_MEETING}`)).toBeVisible();
  await expectNoSeriousViolations(page, 'meetings');
  await page.getByTestId(`meeting-card-${REVIEW_MEETING}`).click();
  await expect(page.getByRole('button', { name: 'Vào phòng họp trực tuyến' })).toBeVisible();
  await expectNoSeriousViolations(page, 'meeting detail');
  await nav(page, 'Nhiệm vụ').click();
  await expect(page.getByRole('heading', { name: 'Nhiệm vụ', level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, 'tasks');
});

test('the device check and the room', async ({ page }) => {
  await openDeviceCheck(page, 'gialoc', REVIEW_MEETING);
  await expect(page.getByRole('button', { name: 'Vào phòng họp', exact: true })).toBeEnabled();
  await expectNoSeriousViolations(page, 'device check');
  await page.getByRole('button', { name: 'Vào phòng họp', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Rời phòng' })).toBeVisible();
  await expectNoSeriousViolations(page, 'room');
});

test('the administrator’s directory', async ({ page }) => {
  await submitLogin(page, 'admin');
  await nav(page, 'Quản trị').click();
  for (const tab of ['Đơn vị', 'Điểm cầu', 'Người dùng', 'Nhập từ Excel', 'Nhật ký hệ thống']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab, selected: true })).toBeVisible();
    await expectNoSeriousViolations(page, `admin: ${tab}`);
  }
  // The audit log's last tab shows the administrator's own sign-in, in Vietnamese.
  const log = page.getByRole('table', { name: 'Nhật ký hệ thống' });
  await expect(log.getByRole('cell', { name: 'Đăng nhập', exact: true }).first()).toBeVisible();
  await expectNoSeriousViolations(page, 'admin: audit table');
  // The usage figures: this year's months with their totals, the units, and the workbook.
  await page.getByRole('tab', { name: 'Thống kê sử dụng' }).click();
  const months = page.getByRole('table', { name: 'Thống kê sử dụng theo tháng' });
  await expect(months.getByRole('rowheader', { name: 'Tổng cộng' })).toBeVisible();
  await expect(months.getByRole('row')).toHaveCount(1 + 12 + 1);
  await expectNoSeriousViolations(page, 'admin: usage figures');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất Excel' }).click();
  expect((await download).suggestedFilename()).toMatch(
    /^thong-ke-su-dung-\d{4}0101-\d{4}1231\.xlsx$/,
  );
});

test('the Office’s planning, the invitations, the weekly calendar and the password change', async ({
  page,
}) => {
  await submitLogin(page, 'thuky');
  await nav(page, 'Lập lịch họp').click();
  await expect(page.getByRole('heading', { name: 'Lập lịch họp' })).toBeVisible();
  await expectNoSeriousViolations(page, 'plans');
  await page.getByRole('button', { name: 'Tạo cuộc họp mới' }).click();
  await expect(page.getByRole('heading', { name: 'Cuộc họp mới' })).toBeVisible();
  await expectNoSeriousViolations(page, 'new meeting');
  await nav(page, /^Giấy mời/).click();
  await expect(page.getByRole('heading', { name: /Giấy mời/, level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, 'invitations');
  await nav(page, 'Lịch họp tuần').click();
  await expect(page.getByRole('heading', { name: 'Lịch họp tuần', level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, 'week calendar');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByRole('dialog', { name: 'Đổi mật khẩu' })).toBeVisible();
  await expectNoSeriousViolations(page, 'change password');
});
