/** The fuses the Electron security checklist asks of a packaged app. */
export const REQUIRED_FUSES: Record<string, boolean>;

/**
 * Checks the packaging of the app in `root` (electron-builder.yml, package.json, the files the
 * app loads at run time); `built`: check the build's output too.
 */
export function checkPackaging(
  root: string,
  options?: { built?: boolean },
): Promise<{ problems: string[]; notes: string[] }>;
