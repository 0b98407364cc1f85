/**
 * The delegate's journey with the keyboard alone (issue #15 §5): sign in, open the invitation,
 * answer it, enter the meeting, check in and vote — every control reached with Tab (arrow keys
 * inside a tab list or a radio group, as their ARIA patterns say), activated with Enter or Space,
 * and showing where the focus is. The mouse is used only by the chair, who opens the vote.
 *
 * The meeting is planned through the API by the Office (its screens have their own spec) with one
 * person invited, so nothing here touches the meetings other specs share.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { E2E_SERVER_PORT } from '../../playwright.config';
import { DEMO_PASSWORD, enterRoom } from './helpers';

const SERVER = `http://127.0.0.1:${E2E_SERVER_PORT}`;
const TITLE = 'Họp chuẩn bị kỳ thi tốt nghiệp trung học phổ thông năm 2027';
const QUESTION = 'Thông qua phương án tổ chức kỳ thi';
const DELEGATE = 'sogddt';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Chuyển mục' });
const panel = (page: Page) => page.getByRole('region', { name: 'Điều hành cuộc họp' });

async function call<T>(path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(`${SERVER}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

/** The Office plans and publishes tomorrow's meeting with the delegate invited in person. */
async function planMeeting(): Promise<string> {
  const { token } = await call<{ token: string }>('/api/auth/login', null, {
    username: 'thuky',
    password: DEMO_PASSWORD,
  });
  const day = new Date(Date.now() + 7 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
  const plan = await call<{ id: string }>('/api/plans', token, {
    title: TITLE,
    kind: 'working_meeting',
    startsAt: `${day}T14:00:00+07:00`,
    endsAt: `${day}T16:00:00+07:00`,
    chairUserId: 'chutri',
    secretaryUserId: 'thuky',
    preparingUnitId: null,
    hallSiteId: null,
    place: 'Phòng họp số 2',
    online: true,
    unitIds: [],
    siteIds: [],
    persons: [{ userId: DELEGATE, role: 'delegate' }],
    signer: null,
  });
  await call(`/api/plans/${plan.id}/publish`, token, {});
  return plan.id;
}

/**
 * Presses Tab until `target` has the focus (at most `limit` times), then checks the focus is
 * visible on it: an outline or a ring, not only a colour nobody sees.
 */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i <= limit; i++) {
    // A screen may put the focus on it first (the login screen's user name).
    if (i > 0) await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      await expectFocusShown(target);
      return;
    }
  }
  const focused = await page.evaluate(
    () => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing',
  );
  throw new Error(`Tab never reached ${String(target)}; the focus is on ${focused}`);
}

async function expectFocusShown(target: Locator): Promise<void> {
  const shown = await target.evaluate(async (el) => {
    // Past the theme's 100 ms transitions.
    const settled = () => new Promise((resolve) => setTimeout(resolve, 200));
    // A ring, an outline or a border colour, on the control or on the frame drawn around it (a
    // password field's input sits inside the box that shows its border; a meeting's title button
    // rings its whole card).
    const look = () => {
      const values: string[] = [];
      for (let node: Element | null = el; node && values.length < 5; node = node.parentElement) {
        const style = getComputedStyle(node);
        values.push(
          [style.outlineStyle, style.outlineWidth, style.boxShadow, style.borderColor].join(),
        );
      }
      return values;
    };
    await settled();
    const focused = look();
    (el as HTMLElement).blur();
    await settled();
    const resting = look();
    (el as HTMLElement).focus();
    return focused.some((value, i) => value !== resting[i]);
  });
  expect(shown, `the focus on ${String(target)} is not shown`).toBe(true);
}

/** Inside a tab list only the selected tab takes Tab; the others are reached with the arrows. */
async function arrowTo(page: Page, target: Locator, key = 'ArrowRight', limit = 12): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

test('a delegate signs in, answers the invitation, enters the meeting, checks in and votes with the keyboard alone', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const planId = await planMeeting();
  const contexts = await Promise.all([0, 1].map(() => browser.newContext()));
  const [delegate, chair] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page];
  try {
    // Sign in: type into the fields, Enter submits.
    await delegate.goto('/');
    await tabTo(delegate, delegate.getByLabel('Tên đăng nhập'));
    await delegate.keyboard.type(DELEGATE);
    await tabTo(delegate, delegate.getByLabel('Mật khẩu', { exact: true }));
    await delegate.keyboard.type(DEMO_PASSWORD);
    await delegate.keyboard.press('Enter');
    const invitations = nav(delegate).getByRole('button', { name: /^Giấy mời/ });
    await expect(invitations).toHaveAccessibleName(/chưa xem/);

    // The invitation: opened, answered "attend", closed.
    await tabTo(delegate, invitations);
    await delegate.keyboard.press('Enter');
    const view = delegate.getByRole('button', { name: `Xem giấy mời ${TITLE}` });
    await tabTo(delegate, view);
    await delegate.keyboard.press('Enter');
    const invitation = delegate.getByRole('dialog', { name: `Giấy mời: ${TITLE}` });
    await expect(invitation).toBeVisible();
    await tabTo(delegate, invitation.getByRole('button', { name: 'Trả lời giấy mời' }));
    await delegate.keyboard.press('Enter');
    const answer = delegate.getByRole('dialog', { name: 'Trả lời giấy mời' });
    const attend = answer.getByRole('radio', { name: 'Tham dự', exact: true });
    await tabTo(delegate, answer.getByRole('radio').first());
    await arrowTo(delegate, attend, 'ArrowDown');
    await delegate.keyboard.press('Space');
    await expect(attend).toBeChecked();
    await tabTo(delegate, answer.getByRole('button', { name: 'Gửi trả lời' }));
    await delegate.keyboard.press('Enter');
    await expect(answer).toBeHidden();
    await expect(invitation).toContainText('Tham dự');
    await delegate.keyboard.press('Escape');
    await expect(invitation).toBeHidden();

    // The meeting, its room, and hall mode (a laptop in the hall: no camera, no microphone).
    await tabTo(delegate, nav(delegate).getByRole('button', { name: 'Cuộc họp', exact: true }));
    await delegate.keyboard.press('Enter');
    await tabTo(
      delegate,
      delegate.getByTestId(`meeting-card-${planId}`).getByRole('button', { name: TITLE }),
    );
    await delegate.keyboard.press('Enter');
    await tabTo(delegate, delegate.getByRole('button', { name: 'Vào phòng họp trực tuyến' }));
    await delegate.keyboard.press('Enter');
    await tabTo(delegate, delegate.getByRole('button', { name: 'Chế độ hội trường' }));
    await delegate.keyboard.press('Enter');
    await expect(panel(delegate)).toBeVisible({ timeout: 30_000 });

    // Check in.
    await tabTo(delegate, panel(delegate).getByRole('button', { name: 'Điểm danh', exact: true }));
    await delegate.keyboard.press('Enter');
    await expect(panel(delegate).getByRole('button', { name: 'Đã điểm danh' })).toBeDisabled();

    // The chair opens a vote (with the mouse).
    await enterRoom(chair, 'chutri', planId);
    await expect(panel(chair)).toBeVisible({ timeout: 30_000 });
    await panel(chair).getByRole('tab', { name: 'Biểu quyết' }).click();
    await panel(chair).getByLabel('Nội dung biểu quyết').fill(QUESTION);
    await panel(chair).getByRole('button', { name: 'Mở biểu quyết' }).click();

    // Vote: to the selected tab with Tab, along the tab list with the arrows, then the choice.
    const tabs = panel(delegate).getByRole('tablist');
    await tabTo(delegate, tabs.getByRole('tab', { selected: true }));
    const votesTab = tabs.getByRole('tab', { name: 'Biểu quyết' });
    await arrowTo(delegate, votesTab);
    await delegate.keyboard.press('Enter');
    await expect(votesTab).toHaveAttribute('aria-selected', 'true');
    const card = panel(delegate).getByRole('region', { name: QUESTION });
    await tabTo(delegate, card.getByRole('button', { name: 'Đồng ý', exact: true }));
    await delegate.keyboard.press('Enter');
    await expect(card).toContainText('Bạn đã chọn: Đồng ý');
    await expect(panel(chair).getByRole('region', { name: QUESTION })).toContainText(
      'Đã biểu quyết: 1/',
    );
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
