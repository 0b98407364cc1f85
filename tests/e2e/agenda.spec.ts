import { expect, test } from '@playwright/test';
import { setServerReachable, submitLogin } from './helpers';

test('a district delegate keeps the agenda documents for offline reading and opens one', async ({
  page,
}) => {
  // Sign-in, four downloads, a reload and pdf.js's first start: more than the default minute
  // on a busy two-core machine.
  test.setTimeout(180_000);
  await submitLogin(page, 'gialoc');
  await page.getByTestId('meeting-card-hd-bcd-cds-2022-09-27').click();

  const agenda = page.getByRole('region', { name: 'Chương trình họp và tài liệu' });
  await expect(agenda.getByRole('heading', { level: 3 })).toHaveCount(4);
  await expect(agenda.getByText('Đã lưu 0/4 tài liệu trên máy này.')).toBeVisible();
  await expect(agenda.getByText('Chưa tải về máy')).toHaveCount(4);

  await agenda.getByRole('button', { name: 'Tải tài liệu để dùng ngoại tuyến' }).click();
  await expect(
    agenda.getByText('Tất cả tài liệu đã được lưu trên máy này, đọc được cả khi mất mạng.'),
  ).toBeVisible();
  await expect(agenda.getByText('Đã lưu trên máy')).toHaveCount(4);

  // The district link drops: the agenda and the documents still open from this computer.
  await setServerReachable(page, false);
  await page.reload();
  await page.getByTestId('meeting-card-hd-bcd-cds-2022-09-27').click();
  await expect(agenda.getByText('Đã lưu trên máy')).toHaveCount(4);
  await agenda.getByRole('button', { name: /^Mở tài liệu: Tờ trình đề nghị gia hạn/ }).click();
  const reader = page.getByRole('dialog', { name: /Tờ trình đề nghị gia hạn/ });
  await expect(reader.getByText('Đang đọc bản lưu trên máy')).toBeVisible();
  // The viewer has opened the cached PDF: both of its pages counted, the first one shown. The
  // first document of a session also starts pdf.js's worker, slow on a busy two-core machine.
  await expect(reader.getByText('trên tổng số 2 trang')).toBeAttached({ timeout: 60_000 });
  await expect(reader.getByLabel('Số trang')).toHaveValue('1');
  await reader.getByRole('button', { name: 'Đóng tài liệu' }).click();
  await expect(reader).toBeHidden();
});
