import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The admin screens' dialog: a titled modal around one form, the refusal (if any) announced as an
 * alert above the submit button, Escape or the close button to leave without saving.
 */
export function FormDialog({
  title,
  submitLabel,
  danger,
  busy,
  error,
  onSubmit,
  onClose,
  size,
  children,
}: {
  title: string;
  submitLabel: string;
  danger?: boolean;
  busy: boolean;
  error: string | null;
  onSubmit: () => void;
  onClose: () => void;
  size?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened
      onClose={onClose}
      size={size}
      title={<Text fw={700}>{title}</Text>}
      closeButtonProps={{ 'aria-label': t('admin.cancel') }}
    >
      <form
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <Stack gap="md">
          {children}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('admin.cancel')}
            </Button>
            <Button type="submit" loading={busy} color={danger ? 'red' : undefined}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
