import { expect, test, type Page } from '@playwright/test';
import { submitLogin } from './helpers';

const MEETING = 'hd-bcd-cds-review';

async function enterRoom(page: Page, username: string): Promise<void> {
  await submitLogin(page, username);
  await page.getByTestId(`meeting-card-${MEETING}`).click();
  await page.getByRole('button', { name: 'Vào phòng họp trực tuyến' }).click();
}

const counters = (page: Page) =>
  page.getByTestId('remote-tile').evaluateAll((tiles) =>
    tiles.map((t) => ({
      name: t.getAttribute('data-peer-name'),
      audioBytes: Number(t.getAttribute('data-audio-bytes')),
      videoBytes: Number(t.getAttribute('data-video-bytes')),
      framesDecoded: Number(t.getAttribute('data-frames-decoded')),
    })),
  );

test('three delegates at three sites each receive the other two sites’ audio and video', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const people = [
    { username: 'chutri', name: 'Nguyễn Minh Hùng', site: 'Hội trường UBND tỉnh' },
    { username: 'camgiang', name: 'Nguyễn Văn Thịnh', site: 'Điểm cầu huyện Cẩm Giàng' },
    { username: 'gialoc', name: 'Lương Thị Huyền', site: 'Điểm cầu huyện Gia Lộc' },
  ];
  const contexts = await Promise.all(people.map(() => browser.newContext()));
  const pages = await Promise.all(contexts.map((c) => c.newPage()));
  for (const [i, person] of people.entries()) await enterRoom(pages[i]!, person.username);

  for (const [i, page] of pages.entries()) {
    const others = people.filter((_, j) => j !== i);
    await expect(page.getByTestId('remote-tile')).toHaveCount(2, { timeout: 30_000 });
    for (const other of others) {
      const tile = page.locator(`[data-testid="remote-tile"][data-peer-name="${other.name}"]`);
      await expect(tile).toContainText(other.site);
    }
    // Media is flowing: every remote tile has audio bytes and decoded video frames…
    await expect
      .poll(
        async () => (await counters(page)).every((c) => c.audioBytes > 0 && c.framesDecoded > 0),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
  }
  // …and keeps flowing (frames and bytes still increase a moment later).
  for (const page of pages) {
    const before = await counters(page);
    await expect
      .poll(
        async () => {
          const after = await counters(page);
          return after.every((c) => {
            const b = before.find((x) => x.name === c.name)!;
            return (
              c.framesDecoded > b.framesDecoded &&
              c.audioBytes > b.audioBytes &&
              c.videoBytes > b.videoBytes
            );
          });
        },
        { timeout: 15_000 },
      )
      .toBe(true);
  }

  // Someone leaving disappears from the others' rooms.
  await pages[2]!.getByRole('button', { name: 'Rời phòng' }).click();
  await expect(pages[0]!.getByTestId('remote-tile')).toHaveCount(1);
  await expect(pages[1]!.getByTestId('remote-tile')).toHaveCount(1);
  await Promise.all(contexts.map((c) => c.close()));
});
