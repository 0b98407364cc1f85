import i18next from 'i18next';

/**
 * Vietnamese strings whatever the UI language: exports are administrative documents (their
 * column titles are Vietnamese too, see main/services/TaskExportService.ts).
 */
export function i18nVietnamese() {
  return i18next.getFixedT('vi');
}
