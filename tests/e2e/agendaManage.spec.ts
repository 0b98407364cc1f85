import { expect, test, type Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { enterRoom, submitLogin } from './helpers';

// The upcoming meeting: its agenda has no documents, and no other spec changes it.
const MEETING = 'hd-ubnd-upcoming';
const ITEM_1 = 'Báo cáo kết quả giải quyết thủ tục hành chính và công tác cải cách hành chính';
const ITEM_2 = 'Ý kiến của UBND các xã, phường';

async function makePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of ['Bao cao ket qua CCHC quy III', 'Phu luc'])
    doc.addPage([595, 842]).drawText(text, { x: 50, y: 780, size: 14, font });
  return Buffer.from(await doc.save());
}

const agendaOf = (page: Page) => page.getByRole('region', { name: 'Chương trình họp và tài liệu' });

test('the secretary uploads a PDF on an item and moves the discussion; a delegate in the room sees both at once', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const contexts = await Promise.all([0, 1].map(() => browser.newContext()));
  const [secretary, delegate] = (await Promise.all(contexts.map((c) => c.newPage()))) as [
    Page,
    Page,
  ];

  // The delegate is in the room: the agenda is there, without the chair's controls.
  await enterRoom(delegate, 'gialoc', MEETING);
  const delegateAgenda = agendaOf(delegate);
  await expect(delegateAgenda.getByRole('heading', { level: 3 })).toHaveCount(3);
  await expect(delegateAgenda.getByRole('button', { name: /^Tải lên/ })).toHaveCount(0);
  await expect(delegateAgenda.getByRole('button', { name: /^Chuyển thảo luận/ })).toHaveCount(0);

  // The secretary, on the meeting's detail screen, uploads to item 1.
  await submitLogin(secretary, 'thuky');
  await secretary.getByTestId(`meeting-card-${MEETING}`).click();
  const agenda = agendaOf(secretary);
  await agenda.getByRole('button', { name: `Tải lên tài liệu cho nội dung 1: ${ITEM_1}` }).click();
  const dialog = secretary.getByRole('dialog', { name: 'Tải lên tài liệu mới' });

  // A picture renamed .pdf: the server's refusal, in Vietnamese.
  const file = dialog.getByLabel('Tệp PDF');
  await file.setInputFiles({
    name: 'anh-chup.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array(500).fill(1)]),
  });
  await dialog.getByRole('button', { name: 'Tải lên', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'Tệp đã chọn không phải là tệp PDF. Vui lòng chọn đúng tệp PDF.',
  );

  await file.setInputFiles({
    name: 'Báo cáo kết quả CCHC quý III.pdf',
    mimeType: 'application/pdf',
    buffer: await makePdf(),
  });
  await expect(dialog.getByLabel('Tiêu đề tài liệu')).toHaveValue('Báo cáo kết quả CCHC quý III');
  await dialog.getByLabel('Mật').check();
  await dialog.getByRole('button', { name: 'Tải lên', exact: true }).click();
  await expect(
    dialog.getByRole('progressbar', { name: 'Tiến độ tải lên Báo cáo kết quả CCHC quý III.pdf' }),
  ).toHaveAttribute('aria-valuenow', '100');
  await expect(dialog.getByRole('status')).toHaveText('Đã tải lên “Báo cáo kết quả CCHC quý III”.');
  await dialog.getByRole('button', { name: 'Đóng', exact: true }).click();
  await expect(dialog).toBeHidden();

  const uploaded = agenda
    .getByRole('list', { name: 'Tài liệu của nội dung 1' })
    .getByRole('listitem');
  await expect(uploaded).toContainText('Báo cáo kết quả CCHC quý III');
  await expect(uploaded).toContainText('Mật');
  // The uploader's copy is on this computer already.
  await expect(uploaded).toContainText('Đã lưu trên máy');
  await expect(
    uploaded.getByRole('button', {
      name: 'Tải lên phiên bản mới của Báo cáo kết quả CCHC quý III',
    }),
  ).toBeVisible();

  // Pushed to the room: the delegate's agenda lists it without reloading.
  await expect(delegateAgenda.getByRole('list', { name: 'Tài liệu của nội dung 1' })).toContainText(
    'Báo cáo kết quả CCHC quý III',
  );
  // …and saves it on the delegate's computer without being asked.
  await expect(
    delegateAgenda
      .getByRole('list', { name: 'Tài liệu của nội dung 1' })
      .getByRole('listitem')
      .filter({ hasText: 'Báo cáo kết quả CCHC quý III' }),
  ).toContainText('Đã lưu trên máy');

  // The secretary moves the discussion to item 2: both agendas mark it as the current one.
  await agenda.getByRole('button', { name: `Chuyển thảo luận sang nội dung 2: ${ITEM_2}` }).click();
  for (const view of [agenda, delegateAgenda]) {
    const current = view.locator('li[aria-current="step"]');
    await expect(current).toHaveCount(1);
    await expect(current.getByRole('heading', { level: 3 })).toHaveText(`2. ${ITEM_2}`);
    await expect(current).toContainText('Đang thảo luận');
  }
  await expect(
    agenda.getByRole('button', { name: `Kết thúc thảo luận nội dung 2: ${ITEM_2}` }),
  ).toBeVisible();
  await Promise.all(contexts.map((c) => c.close()));
});
