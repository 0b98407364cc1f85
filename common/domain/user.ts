import { z } from 'zod';

export const roleSchema = z.enum(['admin', 'chair', 'secretary', 'delegate', 'reporter']);
/** admin runs the system; chair leads meetings; secretary prepares and minutes them; delegate attends; reporter reports task progress for an agency. */
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  /** Full name with diacritics, as printed on documents. */
  fullName: z.string(),
  /** Position, e.g. "Phó Chủ tịch UBND tỉnh". */
  title: z.string(),
  agency: z.object({ id: z.string(), name: z.string() }),
  /** The room the user joins from (province hall, a district or commune site). */
  site: z.object({ id: z.string(), name: z.string() }),
  roles: z.array(roleSchema),
});
export type User = z.infer<typeof userSchema>;
