/**
 * "Lập lịch họp" (issue #15 §3), for the Office's staff: the meetings they planned with their
 * status, and a meeting opened for editing (details, agenda with documents, answers) or a new
 * one. The people, units and sites to choose from load once for the screen.
 */
import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/LoadError';
import { useFocusOnMount } from '../../app/useFocusOnMount';
import { useServerQuery } from '../../lib/callServer';
import { formatTimeRange } from '../../lib/format';
import { MeetingStatusBadge } from './badges';
import { PlanEditor, type PlanningChoices } from './PlanEditor';

export function PlansScreen() {
  const { t } = useTranslation();
  /** undefined: the list; null: a new meeting; a string: that meeting. */
  const [open, setOpen] = useState<string | null | undefined>(undefined);
  const plans = useServerQuery('listPlans', {});
  const people = useServerQuery('listPeople', {});
  const directory = useServerQuery('listUnitsAndSites', {});

  if (open !== undefined) {
    for (const query of [people, directory])
      if (query.status === 'error')
        return (
          <LoadError
            title={t('planning.plans.directoryFailed')}
            error={query.error}
            onRetry={query.reload}
            retrying={query.reloading}
          />
        );
    if (people.status !== 'success' || directory.status !== 'success')
      return <Text role="status">{t('planning.loading')}</Text>;
    const choices: PlanningChoices = {
      people: people.data.people,
      peopleTruncated: people.data.truncated,
      units: directory.data.units,
      sites: directory.data.sites,
    };
    return (
      <PlanEditor
        // A fresh editor for each meeting (and for the one a new draft becomes).
        key={open ?? 'new'}
        planId={open}
        choices={choices}
        onCreated={setOpen}
        onBack={() => {
          setOpen(undefined);
          plans.reload();
        }}
      />
    );
  }
  return <PlanList plans={plans} onOpen={setOpen} />;
}

function PlanList({
  plans,
  onOpen,
}: {
  plans: ReturnType<typeof useServerQuery<'listPlans'>>;
  onOpen: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={1} size="h2" ref={headingRef} tabIndex={-1}>
          {t('planning.plans.title')}
        </Title>
        <Group gap="sm">
          <Button
            variant="default"
            onClick={plans.reload}
            loading={plans.status !== 'loading' && plans.reloading}
          >
            {t('app.refresh')}
          </Button>
          <Button onClick={() => onOpen(null)}>{t('planning.plans.create')}</Button>
        </Group>
      </Group>
      {plans.status === 'error' ? (
        <LoadError
          title={t('planning.plans.loadFailed')}
          error={plans.error}
          onRetry={plans.reload}
          retrying={plans.reloading}
        />
      ) : plans.status === 'loading' ? (
        <Text role="status">{t('planning.loading')}</Text>
      ) : plans.data.meetings.length === 0 ? (
        <Text size="lg">{t('planning.plans.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label={t('planning.plans.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('planning.plans.columns.title')}</Table.Th>
                <Table.Th>{t('planning.plans.columns.time')}</Table.Th>
                <Table.Th>{t('planning.plans.columns.place')}</Table.Th>
                <Table.Th miw={140}>{t('planning.plans.columns.status')}</Table.Th>
                <Table.Th>{t('planning.plans.columns.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data.meetings.map((plan) => (
                <Table.Tr key={plan.id} data-testid={`plan-row-${plan.id}`}>
                  <Table.Td>
                    <Text fw={600}>{plan.title}</Text>
                    <Text size="sm" c="dimmed">
                      {t(`planning.kinds.${plan.kind}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatTimeRange(plan.startsAt, plan.endsAt)}</Table.Td>
                  <Table.Td>
                    {[plan.hallSite?.name, plan.place].filter(Boolean).join(' — ') ||
                      t('planning.none')}
                  </Table.Td>
                  <Table.Td>
                    <MeetingStatusBadge status={plan.status} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      aria-label={t('planning.plans.openLabel', { title: plan.title })}
                      onClick={() => onOpen(plan.id)}
                    >
                      {t('planning.plans.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
