export type Suite = 'vitest' | 'e2e';

export interface Need {
  /** Debian package, or null when an environment variable points elsewhere. */
  package: string | null;
  why: string;
  probe?: { file: string; command?: undefined } | { command: string; file?: undefined };
}

export type InstallPlan =
  | { action: 'none' }
  | { action: 'install'; packages: string[]; command: string }
  | { action: 'stop'; packages: string[]; command: string; message: string };

export const DEFAULT_CHROMIUM: string;
export const SUITES: Suite[];
export function testNeeds(options?: {
  suites?: readonly Suite[];
  env?: Record<string, string | undefined>;
}): Need[];
export function neededPackages(needs: readonly Need[]): string[];
export function parseInstalled(dpkgQueryOutput: string): Set<string>;
export function missingDebianPackages(packages: readonly string[]): string[] | null;
export function installPlan(
  missing: readonly string[],
  options: { isRoot: boolean; hasAptGet: boolean },
): InstallPlan;
export function commandExists(name: string, envPath?: string): boolean;
export function isExecutable(file: string): boolean;
export function failedProbes(needs: readonly Need[], envPath?: string): Need[];
export function aptInstall(packages: readonly string[]): boolean;
export function mediasoupWorkerPath(root: string, env?: Record<string, string | undefined>): string;
export function nodeModulesState(
  root: string,
  suites?: readonly Suite[],
): 'missing' | 'stale' | 'ok';
