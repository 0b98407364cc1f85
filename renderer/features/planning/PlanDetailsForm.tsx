/**
 * The meeting's details as the Office fills them in: title, kind, start and end (Vietnam time),
 * chair and secretary, preparing unit, hall, place, online, invited units, sites and persons with
 * their roles, and the signer. The same form creates a draft and edits a meeting; what is wrong
 * is said next to each field before anything is sent.
 */
import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MEETING_KINDS,
  TITLE_MAX,
  type MeetingKind,
  type MeetingPlan,
} from '../../../common/domain/meetingPlan';
import { callServer } from '../../lib/callServer';
import { DayInput, TaskDatesProvider } from '../tasks/DayInput';
import { ClockInput } from './ClockInput';
import { foldedFilter } from './foldedFilter';
import {
  emptyPlanForm,
  formFromPlan,
  INVITED_ROLES,
  planFormProblems,
  planInputOf,
  type InvitedRole,
  type PlanForm,
  type PlanFormProblem,
} from './planForm';
import type { PlanningChoices } from './PlanEditor';
import { planningErrorMessage } from './planningErrors';

export function PlanDetailsForm({
  plan,
  choices,
  disabled = false,
  onSaved,
}: {
  /** null: a new meeting (saved as a draft). */
  plan: MeetingPlan | null;
  choices: PlanningChoices;
  disabled?: boolean;
  onSaved: (plan: MeetingPlan) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<PlanForm>(() => (plan ? formFromPlan(plan) : emptyPlanForm()));
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [personToAdd, setPersonToAdd] = useState<string | null>(null);
  const [roleToAdd, setRoleToAdd] = useState<InvitedRole>('delegate');
  const problemsId = useId();

  const set = <K extends keyof PlanForm>(key: K, value: PlanForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const problems = planFormProblems(form);
  const shown = checked ? new Set(problems) : new Set<PlanFormProblem>();
  const fieldError = (problem: PlanFormProblem) =>
    shown.has(problem) ? t(`planning.form.problems.${problem}`) : undefined;

  const peopleData = useMemo(
    () => choices.people.map((p) => ({ value: p.id, label: `${p.fullName} — ${p.unit.name}` })),
    [choices.people],
  );
  const unitData = useMemo(
    () => choices.units.map((u) => ({ value: u.id, label: u.name })),
    [choices.units],
  );
  const siteData = useMemo(
    () => choices.sites.map((s) => ({ value: s.id, label: s.name })),
    [choices.sites],
  );
  const personById = useMemo(() => new Map(choices.people.map((p) => [p.id, p])), [choices.people]);
  const roleData = INVITED_ROLES.map((r) => ({ value: r, label: t(`planning.roles.${r}`) }));
  const searchable = {
    searchable: true,
    filter: foldedFilter,
    nothingFoundMessage: t('planning.nothingFound'),
    limit: 100,
    maxDropdownHeight: 320,
  } as const;

  const submit = async () => {
    setChecked(true);
    setError(null);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      const input = planInputOf(form);
      const saved = plan
        ? await callServer('updateMeeting', { id: plan.id }, input)
        : await callServer('createMeeting', {}, input);
      notifications.show({
        color: 'green',
        message: plan
          ? t('planning.form.saved')
          : t('planning.form.created', { title: saved.title }),
      });
      onSaved(saved);
    } catch (caught) {
      setError(planningErrorMessage(t, caught, i18n.language));
    } finally {
      setBusy(false);
    }
  };

  const addPerson = () => {
    if (!personToAdd || form.persons.some((p) => p.userId === personToAdd)) return;
    set('persons', [...form.persons, { userId: personToAdd, role: roleToAdd }]);
    setPersonToAdd(null);
  };

  return (
    <TaskDatesProvider>
      <form
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void submit();
        }}
        aria-describedby={checked && problems.length ? problemsId : undefined}
      >
        <fieldset disabled={disabled || busy} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack gap="md">
            <TextInput
              label={t('planning.form.title')}
              placeholder={t('planning.form.titlePlaceholder')}
              required
              maxLength={TITLE_MAX}
              value={form.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={fieldError('title')}
            />
            <Select
              label={t('planning.form.kind')}
              allowDeselect={false}
              data={MEETING_KINDS.map((k) => ({ value: k, label: t(`planning.kinds.${k}`) }))}
              value={form.kind}
              onChange={(v) => v && set('kind', v as MeetingKind)}
            />
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              <DayInput
                size="sm"
                label={t('planning.form.startDay')}
                description={t('planning.form.timeHint')}
                required
                value={form.startDay}
                onChange={(day) =>
                  setForm((f) => ({
                    ...f,
                    startDay: day,
                    // The end's day follows the start's until it is set apart.
                    endDay: f.endDay === null || f.endDay === f.startDay ? day : f.endDay,
                  }))
                }
                error={fieldError('start')}
              />
              <ClockInput
                label={t('planning.form.startTime')}
                description={t('planning.form.timeHint')}
                required
                value={form.startTime}
                onChange={(clock) => set('startTime', clock)}
              />
              <DayInput
                size="sm"
                label={t('planning.form.endDay')}
                description={t('planning.form.timeHint')}
                required
                value={form.endDay}
                onChange={(day) => set('endDay', day)}
                error={fieldError('end')}
              />
              <ClockInput
                label={t('planning.form.endTime')}
                description={t('planning.form.timeHint')}
                required
                value={form.endTime}
                onChange={(clock) => set('endTime', clock)}
                error={fieldError('order')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('planning.form.chair')}
                required
                data={peopleData}
                value={form.chairUserId}
                onChange={(v) => set('chairUserId', v)}
                error={fieldError('chair')}
                {...searchable}
              />
              <Select
                label={t('planning.form.secretary')}
                placeholder={t('planning.form.noSecretary')}
                clearable
                data={peopleData}
                value={form.secretaryUserId}
                onChange={(v) => set('secretaryUserId', v)}
                error={fieldError('sameChairSecretary')}
                {...searchable}
              />
              <Select
                label={t('planning.form.preparingUnit')}
                clearable
                data={unitData}
                value={form.preparingUnitId}
                onChange={(v) => set('preparingUnitId', v)}
                {...searchable}
              />
              <Select
                label={t('planning.form.hallSite')}
                clearable
                data={siteData}
                value={form.hallSiteId}
                onChange={(v) => set('hallSiteId', v)}
                {...searchable}
              />
            </SimpleGrid>
            <TextInput
              label={t('planning.form.place')}
              description={t('planning.form.placeHint')}
              maxLength={300}
              value={form.place}
              onChange={(e) => set('place', e.currentTarget.value)}
              error={fieldError('place')}
            />
            <Switch
              label={t('planning.form.online')}
              checked={form.online}
              onChange={(e) => set('online', e.currentTarget.checked)}
            />
            <MultiSelect
              label={t('planning.form.units')}
              description={t('planning.form.unitsHint')}
              data={unitData}
              value={form.unitIds}
              onChange={(v) => set('unitIds', v)}
              hidePickedOptions
              {...searchable}
            />
            <MultiSelect
              label={t('planning.form.sites')}
              description={t('planning.form.sitesHint')}
              data={siteData}
              value={form.siteIds}
              onChange={(v) => set('siteIds', v)}
              hidePickedOptions
              {...searchable}
            />

            <Stack gap="xs" component="section" aria-label={t('planning.form.persons')}>
              <Title order={3} size="h5">
                {t('planning.form.persons')}
              </Title>
              <Group align="flex-end" gap="sm">
                <Select
                  label={t('planning.form.personToAdd')}
                  data={peopleData.filter(
                    (p) => !form.persons.some((invited) => invited.userId === p.value),
                  )}
                  value={personToAdd}
                  onChange={setPersonToAdd}
                  w={360}
                  {...searchable}
                />
                <Select
                  label={t('planning.form.roleToAdd')}
                  allowDeselect={false}
                  data={roleData}
                  value={roleToAdd}
                  onChange={(v) => v && setRoleToAdd(v as InvitedRole)}
                  w={220}
                />
                <Button variant="default" onClick={addPerson} disabled={!personToAdd}>
                  {t('planning.form.addPerson')}
                </Button>
              </Group>
              {form.persons.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('planning.form.personsEmpty')}
                </Text>
              ) : (
                <Table aria-label={t('planning.form.personsTable')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('planning.form.personColumns.name')}</Table.Th>
                      <Table.Th>{t('planning.form.personColumns.unit')}</Table.Th>
                      <Table.Th>{t('planning.form.personColumns.role')}</Table.Th>
                      <Table.Th>{t('planning.form.personColumns.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {form.persons.map((invited, index) => {
                      const person = personById.get(invited.userId);
                      const name = person?.fullName ?? invited.userId;
                      return (
                        <Table.Tr key={invited.userId}>
                          <Table.Td>
                            <Text fw={600}>{name}</Text>
                            {person && (
                              <Text size="sm" c="dimmed">
                                {person.title}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>{person?.unit.name ?? t('planning.none')}</Table.Td>
                          <Table.Td>
                            <Select
                              aria-label={t('planning.form.roleOf', { name })}
                              allowDeselect={false}
                              data={roleData}
                              value={invited.role}
                              onChange={(v) =>
                                v &&
                                set(
                                  'persons',
                                  form.persons.map((p, i) =>
                                    i === index ? { ...p, role: v as InvitedRole } : p,
                                  ),
                                )
                              }
                              w={200}
                            />
                          </Table.Td>
                          <Table.Td>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t('planning.form.removePerson', { name })}
                              onClick={() =>
                                set(
                                  'persons',
                                  form.persons.filter((_, i) => i !== index),
                                )
                              }
                            >
                              ✕
                            </ActionIcon>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>

            <Checkbox
              label={t('planning.form.signer')}
              description={t('planning.form.signerHint')}
              checked={form.signerEnabled}
              onChange={(e) => set('signerEnabled', e.currentTarget.checked)}
            />
            {form.signerEnabled && (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label={t('planning.form.signerAuthority')}
                  placeholder={t('planning.form.signerAuthorityPlaceholder')}
                  maxLength={100}
                  value={form.signer.authority}
                  onChange={(e) =>
                    set('signer', { ...form.signer, authority: e.currentTarget.value })
                  }
                />
                <TextInput
                  label={t('planning.form.signerTitle')}
                  placeholder={t('planning.form.signerTitlePlaceholder')}
                  required
                  maxLength={200}
                  value={form.signer.title}
                  onChange={(e) => set('signer', { ...form.signer, title: e.currentTarget.value })}
                  error={fieldError('signer')}
                />
                <TextInput
                  label={t('planning.form.signerName')}
                  required
                  maxLength={200}
                  value={form.signer.name}
                  onChange={(e) => set('signer', { ...form.signer, name: e.currentTarget.value })}
                  error={fieldError('signer')}
                />
              </SimpleGrid>
            )}

            {checked && problems.length > 0 && (
              <Alert color="red" variant="light" role="alert" id={problemsId}>
                <Stack gap={2}>
                  {problems.map((p) => (
                    <Text key={p} size="sm">
                      {t(`planning.form.problems.${p}`)}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            {error && (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            )}
            {!disabled && (
              <Group justify="flex-end">
                <Button type="submit" loading={busy}>
                  {plan ? t('planning.form.save') : t('planning.form.create')}
                </Button>
              </Group>
            )}
          </Stack>
        </fieldset>
      </form>
    </TaskDatesProvider>
  );
}
