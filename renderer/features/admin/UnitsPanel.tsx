/**
 * "Đơn vị": the organisation as a tree of any depth. Each unit's actions sit in one menu (one tab
 * stop per unit): add a sub-unit, edit (name, abbreviation, kind), move under another parent,
 * merge into a successor. Merged units stay in the tree for history, hidden unless asked for.
 */
import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Menu,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UNIT_KINDS, type DirectoryUnit, type UnitKind } from '../../../common/domain/directory';
import { LoadError } from '../../app/LoadError';
import { callServer, useServerQuery } from '../../lib/callServer';
import { FormDialog } from './FormDialog';
import { UnitSelect } from './UnitSelect';
import { subtreeIds } from './unitOptions';
import { useAction } from './useAction';

type Dialog =
  | { kind: 'create'; parentId: string | null }
  | { kind: 'edit'; unit: DirectoryUnit }
  | { kind: 'move'; unit: DirectoryUnit }
  | { kind: 'merge'; unit: DirectoryUnit };

export function UnitsPanel() {
  const { t } = useTranslation();
  const query = useServerQuery('listUnits', {});
  const [showMerged, setShowMerged] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  if (query.status === 'loading') return <Text role="status">{t('app.loading')}</Text>;
  if (query.status === 'error')
    return (
      <LoadError
        title={t('admin.units.loadFailed')}
        error={query.error}
        onRetry={query.reload}
        retrying={query.reloading}
      />
    );
  const units = query.data.units;
  const close = (changed: boolean) => {
    setDialog(null);
    if (changed) query.reload();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Switch
          checked={showMerged}
          onChange={(event) => setShowMerged(event.currentTarget.checked)}
          label={t('admin.units.showMerged')}
        />
        <Button onClick={() => setDialog({ kind: 'create', parentId: null })}>
          {t('admin.units.add')}
        </Button>
      </Group>
      {units.length === 0 ? (
        <Text c="dimmed">{t('admin.units.empty')}</Text>
      ) : (
        <UnitTree units={units} showMerged={showMerged} onAction={setDialog} />
      )}
      {dialog && (dialog.kind === 'create' || dialog.kind === 'edit') && (
        <UnitFormModal dialog={dialog} units={units} onClose={close} />
      )}
      {dialog?.kind === 'move' && (
        <MoveUnitModal unit={dialog.unit} units={units} onClose={close} />
      )}
      {dialog?.kind === 'merge' && (
        <MergeUnitModal unit={dialog.unit} units={units} onClose={close} />
      )}
    </Stack>
  );
}

function UnitTree({
  units,
  showMerged,
  onAction,
}: {
  units: readonly DirectoryUnit[];
  showMerged: boolean;
  onAction: (dialog: Dialog) => void;
}) {
  const { t } = useTranslation();
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const roots = units.filter((u) => u.parentId === null || !byId.has(u.parentId));
  const visible = (u: DirectoryUnit) => showMerged || !u.merged;

  const branch = (list: readonly DirectoryUnit[], top: boolean) => (
    <Box
      component="ul"
      aria-label={top ? t('admin.units.treeLabel') : undefined}
      m={0}
      pl={top ? 0 : 'xl'}
      style={{ listStyle: 'none' }}
    >
      {list.filter(visible).map((unit) => {
        const children = unit.childIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
        return (
          <li key={unit.id} data-testid={`unit-${unit.id}`}>
            <Group
              gap="sm"
              py={6}
              wrap="nowrap"
              style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
            >
              <Stack gap={0} style={{ flex: 1 }}>
                <Group gap="xs">
                  <Text fw={600} c={unit.merged ? 'dimmed' : undefined}>
                    {unit.name}
                  </Text>
                  {unit.shortName && <Text c="dimmed">({unit.shortName})</Text>}
                  <Badge variant="light" color="gray">
                    {t(`admin.kinds.${unit.kind}`)}
                  </Badge>
                  {unit.successor && (
                    <Badge variant="light" color="orange">
                      {t('admin.units.mergedInto', { name: unit.successor.name })}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {t('admin.units.counts', { sites: unit.siteCount, users: unit.userCount })}
                </Text>
              </Stack>
              <UnitMenu unit={unit} onAction={onAction} />
            </Group>
            {children.some(visible) && branch(children, false)}
          </li>
        );
      })}
    </Box>
  );
  return branch(roots, true);
}

function UnitMenu({ unit, onAction }: { unit: DirectoryUnit; onAction: (d: Dialog) => void }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="sm"
          aria-label={t('admin.units.actionsOf', { name: unit.name })}
        >
          {t('admin.units.actions')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {!unit.merged && (
          <Menu.Item onClick={() => onAction({ kind: 'create', parentId: unit.id })}>
            {t('admin.units.addChild')}
          </Menu.Item>
        )}
        <Menu.Item onClick={() => onAction({ kind: 'edit', unit })}>
          {t('admin.units.edit')}
        </Menu.Item>
        <Menu.Item onClick={() => onAction({ kind: 'move', unit })}>
          {t('admin.units.move')}
        </Menu.Item>
        {!unit.merged && (
          <Menu.Item color="red" onClick={() => onAction({ kind: 'merge', unit })}>
            {t('admin.units.merge')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

function UnitFormModal({
  dialog,
  units,
  onClose,
}: {
  dialog: Extract<Dialog, { kind: 'create' | 'edit' }>;
  units: readonly DirectoryUnit[];
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const editing = dialog.kind === 'edit' ? dialog.unit : null;
  const [name, setName] = useState(editing?.name ?? '');
  const [shortName, setShortName] = useState(editing?.shortName ?? '');
  const [kind, setKind] = useState<UnitKind>(editing?.kind ?? 'department');
  const [parentId, setParentId] = useState(dialog.kind === 'create' ? (dialog.parentId ?? '') : '');
  const { busy, error, run } = useAction();

  const submit = async () => {
    const ok = await run(async () => {
      if (editing) {
        const { unit } = await callServer(
          'updateUnit',
          { id: editing.id },
          { name, shortName: shortName.trim() || null, kind },
        );
        return t('admin.units.updated', { name: unit.name });
      }
      const { unit } = await callServer(
        'createUnit',
        {},
        { name, shortName: shortName.trim() || null, kind, parentId: parentId || null },
      );
      return t('admin.units.created', { name: unit.name });
    });
    if (ok) onClose(true);
  };

  return (
    <FormDialog
      title={t(editing ? 'admin.units.editTitle' : 'admin.units.createTitle')}
      submitLabel={t('admin.save')}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onClose={() => onClose(false)}
    >
      <TextInput
        label={t('admin.units.name')}
        required
        maxLength={300}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        data-autofocus
      />
      <TextInput
        label={t('admin.units.shortName')}
        description={t('admin.units.shortNameHint')}
        maxLength={100}
        value={shortName}
        onChange={(event) => setShortName(event.currentTarget.value)}
      />
      <Select
        label={t('admin.units.kind')}
        allowDeselect={false}
        value={kind}
        onChange={(value) => value && setKind(value as UnitKind)}
        data={UNIT_KINDS.map((k) => ({ value: k, label: t(`admin.kinds.${k}`) }))}
      />
      {!editing && (
        <UnitSelect
          label={t('admin.units.parent')}
          units={units}
          topLevel={t('admin.topLevel')}
          value={parentId}
          onChange={(value) => setParentId(value ?? '')}
        />
      )}
    </FormDialog>
  );
}

function MoveUnitModal({
  unit,
  units,
  onClose,
}: {
  unit: DirectoryUnit;
  units: readonly DirectoryUnit[];
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const [parentId, setParentId] = useState(unit.parentId ?? '');
  const exclude = useMemo(() => subtreeIds(units, unit.id), [units, unit.id]);
  const { busy, error, run } = useAction();
  const submit = async () => {
    const ok = await run(async () => {
      await callServer('moveUnit', { id: unit.id }, { parentId: parentId || null });
      return t('admin.units.moved', { name: unit.name });
    });
    if (ok) onClose(true);
  };
  return (
    <FormDialog
      title={t('admin.units.moveTitle')}
      submitLabel={t('admin.units.move')}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onClose={() => onClose(false)}
    >
      <Text>{t('admin.units.moveHint', { name: unit.name })}</Text>
      <UnitSelect
        label={t('admin.units.parent')}
        units={units}
        exclude={exclude}
        topLevel={t('admin.topLevel')}
        value={parentId}
        onChange={(value) => setParentId(value ?? '')}
        data-autofocus
      />
    </FormDialog>
  );
}

function MergeUnitModal({
  unit,
  units,
  onClose,
}: {
  unit: DirectoryUnit;
  units: readonly DirectoryUnit[];
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const [successorId, setSuccessorId] = useState<string | null>(null);
  const exclude = useMemo(() => subtreeIds(units, unit.id), [units, unit.id]);
  const { busy, error, run } = useAction();
  const submit = async () => {
    if (!successorId) return;
    const ok = await run(async () => {
      const { unit: merged } = await callServer('mergeUnit', { id: unit.id }, { successorId });
      return t('admin.units.merged', { name: unit.name, successor: merged.successor?.name ?? '' });
    });
    if (ok) onClose(true);
  };
  return (
    <FormDialog
      title={t('admin.units.mergeTitle')}
      submitLabel={t('admin.units.merge')}
      danger
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onClose={() => onClose(false)}
    >
      <Alert color="orange">{t('admin.units.mergeHint', { name: unit.name })}</Alert>
      <UnitSelect
        label={t('admin.units.successor')}
        required
        units={units}
        exclude={exclude}
        value={successorId}
        onChange={setSuccessorId}
        data-autofocus
      />
    </FormDialog>
  );
}
