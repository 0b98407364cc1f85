/**
 * One meeting as the Office edits it: a new draft's details, or an existing meeting's status,
 * actions (publish, postpone, cancel, the giấy mời as PDF) and three tabs: details, agenda with
 * documents, and the answers per unit, site and person.
 */
import { Alert, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type {
  MeetingPlan,
  PlannablePerson,
  PlannableSite,
  PlannableUnit,
} from '../../../common/domain/meetingPlan';
import { LoadError } from '../../app/LoadError';
import { useFocusOnMount } from '../../app/useFocusOnMount';
import { useServerQuery } from '../../lib/callServer';
import { formatDateTime, formatTimeRange } from '../../lib/format';
import { AgendaBuilder } from './AgendaBuilder';
import { MeetingStatusBadge } from './badges';
import { InvitationAnswers } from './InvitationAnswers';
import { PlanActions } from './PlanActions';
import { PlanDetailsForm } from './PlanDetailsForm';

/** What the planning forms offer to choose from. */
export interface PlanningChoices {
  people: readonly PlannablePerson[];
  /** The server listed only the first PEOPLE_LIST_MAX people. */
  peopleTruncated: boolean;
  units: readonly PlannableUnit[];
  sites: readonly PlannableSite[];
}

export function PlanEditor({
  planId,
  choices,
  onCreated,
  onBack,
}: {
  /** null: a new meeting. */
  planId: string | null;
  choices: PlanningChoices;
  onCreated: (id: string) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Group>
        <Button variant="subtle" onClick={onBack}>
          ← {t('planning.plans.backToList')}
        </Button>
      </Group>
      {choices.peopleTruncated && (
        <Alert color="yellow" variant="light">
          {t('planning.plans.peopleTruncated')}
        </Alert>
      )}
      {planId === null ? (
        <NewPlan choices={choices} onCreated={onCreated} />
      ) : (
        <ExistingPlan planId={planId} choices={choices} />
      )}
    </Stack>
  );
}

function NewPlan({
  choices,
  onCreated,
}: {
  choices: PlanningChoices;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <Stack gap="md">
      <Title order={1} size="h2" ref={headingRef} tabIndex={-1}>
        {t('planning.plans.newTitle')}
      </Title>
      <PlanDetailsForm plan={null} choices={choices} onSaved={(plan) => onCreated(plan.id)} />
      <Text c="dimmed">{t('planning.plans.saveFirst')}</Text>
    </Stack>
  );
}

function ExistingPlan({ planId, choices }: { planId: string; choices: PlanningChoices }) {
  const { t } = useTranslation();
  const query = useServerQuery('getMeetingPlan', { id: planId });
  if (query.status === 'error')
    return (
      <LoadError
        title={t('planning.plans.loadFailed')}
        error={query.error}
        onRetry={query.reload}
        retrying={query.reloading}
      />
    );
  if (query.status === 'loading') return <Text role="status">{t('planning.loading')}</Text>;
  return <PlanView plan={query.data} choices={choices} onChanged={query.reload} />;
}

function PlanView({
  plan,
  choices,
  onChanged,
}: {
  plan: MeetingPlan;
  choices: PlanningChoices;
  /** Something was saved: read the meeting again. */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const editable = plan.status !== 'cancelled';
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Group gap="sm" align="center">
          <Title order={1} size="h2" ref={headingRef} tabIndex={-1}>
            {plan.title}
          </Title>
          <MeetingStatusBadge status={plan.status} />
        </Group>
        <Text c="dimmed">
          {t(`planning.kinds.${plan.kind}`)} · {formatTimeRange(plan.startsAt, plan.endsAt)}
        </Text>
        {plan.publishedAt && (
          <Text size="sm" c="dimmed">
            {t('planning.plans.publishedAt', { time: formatDateTime(plan.publishedAt) })}
          </Text>
        )}
        {plan.statusReason && (plan.status === 'postponed' || plan.status === 'cancelled') && (
          <Text size="sm">{t('planning.plans.statusReason', { reason: plan.statusReason })}</Text>
        )}
      </Stack>
      <PlanActions plan={plan} onChanged={onChanged} />
      {/* Each tab mounts fresh when shown, starting from the meeting as last read. */}
      <Tabs defaultValue="details" keepMounted={false}>
        <Tabs.List aria-label={t('planning.plans.tabsLabel')}>
          <Tabs.Tab value="details">{t('planning.plans.tabs.details')}</Tabs.Tab>
          <Tabs.Tab value="agenda">{t('planning.plans.tabs.agenda')}</Tabs.Tab>
          <Tabs.Tab value="answers">{t('planning.plans.tabs.answers')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <PlanDetailsForm plan={plan} choices={choices} disabled={!editable} onSaved={onChanged} />
        </Tabs.Panel>
        <Tabs.Panel value="agenda" pt="md">
          <AgendaBuilder
            plan={plan}
            units={choices.units}
            disabled={!editable}
            onChanged={onChanged}
          />
        </Tabs.Panel>
        <Tabs.Panel value="answers" pt="md">
          <InvitationAnswers invitations={plan.invitations} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
