/**
 * "Đổi mật khẩu": the current password, the new one twice, the policy's problems listed as the
 * new one is typed (in the screen's language), the server's refusal kept on screen. Reached from
 * the header as a dialog, and as the only screen while a password an administrator set must be
 * changed (PasswordChangeRequired.tsx). The change goes through main (`session.changePassword`),
 * which updates the signed-in user.
 */
import { Alert, Box, Button, Group, List, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../common/domain/account';
import type { User } from '../../../common/domain/user';
import { getSessionStore } from '../../state/sessionStore';
import {
  changePasswordErrorMessage,
  checkPasswordForm,
  problemSentences,
  type PasswordFormState,
} from './passwordForm';

export function ChangePasswordForm({
  user,
  onDone,
  onCancel,
}: {
  user: User;
  onDone?: () => void;
  /** Absent: no cancel button (the forced change). */
  onCancel?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<PasswordFormState>({ current: '', next: '', repeat: '' });
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const check = checkPasswordForm(form, user.username);
  const sentences = problemSentences(check.problems, i18n.language);
  const set = (key: keyof PasswordFormState) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };

  const submit = async () => {
    setSubmitted(true);
    setError(null);
    if (!check.ready) return;
    setBusy(true);
    try {
      await getSessionStore().changePassword({
        currentPassword: form.current,
        newPassword: form.next,
      });
      notifications.show({ color: 'green', message: t('account.done') });
      onDone?.();
    } catch (caught) {
      setError(changePasswordErrorMessage(t, caught, i18n.language));
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        <PasswordInput
          label={t('account.current')}
          autoComplete="current-password"
          required
          visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
          value={form.current}
          onChange={set('current')}
          error={submitted && !form.current ? t('account.currentMissing') : undefined}
          data-autofocus
        />
        <PasswordInput
          label={t('account.next')}
          description={t('account.policy', { min: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          required
          visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
          value={form.next}
          onChange={set('next')}
          error={submitted && (!form.next || sentences.length > 0) ? true : undefined}
        />
        {/* Read out as typed: what the new password still lacks, or that it is acceptable. */}
        <Box aria-live="polite">
          {sentences.length > 0 ? (
            <Stack gap={2}>
              <Text size="sm" fw={600} c="red.8">
                {t('account.problemsLabel')}
              </Text>
              <List size="sm" c="red.8">
                {sentences.map((s) => (
                  <List.Item key={s}>{s}</List.Item>
                ))}
              </List>
            </Stack>
          ) : form.next ? (
            <Text size="sm" c="green.8">
              {t('account.acceptable')}
            </Text>
          ) : null}
        </Box>
        <PasswordInput
          label={t('account.repeat')}
          autoComplete="new-password"
          required
          visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
          value={form.repeat}
          onChange={set('repeat')}
          error={
            check.mismatch || (submitted && form.repeat !== form.next)
              ? t('account.mismatch')
              : undefined
          }
        />
        {error && (
          <Alert color="red" variant="light" role="alert" title={t('account.failed')}>
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('account.cancel')}
            </Button>
          )}
          <Button type="submit" loading={busy}>
            {t('account.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The header's "Đổi mật khẩu" dialog. */
export function ChangePasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened
      onClose={onClose}
      title={<Text fw={700}>{t('account.title')}</Text>}
      closeButtonProps={{ 'aria-label': t('account.cancel') }}
    >
      <ChangePasswordForm user={user} onDone={onClose} onCancel={onClose} />
    </Modal>
  );
}
