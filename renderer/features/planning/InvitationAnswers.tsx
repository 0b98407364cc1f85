/**
 * The answers to a meeting's invitations, one row per unit, site's unit and person invited: who
 * was invited, from which site, the answer (Tham dự / Vắng (lý do) / Ủy quyền (người dự thay) /
 * Chưa trả lời), who attends and who answered when.
 */
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '../../../common/domain/meetingPlan';
import { formatDateTime } from '../../lib/format';
import { ResponseBadge } from './badges';
import { responseCounts } from './planForm';

export function InvitationAnswers({ invitations }: { invitations: readonly Invitation[] }) {
  const { t } = useTranslation();
  if (invitations.length === 0) return <Text c="dimmed">{t('planning.answers.empty')}</Text>;
  const counts = responseCounts(invitations);
  return (
    <Stack gap="sm">
      <Text role="status">{t('planning.answers.summary', counts)}</Text>
      <Table.ScrollContainer minWidth={760}>
        <Table striped aria-label={t('planning.answers.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('planning.answers.columns.addressee')}</Table.Th>
              <Table.Th>{t('planning.answers.columns.site')}</Table.Th>
              <Table.Th miw={130}>{t('planning.answers.columns.response')}</Table.Th>
              <Table.Th>{t('planning.answers.columns.attendee')}</Table.Th>
              <Table.Th>{t('planning.answers.columns.reason')}</Table.Th>
              <Table.Th>{t('planning.answers.columns.respondedBy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invitations.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Badge variant="outline" color="gray" size="sm">
                      {i.addressee.kind === 'unit'
                        ? t('planning.answers.unit')
                        : t('planning.answers.person')}
                    </Badge>
                    <Stack gap={0}>
                      <Text fw={600}>
                        {i.addressee.kind === 'unit'
                          ? i.addressee.unit.name
                          : i.addressee.user.name}
                      </Text>
                      {i.addressee.kind === 'person' && (
                        <Text size="sm" c="dimmed">
                          {i.addressee.unit.name}
                        </Text>
                      )}
                    </Stack>
                  </Group>
                </Table.Td>
                <Table.Td>{i.site?.name ?? t('planning.none')}</Table.Td>
                <Table.Td>
                  <ResponseBadge response={i.response} />
                </Table.Td>
                <Table.Td>{i.attendee?.name ?? t('planning.none')}</Table.Td>
                <Table.Td>{i.reason ?? t('planning.none')}</Table.Td>
                <Table.Td>
                  {i.respondedBy && i.respondedAt
                    ? t('planning.answers.respondedAt', {
                        name: i.respondedBy.name,
                        time: formatDateTime(i.respondedAt),
                      })
                    : t('planning.none')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
