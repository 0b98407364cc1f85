/** Path of an installed Electron binary, or undefined where none is installed. */
export function electronBinary(): string | undefined;
