import { Alert, Center, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../common/domain/user';
import { AppHeader } from '../../app/AppHeader';
import { useFocusOnMount } from '../../app/useFocusOnMount';
import { ChangePasswordForm } from './ChangePassword';

/**
 * The only screen (with sign-out) while the user must replace a password an administrator set:
 * the server refuses everything else until then.
 */
export function PasswordChangeRequired({ user }: { user: User }) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <>
      <AppHeader user={user} accountActions={false} />
      <Center component="main" py="xl" px="md">
        <Paper withBorder shadow="sm" p="xl" radius="md" w={480} maw="100%">
          <Stack gap="md">
            <Title order={1} size="h2" ref={headingRef} tabIndex={-1}>
              {t('account.title')}
            </Title>
            <Alert color="blue" variant="light">
              {t('account.required')}
            </Alert>
            <ChangePasswordForm user={user} />
          </Stack>
        </Paper>
      </Center>
    </>
  );
}
