import { Select, Text, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import type { DirectoryUnit } from '../../../common/domain/directory';
import { unitDepths, unitSelectData } from './unitOptions';

/**
 * A searchable choice of a current unit, its options indented as in the tree. `topLevel` adds a
 * first option for "no parent" (value '').
 */
export function UnitSelect({
  units,
  exclude,
  topLevel,
  ...props
}: Omit<SelectProps, 'data'> & {
  units: readonly DirectoryUnit[];
  exclude?: ReadonlySet<string>;
  topLevel?: string;
}) {
  const depths = useMemo(() => unitDepths(units), [units]);
  const data = useMemo(
    () => [
      ...(topLevel !== undefined ? [{ value: '', label: topLevel }] : []),
      ...unitSelectData(units, exclude),
    ],
    [units, exclude, topLevel],
  );
  return (
    <Select
      searchable
      allowDeselect={false}
      nothingFoundMessage="—"
      maxDropdownHeight={320}
      data={data}
      renderOption={({ option }) => (
        <Text size="sm" pl={(depths.get(option.value) ?? 0) * 14}>
          {option.label}
        </Text>
      )}
      {...props}
    />
  );
}
