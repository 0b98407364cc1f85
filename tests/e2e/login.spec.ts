import { expect, test } from '@playwright/test';
import { submitLogin } from './helpers';

test('the demo chair logs in and sees the demo meeting in the list', async ({ page }) => {
  await submitLogin(page, 'chutri');
  await expect(page.getByText('Nguyễn Minh Hùng').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Đã diễn ra' })).toBeVisible();
  await expect(page.getByTestId('meeting-card-hd-bcd-cds-2022-09-27')).toContainText(
    'Họp Ban Chỉ đạo Chuyển đổi số tỉnh',
  );
  await expect(page.getByTestId('meeting-card-hd-bcd-cds-2022-09-27')).toContainText('27/09/2022');
  // The 2022 meeting keeps Hải Dương's names; today's are Hải Phòng's (merged in 2025).
  await expect(page.getByTestId('meeting-card-hd-bcd-cds-2022-09-27')).toContainText(
    'Hội trường UBND tỉnh Hải Dương',
  );
  await expect(page.getByTestId('meeting-card-hd-bcd-cds-review')).toContainText(
    'Hội trường UBND thành phố Hải Phòng',
  );
  await expect(page.getByTestId('meeting-card-hd-ubnd-upcoming')).toContainText(
    'Hội nghị trực tuyến UBND thành phố với các xã, phường',
  );
});

test('a wrong password shows a clear Vietnamese error and stays on the login screen', async ({
  page,
}) => {
  await submitLogin(page, 'chutri', 'mat-khau-sai');
  await expect(page.getByRole('alert')).toContainText('Tên đăng nhập hoặc mật khẩu không đúng');
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
});

test('the session survives a reload and logging out returns to the login screen', async ({
  page,
}) => {
  await submitLogin(page, 'thuky');
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByLabel('Tên đăng nhập')).toBeVisible();
});
