import type { Page } from '@playwright/test';

export const DEMO_PASSWORD = 'PhongHop@2026';

/** Fills and submits the login screen as a user would. */
export async function submitLogin(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}
