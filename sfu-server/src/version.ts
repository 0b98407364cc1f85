import packageJson from '../../package.json' with { type: 'json' };

/** The product version, from the root package.json. */
export const serverVersion: string = packageJson.version;
