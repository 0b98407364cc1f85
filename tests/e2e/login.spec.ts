import { expect, test } from '@playwright/test';

const PASSWORD = 'PhongHop@2026';

test('the demo chair logs in and sees the demo meeting in the list', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill('chutri');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByText('Nguyễn Minh Hùng').first()).toBeVisible();
  await expect(page.getByText('Họp Ban Chỉ đạo Chuyển đổi số tỉnh').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Đã diễn ra' })).toBeVisible();
});

test('a wrong password shows a clear Vietnamese error and stays on the login screen', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill('chutri');
  await page.getByLabel('Mật khẩu').fill('mat-khau-sai');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toContainText('Tên đăng nhập hoặc mật khẩu không đúng');
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
});

test('the session survives a reload and logging out returns to the login screen', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill('thuky');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByLabel('Tên đăng nhập')).toBeVisible();
});
