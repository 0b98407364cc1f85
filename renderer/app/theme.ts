import { Badge, Button, createTheme, PasswordInput, TextInput } from '@mantine/core';

const FONT_FAMILY = "'Noto Sans', 'Segoe UI', system-ui, -apple-system, Roboto, Arial, sans-serif";

/**
 * Large, high-contrast controls for users who are not IT staff: medium-size inputs and buttons by
 * default, a darker primary shade so white button text passes WCAG AA, and a bundled font that
 * covers every Vietnamese diacritic whatever the machine has installed.
 */
export const theme = createTheme({
  fontFamily: FONT_FAMILY,
  headings: { fontFamily: FONT_FAMILY },
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  focusRing: 'auto',
  respectReducedMotion: true,
  components: {
    // Uppercase stacks Vietnamese diacritics into the line above and reads as shouting.
    Badge: Badge.extend({ defaultProps: { tt: 'none' } }),
    Button: Button.extend({ defaultProps: { size: 'md' } }),
    TextInput: TextInput.extend({ defaultProps: { size: 'md' } }),
    PasswordInput: PasswordInput.extend({ defaultProps: { size: 'md' } }),
  },
});
