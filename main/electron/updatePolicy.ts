/**
 * When the desktop app may update itself. Updates come from the organisation's own server
 * (electron-updater's generic provider: the feed built into the package, or the one IT names in
 * the configuration file), an administrator can switch them off in that file
 * (`"updates": { "enabled": false }`, desktopConfig.ts), and nothing is checked, downloaded or
 * installed while the user is in a meeting: the link's bandwidth and the running app are the
 * meeting's. An update found is installed when the user asks (a restart outside a meeting) or
 * when the app quits. Plain functions (no `electron`, no electron-updater).
 */
import { z } from 'zod';
import { serverUrlRefusal } from '../../common/protocol/serverUrl';

const HOUR_MS = 60 * 60 * 1000;

/** The `updates` section of phonghop.config.json. */
export const updatesConfigSchema = z.strictObject({
  /** false: the administrator manages versions (installers pushed by IT); nothing is checked. */
  enabled: z.boolean().default(true),
  /** The generic feed's address (a folder with latest.yml); default: the one built in. */
  url: z
    .string()
    .url()
    .refine((url) => serverUrlRefusal(url) === null, 'https:// (http:// only for loopback)')
    .optional(),
  /** How often to look for a new version. */
  checkEveryHours: z.number().int().min(1).max(168).default(4),
});
export type UpdatesConfig = z.infer<typeof updatesConfigSchema>;

export type UpdaterSetup =
  | {
      kind: 'off';
      /** development: not an installed app; policy: switched off by IT; no_feed: nowhere to ask. */
      reason: 'development' | 'disabled_by_policy' | 'no_feed';
    }
  | {
      kind: 'on';
      /** null: the feed built into the package (app-update.yml). */
      feedUrl: string | null;
      checkEveryMs: number;
    };

/** Whether the updater runs at all, and against which feed. */
export function updaterSetup(options: {
  packaged: boolean;
  config: UpdatesConfig | undefined;
  /** The package carries a feed (electron-builder's `publish` had a URL when it was built). */
  builtInFeed: boolean;
}): UpdaterSetup {
  if (!options.packaged) return { kind: 'off', reason: 'development' };
  const config = updatesConfigSchema.parse(options.config ?? {});
  if (!config.enabled) return { kind: 'off', reason: 'disabled_by_policy' };
  if (!config.url && !options.builtInFeed) return { kind: 'off', reason: 'no_feed' };
  return {
    kind: 'on',
    feedUrl: config.url ?? null,
    checkEveryMs: config.checkEveryHours * HOUR_MS,
  };
}

export type UpdateStep = 'check' | 'download' | 'install';

/**
 * Whether an updater step may run now: never when the updater is off or the user is in a
 * meeting; installing (which restarts the app) only when the user asked for it.
 */
export function mayRunUpdateStep(
  step: UpdateStep,
  context: { setup: UpdaterSetup; inMeeting: boolean; userAsked?: boolean },
): boolean {
  if (context.setup.kind === 'off' || context.inMeeting) return false;
  switch (step) {
    case 'check':
    case 'download':
      return true;
    case 'install':
      return context.userAsked === true;
  }
}

/** Milliseconds until the next check: due at once when none was made or one is overdue. */
export function nextCheckIn(
  setup: UpdaterSetup,
  lastCheckAt: number | null,
  now: number,
): number | null {
  if (setup.kind === 'off') return null;
  if (lastCheckAt === null) return 0;
  return Math.max(0, lastCheckAt + setup.checkEveryMs - now);
}
