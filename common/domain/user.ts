import { z } from 'zod';

export const roleSchema = z.enum(['admin', 'chair', 'secretary', 'delegate', 'reporter', 'office']);
/** admin runs the system; chair leads meetings; secretary prepares and minutes them; delegate attends; reporter reports task progress for an agency; office: Văn phòng staff who organise meetings. */
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
  /**
   * An administrator set this password: every call but changing it (and me, logout) is refused
   * until the user picks their own. Absent from older servers' answers.
   */
  mustChangePassword: z.boolean().optional(),
});
export type User = z.infer<typeof userSchema>;
