/**
 * Sign-in. The server address is prefilled from the current session and tucked away (most users
 * never change it), but opens by itself when it is empty or wrong.
 */
import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Collapse,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../common/errors';
import { ipcCalls } from '../../../common/ipc/contract';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { errorMessage } from '../../i18n/errorMessage';
import { toAppError } from '../../lib/contractChecks';
import { getSessionStore } from '../../state/sessionStore';

type Field = 'serverUrl' | 'username' | 'password';
type FieldProblem = 'required' | 'invalidServer';

export function LoginScreen({ serverUrl: initialServerUrl }: { serverUrl: string }) {
  const { t } = useTranslation();
  const serverPanelId = useId();
  const [serverUrl, setServerUrl] = useState(initialServerUrl);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [serverOpen, setServerOpen] = useState(initialServerUrl.trim() === '');
  const [problems, setProblems] = useState<Partial<Record<Field, FieldProblem>>>({});
  const [error, setError] = useState<AppError | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // Every field is required, so no asterisks: `required` still tells assistive technology.
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const request = { serverUrl, username, password };
    // The contract's own schema: the same rules main will apply, but answered without a round trip
    // and pinned to the field that is wrong.
    const checked = ipcCalls['session.login'].request.safeParse(request);
    if (!checked.success) {
      const found: Partial<Record<Field, FieldProblem>> = {};
      for (const issue of checked.error.issues) {
        const field = issue.path[0];
        if (field !== 'serverUrl' && field !== 'username' && field !== 'password') continue;
        const empty = request[field].trim() === '';
        found[field] ??= field === 'serverUrl' && !empty ? 'invalidServer' : 'required';
      }
      setProblems(found);
      if (found.serverUrl) setServerOpen(true);
      return;
    }
    setProblems({});
    setSubmitting(true);
    try {
      await getSessionStore().login(checked.data);
      // Success: the session becomes signed_in and this screen unmounts.
    } catch (caught) {
      setError(toAppError(caught));
      setSubmitting(false);
    }
  };

  const problemText = (field: Field): string | undefined => {
    const problem = problems[field];
    if (!problem) return undefined;
    if (problem === 'invalidServer') return t('login.invalidServer');
    return t(`login.required.${field === 'serverUrl' ? 'server' : field}`);
  };

  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Stack w="100%" maw={460} gap="lg">
          <Stack gap={4} ta="center">
            <Title order={1} c="blue.8">
              {t('app.name')}
            </Title>
            <Text size="lg" c="dimmed">
              {t('app.tagline')}
            </Text>
          </Stack>

          <Paper withBorder shadow="sm" p="xl" radius="md">
            <form onSubmit={(event) => void submit(event)} noValidate>
              <Stack gap="md">
                <Title order={2} size="h3">
                  {t('login.title')}
                </Title>

                {error && (
                  <Alert role="alert" color="red" variant="light" title={t('login.errorTitle')}>
                    {errorMessage(t, error, 'login')}
                  </Alert>
                )}

                <TextInput
                  label={t('login.username')}
                  name="username"
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  autoFocus
                  required
                  withAsterisk={false}
                  value={username}
                  onChange={(event) => setUsername(event.currentTarget.value)}
                  error={problemText('username')}
                />
                <PasswordInput
                  label={t('login.password')}
                  name="password"
                  autoComplete="current-password"
                  required
                  withAsterisk={false}
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  error={problemText('password')}
                  visibilityToggleFocusable
                  visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
                />

                <Box>
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {serverOpen ? null : t('login.serverShow', { server: serverUrl || '—' })}
                    </Text>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      aria-expanded={serverOpen}
                      aria-controls={serverPanelId}
                      onClick={() => setServerOpen((open) => !open)}
                      style={{ flexShrink: 0 }}
                    >
                      {serverOpen ? t('login.serverToggleHide') : t('login.serverToggleShow')}
                    </Anchor>
                  </Group>
                  <Collapse
                    expanded={serverOpen}
                    id={serverPanelId}
                    keepMounted
                    keepMountedMode="display-none"
                  >
                    <TextInput
                      mt="xs"
                      label={t('login.server')}
                      description={t('login.serverHint')}
                      name="serverUrl"
                      type="url"
                      inputMode="url"
                      autoComplete="url"
                      spellCheck={false}
                      required
                      withAsterisk={false}
                      value={serverUrl}
                      onChange={(event) => setServerUrl(event.currentTarget.value)}
                      error={problemText('serverUrl')}
                    />
                  </Collapse>
                </Box>

                <Button type="submit" size="lg" fullWidth loading={submitting}>
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
