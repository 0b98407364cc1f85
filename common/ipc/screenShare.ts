/**
 * The in-app screen-share source picker's messages (issue #3). In Electron, getDisplayMedia
 * reaches main, which offers the screens and windows to the renderer (`screenShare.pick`) and
 * waits for its answer (`screenShare.select`); see main/services/ScreenSourcePicker.ts.
 */
import { z } from 'zod';

/** A PNG as a data URL (Electron's `NativeImage.toDataURL()`); the renderer shows it in an <img>. */
export const pngDataUrlSchema = z
  .string()
  .max(8_000_000)
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]*={0,2}$/, 'Expected a PNG data URL');

/** A screen or window the user may share. */
export const screenSourceSchema = z.object({
  /** desktopCapturer's id (`screen:…` or `window:…`): what the renderer answers with. */
  id: z.string().min(1).max(200),
  /** The window's title, or the screen's name as the OS gives it (the renderer names screens itself). */
  name: z.string().max(1000),
  kind: z.enum(['screen', 'window']),
  /** A snapshot of the source; may be an empty image (a minimised window). */
  thumbnail: pngDataUrlSchema,
  /** The window's application icon, where the OS has one. */
  appIcon: pngDataUrlSchema.optional(),
});
export type ScreenSource = z.infer<typeof screenSourceSchema>;

/** More would not fit in a picker anyway; a machine with more windows than this is odd. */
export const MAX_SCREEN_SOURCES = 500;

export const screenSourcesSchema = z.array(screenSourceSchema).max(MAX_SCREEN_SOURCES);

/** Main asks the renderer to pick one of `sources`; a newer request replaces an older one. */
export const screenSharePickSchema = z.object({
  requestId: z.string().min(1).max(64),
  sources: screenSourcesSchema,
});
export type ScreenSharePick = z.infer<typeof screenSharePickSchema>;
