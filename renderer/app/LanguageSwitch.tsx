import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, setLanguage, type Language } from '../i18n';

/** Each language is named in itself, so a user who cannot read the current one still finds theirs. */
const LANGUAGE_NAMES: Record<Language, { label: string; lang: string }> = {
  vi: { label: 'Tiếng Việt', lang: 'vi' },
  en: { label: 'English', lang: 'en' },
};

export function LanguageSwitch() {
  // useTranslation re-renders this on every language change, so `currentLanguage()` stays fresh.
  const { t } = useTranslation();
  const value = currentLanguage();
  return (
    <SegmentedControl
      aria-label={t('language.label')}
      value={value}
      onChange={(next) => void setLanguage(next as Language)}
      data={LANGUAGES.map((language) => ({
        value: language,
        label: <span lang={LANGUAGE_NAMES[language].lang}>{LANGUAGE_NAMES[language].label}</span>,
      }))}
    />
  );
}
