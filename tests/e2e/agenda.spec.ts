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
  // Each page is a landmark named in Vietnamese, for screen-reader users.
  await expect(reader.getByRole('region', { name: 'Trang 2', exact: true })).toBeAttached();
  await reader.getByRole('button', { name: 'Đóng tài liệu' }).click();
  await expect(reader).toBeHidden();
});

test('a delegate searches every document of the meeting without accents and opens a hit at its page', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await submitLogin(page, 'kinhmon');
  await page.getByTestId('meeting-card-hd-bcd-cds-2022-09-27').click();
  const agenda = page.getByRole('region', { name: 'Chương trình họp và tài liệu' });
  await agenda.getByRole('searchbox', { name: 'Tìm trong tài liệu' }).fill('dau tu');
  await agenda.getByRole('button', { name: 'Tìm', exact: true }).click();
  const results = agenda.getByRole('region', { name: 'Kết quả tìm kiếm' });
  // Found with its accents: the marked words read "đầu tư" although "dau tu" was typed.
  await expect(results.locator('mark').first()).toHaveText(/^đầu tư$/i);
  // A hit reads "Trang N …snippet…"; its tooltip names the document and the page.
  const hit = results.getByRole('button', { name: /^Trang \d+/ }).last();
  const [, title, pageNumber] = /^Mở “(.+)” tại trang (\d+)$/.exec(
    (await hit.getAttribute('title')) ?? '',
  )!;
  await hit.click();
  const escaped = title!.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const reader = page.getByRole('dialog', { name: new RegExp(escaped) });
  await expect(reader.getByLabel('Số trang')).toHaveValue(pageNumber!, { timeout: 60_000 });
});
