import i18next, { type i18n } from 'i18next';
import { en } from '../../renderer/i18n/en';
import { vi } from '../../renderer/i18n/vi';

/**
 * An i18next instance with the app's Vietnamese and English strings, Vietnamese first and no
 * HTML escaping, as the renderer sets it up (renderer/i18n/index.ts) but without React.
 */
export async function createTestI18n(): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: 'vi',
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
  });
  return instance;
}
