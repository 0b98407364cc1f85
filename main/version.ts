import packageJson from '../package.json' with { type: 'json' };

/** The product version from package.json (inlined by the bundler in the packaged app). */
export const appVersion: string = packageJson.version;
