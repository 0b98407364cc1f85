import { DataList } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '../../../common/domain/meeting';
import { formatTimeRange } from '../../lib/format';

/** When, where and who chairs (and, on the detail page, who organises) a meeting. */
export function MeetingFacts({
  meeting,
  organizer,
  labelWidth,
  mt,
}: {
  meeting: MeetingSummary;
  organizer?: string;
  labelWidth: string;
  mt?: string;
}) {
  const { t } = useTranslation();
  const facts: [string, string][] = [
    [t('meetings.time'), formatTimeRange(meeting.startsAt, meeting.endsAt)],
    [t('meetings.place'), meeting.place],
    ...(organizer ? ([[t('meetings.organizer'), organizer]] as [string, string][]) : []),
    [t('meetings.chair'), meeting.chairName],
  ];
  return (
    <DataList mt={mt} size="md" gap="xs" labelWidth={labelWidth}>
      {facts.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
