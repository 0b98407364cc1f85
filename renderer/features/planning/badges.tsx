import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InvitationResponse, MeetingStatus } from '../../../common/domain/meetingPlan';

const STATUS_COLORS: Record<MeetingStatus, string> = {
  draft: 'gray',
  published: 'green',
  postponed: 'orange',
  cancelled: 'red',
};

const RESPONSE_COLORS: Record<InvitationResponse, string> = {
  pending: 'gray',
  attend: 'green',
  absent: 'red',
  proxy: 'blue',
};

/** Nháp / Đã phát hành / Hoãn / Hủy. */
export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} size="lg">
      {t(`planning.status.${status}`)}
    </Badge>
  );
}

/** Tham dự / Vắng / Ủy quyền / Chưa trả lời. */
export function ResponseBadge({ response }: { response: InvitationResponse }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={RESPONSE_COLORS[response]}>
      {t(`planning.responses.${response}`)}
    </Badge>
  );
}
