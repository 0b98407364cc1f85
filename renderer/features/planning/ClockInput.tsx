import { TimePicker, type TimePickerProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { normalizeClock } from './planningTime';

/**
 * A clock time (HH:mm, 24-hour, as Vietnamese documents write it) typed as digits: "0830" fills
 * the hours and moves on to the minutes; arrow keys step them. Unlike the browser's own time
 * field it never shows AM/PM, whatever language the computer runs in.
 */
export function ClockInput({
  label,
  value,
  onChange,
  ...props
}: Omit<TimePickerProps, 'value' | 'onChange' | 'label' | 'format'> & {
  label: string;
  /** HH:mm, or '' for none. */
  value: string;
  onChange: (clock: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <TimePicker
      label={label}
      format="24h"
      hoursInputLabel={label}
      minutesInputLabel={t('planning.minutesOf', { label })}
      value={value}
      onChange={(time) => onChange(normalizeClock(time) ?? '')}
      {...props}
    />
  );
}
