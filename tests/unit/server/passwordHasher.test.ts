import { describe, expect, it } from 'vitest';
import { hashPassword, PasswordHasher } from '../../../sfu-server/src/auth/passwords';

describe('PasswordHasher', () => {
  it('runs one scrypt at a time however many sign-ins arrive together, and answers each', async () => {
    const hasher = new PasswordHasher({ concurrency: 1, maxQueued: 16 });
    const stored = await hashPassword('Đúng mật khẩu 1');
    let maxRunning = 0;
    const timer = setInterval(() => (maxRunning = Math.max(maxRunning, hasher.load.running)), 1);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => hasher.verify(i % 2 ? 'Đúng mật khẩu 1' : 'sai', stored)),
    );
    clearInterval(timer);
    expect(answers).toEqual([false, true, false, true, false, true, false, true]);
    expect(maxRunning).toBe(1);
    expect(hasher.load).toEqual({ running: 0, queued: 0 });
  });

  it('refuses at once past its queue instead of piling up work', async () => {
    const hasher = new PasswordHasher({ concurrency: 1, maxQueued: 2 });
    const settled = await Promise.allSettled(
      Array.from({ length: 5 }, () => hasher.hash('mot mat khau dai')),
    );
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
    ]);
    expect((settled[3] as PromiseRejectedResult).reason).toMatchObject({ code: 'unavailable' });
  });
});
