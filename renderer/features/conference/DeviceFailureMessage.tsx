/** Why a camera or microphone could not be opened, in the delegate's language. */
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeviceFailure, LocalDevice } from '../../media/localDevices';

export function DeviceFailureMessage({
  device,
  failure,
}: {
  device: LocalDevice;
  failure: DeviceFailure;
}) {
  const { t } = useTranslation();
  return (
    <Text size="sm" data-device={device} data-reason={failure.reason}>
      {t(`devices.${device}.${failure.reason}`)}
      {failure.detail && (
        <Text span size="xs" c="dimmed" display="block">
          {t('devices.detail', { detail: failure.detail })}
        </Text>
      )}
    </Text>
  );
}
