import { Box, Button, Container, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../common/domain/user';
import { ChangePasswordDialog } from '../features/account/ChangePassword';
import { errorMessage } from '../i18n/errorMessage';
import { getSessionStore } from '../state/sessionStore';
import { LanguageSwitch } from './LanguageSwitch';

export function AppHeader({
  user,
  nav,
  status,
  accountActions = true,
}: {
  user: User;
  /** The sections to move between (next to the app's name). */
  nav?: ReactNode;
  /** A compact status shown after the sections (task sync). */
  status?: ReactNode;
  /** "Đổi mật khẩu" next to sign-out; off on the screen that is itself the change. */
  accountActions?: boolean;
}) {
  const { t } = useTranslation();
  const [signingOut, setSigningOut] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);

  const signOut = async () => {
    setSigningOut(true);
    try {
      await getSessionStore().logout();
      // On success this component unmounts (the session is signed_out): nothing to reset.
    } catch (error) {
      setSigningOut(false);
      notifications.show({
        color: 'red',
        title: t('header.logout'),
        message: errorMessage(t, error),
      });
    }
  };

  return (
    <Box
      component="header"
      bg="var(--mantine-color-body)"
      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Container size="lg" py="sm">
        <Group justify="space-between" align="center" gap="md">
          <Group gap="lg" align="center">
            <Text fw={700} size="xl" c="blue.8">
              {t('app.name')}
            </Text>
            {nav}
            {status}
          </Group>
          <Group gap="lg" align="center">
            <Stack gap={0} aria-label={t('header.userMenu')} role="group">
              <Text fw={700} size="md">
                {user.fullName}
              </Text>
              <Text size="sm" c="dimmed">
                {user.title} · {user.agency.name}
              </Text>
              <Text size="sm" c="dimmed">
                {t('header.site', { site: user.site.name })}
              </Text>
            </Stack>
            <LanguageSwitch />
            {accountActions && (
              <Button variant="subtle" onClick={() => setChangingPassword(true)}>
                {t('account.open')}
              </Button>
            )}
            <Button variant="default" onClick={() => void signOut()} loading={signingOut}>
              {t('header.logout')}
            </Button>
          </Group>
        </Group>
      </Container>
      {changingPassword && (
        <ChangePasswordDialog user={user} onClose={() => setChangingPassword(false)} />
      )}
    </Box>
  );
}
