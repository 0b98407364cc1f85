/**
 * "Điểm cầu": the meeting rooms, each belonging to a unit; add one, rename it or move it to
 * another unit. The list is searched without case or diacritics.
 */
import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectorySite, DirectoryUnit } from '../../../common/domain/directory';
import { foldVietnamese } from '../../../common/tasks/tracking';
import { LoadError } from '../../app/LoadError';
import { callServer, useServerQuery } from '../../lib/callServer';
import { FormDialog } from './FormDialog';
import { UnitSelect } from './UnitSelect';
import { useAction } from './useAction';

export function SitesPanel() {
  const { t } = useTranslation();
  const sites = useServerQuery('listSites', {});
  const units = useServerQuery('listUnits', {});
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<{ site: DirectorySite | null } | null>(null);

  for (const query of [sites, units])
    if (query.status === 'error')
      return (
        <LoadError
          title={t('admin.sites.loadFailed')}
          error={query.error}
          onRetry={query.reload}
          retrying={query.reloading}
        />
      );
  if (sites.status !== 'success' || units.status !== 'success')
    return <Text role="status">{t('app.loading')}</Text>;

  const words = foldVietnamese(search).split(' ').filter(Boolean);
  const shown = sites.data.sites.filter((s) => {
    const text = foldVietnamese(`${s.name} ${s.unit.name}`);
    return words.every((w) => text.includes(w));
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={t('admin.sites.search')}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={360}
        />
        <Button onClick={() => setDialog({ site: null })}>{t('admin.sites.add')}</Button>
      </Group>
      {shown.length === 0 ? (
        <Text c="dimmed">{t('admin.sites.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder fz="md" aria-label={t('admin.sites.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.sites.name')}</Table.Th>
                <Table.Th scope="col">{t('admin.sites.unit')}</Table.Th>
                <Table.Th scope="col">{t('admin.sites.users')}</Table.Th>
                <Table.Th scope="col">{t('admin.sites.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((site) => (
                <Table.Tr key={site.id}>
                  <Table.Td>{site.name}</Table.Td>
                  <Table.Td>{site.unit.name}</Table.Td>
                  <Table.Td>{site.userCount}</Table.Td>
                  <Table.Td>
                    <Button
                      variant="default"
                      size="sm"
                      aria-label={t('admin.sites.editOf', { name: site.name })}
                      onClick={() => setDialog({ site })}
                    >
                      {t('admin.sites.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {dialog && (
        <SiteDialog
          site={dialog.site}
          units={units.data.units}
          onClose={(changed) => {
            setDialog(null);
            if (changed) sites.reload();
          }}
        />
      )}
    </Stack>
  );
}

function SiteDialog({
  site,
  units,
  onClose,
}: {
  site: DirectorySite | null;
  units: readonly DirectoryUnit[];
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(site?.name ?? '');
  const [unitId, setUnitId] = useState<string | null>(site?.unit.id ?? null);
  const { busy, error, run } = useAction();
  const submit = async () => {
    if (!unitId) return;
    const ok = await run(async () => {
      if (site) {
        const saved = await callServer('updateSite', { id: site.id }, { name, unitId });
        return t('admin.sites.updated', { name: saved.site.name });
      }
      const created = await callServer('createSite', {}, { name, unitId });
      return t('admin.sites.created', { name: created.site.name });
    });
    if (ok) onClose(true);
  };
  return (
    <FormDialog
      title={t(site ? 'admin.sites.editTitle' : 'admin.sites.createTitle')}
      submitLabel={t('admin.save')}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onClose={() => onClose(false)}
    >
      <TextInput
        label={t('admin.sites.name')}
        required
        maxLength={300}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        data-autofocus
      />
      <UnitSelect
        label={t('admin.sites.unit')}
        required
        units={units}
        value={unitId}
        onChange={setUnitId}
      />
    </FormDialog>
  );
}
