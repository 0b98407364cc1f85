import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { choose, submitLogin } from './helpers';

async function sheet(people: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Danh sách');
  ws.addRow(['Họ và tên', 'Chức vụ', 'Đơn vị', 'Điểm cầu', 'Tên đăng nhập', 'Email']);
  for (const person of people) ws.addRow(person);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('a delegate has no administration section', async ({ page }) => {
  await submitLogin(page, 'sotc');
  const nav = page.getByRole('navigation', { name: 'Chuyển mục' });
  await expect(nav.getByRole('button', { name: 'Nhiệm vụ' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Quản trị' })).toHaveCount(0);
});

test('the administrator adds a unit, a person in it, and imports an office’s staff list', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await submitLogin(page, 'admin');
  await page
    .getByRole('navigation', { name: 'Chuyển mục' })
    .getByRole('button', { name: 'Quản trị' })
    .click();
  await expect(page.getByRole('heading', { name: 'Quản trị danh mục' })).toBeVisible();

  // A unit under the city (the province-level unit since 2025), from the city's menu.
  const tree = page.getByRole('list', { name: 'Cây đơn vị' });
  await tree.getByRole('button', { name: 'Thao tác với đơn vị UBND thành phố Hải Phòng' }).click();
  await page.getByRole('menuitem', { name: 'Thêm đơn vị trực thuộc' }).click();
  const unitDialog = page.getByRole('dialog', { name: 'Thêm đơn vị' });
  await unitDialog.getByLabel('Tên đơn vị').fill('Trung tâm Công nghệ thông tin');
  await unitDialog.getByLabel('Tên viết tắt').fill('TT CNTT');
  await choose(unitDialog, page, 'Loại đơn vị', null, 'Khác');
  await unitDialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(unitDialog).toHaveCount(0);
  await expect(tree.getByText('Trung tâm Công nghệ thông tin', { exact: true })).toBeVisible();

  // Two siblings of one name are refused, in Vietnamese, and the dialog stays open.
  await tree.getByRole('button', { name: 'Thao tác với đơn vị UBND thành phố Hải Phòng' }).click();
  await page.getByRole('menuitem', { name: 'Thêm đơn vị trực thuộc' }).click();
  await unitDialog.getByLabel('Tên đơn vị').fill('trung tam cong nghe thong tin');
  await unitDialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(unitDialog.getByRole('alert')).toContainText('đã có ở đây');
  await page.keyboard.press('Escape');
  await expect(unitDialog).toHaveCount(0);

  // A person in it, sitting in the city hall, with the office role.
  await page.getByRole('tab', { name: 'Người dùng' }).click();
  await page.getByRole('button', { name: 'Thêm người dùng' }).click();
  const userDialog = page.getByRole('dialog', { name: 'Thêm người dùng' });
  await userDialog.getByLabel('Họ và tên').fill('Hoàng Văn Kỹ Thuật');
  await userDialog.getByLabel('Chức vụ').fill('Giám đốc Trung tâm');
  await choose(userDialog, page, 'Đơn vị', 'Trung tâm', 'Trung tâm Công nghệ thông tin');
  await choose(
    userDialog,
    page,
    'Điểm cầu thường dùng',
    'Hội trường',
    'Hội trường UBND thành phố — UBND thành phố Hải Phòng',
  );
  await userDialog.getByRole('checkbox', { name: 'Văn phòng (tổ chức họp)' }).check();
  await userDialog.getByLabel('Tên đăng nhập').fill('hvkythuat');
  await userDialog.getByLabel('Email').fill('kythuat@haiphong.gov.vn');
  // A common password is refused before anything is sent.
  await userDialog
    .getByRole('textbox', { name: 'Mật khẩu ban đầu', exact: true })
    .fill('matkhau123');
  await expect(userDialog).toContainText('Mật khẩu này quá phổ biến');
  await userDialog.getByRole('button', { name: 'Tạo mật khẩu ngẫu nhiên' }).click();
  await userDialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(userDialog).toHaveCount(0);
  const row = page.getByTestId('user-hvkythuat');
  await expect(row).toContainText('Hoàng Văn Kỹ Thuật');
  await expect(row).toContainText('Trung tâm Công nghệ thông tin');
  await expect(row).toContainText('Chờ đổi mật khẩu');

  // Disable, from the row's menu.
  await row.getByRole('button', { name: 'Thao tác với người dùng Hoàng Văn Kỹ Thuật' }).click();
  await page.getByRole('menuitem', { name: 'Khóa' }).click();
  await expect(row).toContainText('Đã khóa');

  // An import: a row with a taken username blocks writing; the corrected file goes in.
  await page.getByRole('tab', { name: 'Nhập từ Excel' }).click();
  const file = page.getByLabel('Tệp Excel');
  const people = [
    [
      'Ngô Thị Lan',
      'Chuyên viên',
      'Trung tâm Công nghệ thông tin',
      'Phòng họp Trung tâm CNTT',
      'ngolan',
      '',
    ],
    ['Đặng Văn Minh', 'Kỹ thuật viên', 'TT CNTT', 'Phòng họp Trung tâm CNTT', 'hvkythuat', ''],
  ];
  await file.setInputFiles({
    name: 'nhan-su.xlsx',
    mimeType: 'application/octet-stream',
    buffer: await sheet(people),
  });
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  const results = page.getByRole('table', { name: 'Kết quả kiểm tra từng dòng' });
  await expect(results).toContainText("Dòng 3: tên đăng nhập 'hvkythuat' đã có");
  await expect(page.getByRole('button', { name: 'Ghi vào hệ thống' })).toBeDisabled();

  people[1]![4] = 'dvminh';
  await file.setInputFiles({
    name: 'nhan-su.xlsx',
    mimeType: 'application/octet-stream',
    buffer: await sheet(people),
  });
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(results.getByText('Tạo mới')).toHaveCount(1); // the new site, once
  await page.getByRole('button', { name: 'Ghi vào hệ thống' }).click();
  await expect(
    page.getByText('Đã nhập 2 tài khoản, 0 đơn vị mới và 1 điểm cầu mới.'),
  ).toBeVisible();

  await page.getByRole('tab', { name: 'Người dùng' }).click();
  await expect(page.getByTestId('user-ngolan')).toContainText('Chưa có mật khẩu');
});
