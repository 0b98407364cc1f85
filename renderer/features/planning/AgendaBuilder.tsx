/**
 * The agenda builder: items in order with title, presenting unit, planned start and minutes;
 * add, remove, move up or down (buttons, or Alt + arrow keys inside an item, focus staying on
 * what was moved), then "Lưu chương trình" saves the whole agenda (updateAgenda). A saved item
 * takes PDF documents through the app's upload dialog (documents.upload).
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingPlan, PlannableUnit } from '../../../common/domain/meetingPlan';
import { randomUuid } from '../../lib/api';
import { callServer } from '../../lib/callServer';
import { UploadDocumentModal, type UploadTarget } from '../documents/UploadDocumentModal';
import { ClockInput } from './ClockInput';
import { foldedFilter } from './foldedFilter';
import {
  agendaInputOf,
  agendaProblems,
  agendaRowsOf,
  moveRow,
  newAgendaRow,
  type AgendaRow,
} from './planForm';
import { planningErrorMessage } from './planningErrors';
import { vietnamParts } from './planningTime';

export function AgendaBuilder({
  plan,
  units,
  disabled,
  onChanged,
}: {
  plan: MeetingPlan;
  units: readonly PlannableUnit[];
  disabled: boolean;
  /** Saved or a document uploaded: the meeting is read again. */
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const startClock = vietnamParts(plan.startsAt)?.time ?? null;
  const [rows, setRows] = useState<AgendaRow[]>(() => agendaRowsOf(plan));
  const [saved, setSaved] = useState(() => JSON.stringify(agendaInputOf(rows, startClock)));
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [uploading, setUploading] = useState<UploadTarget | null>(null);
  /** The element that had focus before a move: React may re-insert it, which drops focus. */
  const refocus = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const element = refocus.current;
    refocus.current = null;
    if (element?.isConnected && document.activeElement !== element) element.focus();
  }, [rows]);

  const unitData = useMemo(() => units.map((u) => ({ value: u.id, label: u.name })), [units]);
  const documentCounts = new Map(plan.agenda.map((a) => [a.id, a.documentCount]));
  const problems = agendaProblems(rows, startClock);
  const dirty = JSON.stringify(agendaInputOf(rows, startClock)) !== saved;

  const update = (key: string, change: Partial<AgendaRow>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= rows.length) return;
    refocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setRows((all) => moveRow(all, index, delta));
    setAnnouncement(
      t('planning.agenda.moved', {
        title: rows[index]!.title || t('planning.agenda.itemLabel', { number: index + 1 }),
        number: target + 1,
      }),
    );
  };
  const onRowKeyDown = (index: number) => (event: KeyboardEvent) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    event.stopPropagation();
    move(index, event.key === 'ArrowUp' ? -1 : 1);
  };

  const save = async () => {
    setChecked(true);
    setError(null);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      const input = agendaInputOf(rows, startClock);
      const updated = await callServer('updateAgenda', { id: plan.id }, input);
      const next = agendaRowsOf(updated);
      setRows(next);
      setSaved(JSON.stringify(agendaInputOf(next, startClock)));
      setChecked(false);
      notifications.show({ color: 'green', message: t('planning.agenda.saved') });
      onChanged();
    } catch (caught) {
      setError(planningErrorMessage(t, caught, i18n.language));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={2} size="h3">
          {t('planning.agenda.title')}
        </Title>
        {dirty && (
          <Badge color="orange" variant="light" size="lg">
            {t('planning.agenda.unsaved')}
          </Badge>
        )}
      </Group>
      {!disabled && (
        <Text size="sm" c="dimmed">
          {t('planning.agenda.keyboardHint')}
        </Text>
      )}
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      {rows.length === 0 && <Text c="dimmed">{t('planning.agenda.empty')}</Text>}
      <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {rows.map((row, index) => {
          const number = index + 1;
          const rowProblems = new Set(
            checked ? problems.filter((p) => p.index === index).map((p) => p.problem) : [],
          );
          const count = row.id ? (documentCounts.get(row.id) ?? 0) : 0;
          const first = index === 0;
          const last = index === rows.length - 1;
          return (
            <li key={row.key}>
              <Card
                withBorder
                padding="md"
                role="group"
                aria-label={t('planning.agenda.itemLabel', { number })}
                // Captured before the item's fields see it: a time field would also step its hours.
                onKeyDownCapture={disabled ? undefined : onRowKeyDown(index)}
                data-testid="agenda-row"
              >
                <fieldset disabled={disabled} style={{ border: 0, padding: 0, margin: 0 }}>
                  <Stack gap="sm">
                    <Group justify="space-between" align="center">
                      <Text fw={700}>{t('planning.agenda.itemLabel', { number })}</Text>
                      <Group gap={4}>
                        {/* aria-disabled, not disabled: a button that just moved keeps focus. */}
                        <ActionIcon
                          variant="default"
                          size="lg"
                          aria-label={t('planning.agenda.moveUp', { number })}
                          aria-disabled={first || undefined}
                          style={first ? { opacity: 0.4 } : undefined}
                          onClick={() => move(index, -1)}
                        >
                          ↑
                        </ActionIcon>
                        <ActionIcon
                          variant="default"
                          size="lg"
                          aria-label={t('planning.agenda.moveDown', { number })}
                          aria-disabled={last || undefined}
                          style={last ? { opacity: 0.4 } : undefined}
                          onClick={() => move(index, 1)}
                        >
                          ↓
                        </ActionIcon>
                        <ActionIcon
                          variant="light"
                          color="red"
                          size="lg"
                          aria-label={t('planning.agenda.remove', { number })}
                          onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                        >
                          ✕
                        </ActionIcon>
                      </Group>
                    </Group>
                    <TextInput
                      label={t('planning.agenda.itemTitle', { number })}
                      required
                      maxLength={1000}
                      value={row.title}
                      onChange={(e) => update(row.key, { title: e.currentTarget.value })}
                      error={
                        rowProblems.has('title')
                          ? t('planning.agenda.problems.title', { number })
                          : undefined
                      }
                    />
                    <SimpleGrid cols={{ base: 1, sm: 3 }}>
                      <Select
                        label={t('planning.agenda.presentingUnit')}
                        placeholder={t('planning.agenda.noUnit')}
                        clearable
                        searchable
                        filter={foldedFilter}
                        nothingFoundMessage={t('planning.nothingFound')}
                        data={unitData}
                        value={row.presentingUnitId}
                        onChange={(v) => update(row.key, { presentingUnitId: v })}
                      />
                      <ClockInput
                        label={t('planning.agenda.plannedStart')}
                        value={row.start}
                        onChange={(clock) => update(row.key, { start: clock })}
                        error={
                          rowProblems.has('start')
                            ? t('planning.agenda.problems.start', { number })
                            : undefined
                        }
                      />
                      <NumberInput
                        label={t('planning.agenda.plannedMinutes')}
                        min={1}
                        max={24 * 60}
                        allowDecimal={false}
                        allowNegative={false}
                        value={row.minutes ?? ''}
                        onChange={(v) =>
                          update(row.key, {
                            minutes: typeof v === 'number' && v >= 1 ? Math.min(v, 24 * 60) : null,
                          })
                        }
                      />
                    </SimpleGrid>
                    <Group gap="sm" align="center">
                      <Badge variant="light" color={count > 0 ? 'blue' : 'gray'}>
                        {count > 0
                          ? t('planning.agenda.documents', { count })
                          : t('planning.agenda.noDocuments')}
                      </Badge>
                      {row.id ? (
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={t('planning.agenda.uploadLabel', { number })}
                          onClick={() =>
                            setUploading({
                              kind: 'document',
                              itemId: row.id!,
                              itemNumber: number,
                              itemTitle: row.title,
                            })
                          }
                        >
                          {t('planning.agenda.upload')}
                        </Button>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('planning.agenda.uploadAfterSave')}
                        </Text>
                      )}
                    </Group>
                  </Stack>
                </fieldset>
              </Card>
            </li>
          );
        })}
      </Stack>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {!disabled && (
        <Group justify="space-between">
          <Button
            variant="default"
            onClick={() => setRows((all) => [...all, newAgendaRow(all, startClock, randomUuid())])}
          >
            {t('planning.agenda.add')}
          </Button>
          <Button onClick={() => void save()} loading={busy} disabled={!dirty && !busy}>
            {t('planning.agenda.save')}
          </Button>
        </Group>
      )}
      <UploadDocumentModal
        meetingId={plan.id}
        target={uploading}
        onClose={() => setUploading(null)}
        onUploaded={onChanged}
      />
    </Stack>
  );
}
