import '@mantine/dates/styles.css';
import 'dayjs/locale/vi';
import { DateInput, DatesProvider, type DateInputProps } from '@mantine/dates';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDay } from './taskFormat';

/**
 * A calendar day (YYYY-MM-DD) typed as dd/mm/yyyy or picked from a calendar in the UI language.
 * Typing works without the mouse; the calendar opens on focus and closes with Escape.
 */
export function DayInput(
  props: Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
    value: string | null;
    onChange: (day: string | null) => void;
  },
) {
  const { t } = useTranslation();
  const { value, onChange, ...rest } = props;
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      dateParser={(text) => parseDay(text)}
      placeholder={t('tasks.filters.datePlaceholder')}
      clearable
      size="md"
      {...rest}
      value={value}
      onChange={(day) => onChange(day ? day.slice(0, 10) : null)}
    />
  );
}

/** Calendar month and weekday names in the UI language, weeks starting on Monday. */
export function TaskDatesProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <DatesProvider
      settings={{ locale: i18n.resolvedLanguage === 'en' ? 'en' : 'vi', firstDayOfWeek: 1 }}
    >
      {children}
    </DatesProvider>
  );
}
