import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { foldVietnamese } from '../../../common/tasks/tracking';

/**
 * A Select's search that ignores case and diacritics ("hoang van loc" finds "Hoàng Văn Lộc"),
 * matching every typed word anywhere in the option's label.
 */
export const foldedFilter: OptionsFilter = ({ options, search, limit }) => {
  const words = foldVietnamese(search).split(' ').filter(Boolean);
  const found: ComboboxParsedItem[] = [];
  for (const option of options) {
    if (found.length >= limit) break;
    if ('group' in option) continue;
    const label = foldVietnamese((option as ComboboxItem).label);
    if (words.every((w) => label.includes(w))) found.push(option);
  }
  return found;
};
