/**
 * The app's screens and the moves between them. Navigation is a small state machine rather than
 * a router: the desktop app has no address bar, and every screen is reachable only through the
 * ones before it.
 */
import { Button, Center, Container, Loader, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assertUnreachable } from '../../common/errors';
import type { User } from '../../common/domain/user';
import { organisesMeetings } from '../../common/domain/policy';
import { AdminScreen } from '../features/admin/AdminScreen';
import { PasswordChangeRequired } from '../features/account/PasswordChangeRequired';
import { InvitationsScreen } from '../features/planning/InvitationsScreen';
import { PlansScreen } from '../features/planning/PlansScreen';
import { useUnseenInvitations } from '../features/planning/useUnseenInvitations';
import { WeekCalendarScreen } from '../features/planning/WeekCalendarScreen';
import { LoginScreen } from '../features/login/LoginScreen';
import { MeetingDetail } from '../features/meetings/MeetingDetail';
import { MeetingList } from '../features/meetings/MeetingList';
import { RoomView } from '../features/conference/RoomView';
import { ScreenSourcePicker } from '../features/conference/ScreenSourcePicker';
import { SyncIndicator } from '../features/tasks/SyncIndicator';
import { TaskReminders } from '../features/tasks/TaskReminders';
import { TasksScreen, type TaskOpenRequest } from '../features/tasks/TasksScreen';
import { errorMessage } from '../i18n/errorMessage';
import { getApi } from '../lib/api';
import { getSessionStore, useSession } from '../state/sessionStore';
import { AppHeader } from './AppHeader';
import { MainNav, type MainSection } from './MainNav';
import { PanelBoundary } from './PanelBoundary';

/** Screens after sign-in. */
type View =
  | { name: 'meetings' }
  | { name: 'meeting'; meetingId: string }
  | { name: 'room'; meetingId: string }
  | { name: 'tasks' }
  | { name: 'admin' }
  | { name: 'invitations' }
  | { name: 'calendar' }
  | { name: 'plans' };

export function App() {
  const snapshot = useSession();
  const { t } = useTranslation();

  switch (snapshot.phase) {
    case 'loading':
      return (
        <Center mih="100vh">
          <Stack align="center" gap="sm" role="status">
            <Loader size="lg" aria-hidden />
            <Text size="lg">{t('app.loading')}</Text>
          </Stack>
        </Center>
      );
    case 'unreachable':
      return (
        <Center mih="100vh" p="md">
          <Stack align="center" gap="md" maw={520} ta="center">
            <Title order={1} size="h2">
              {t('app.startupFailed')}
            </Title>
            <Text size="lg" role="alert">
              {errorMessage(t, snapshot.error)}
            </Text>
            <Button onClick={() => void getSessionStore().refresh()}>{t('app.retry')}</Button>
          </Stack>
        </Center>
      );
    case 'ready': {
      const session = snapshot.session;
      if (session.status === 'signed_out') return <LoginScreen serverUrl={session.serverUrl} />;
      // A password an administrator set: the server refuses everything else until it is changed.
      if (session.user.mustChangePassword === true)
        return <PasswordChangeRequired user={session.user} />;
      // Keyed by user: the next person to sign in on this machine starts from the list, not from
      // wherever the previous one left off.
      return <SignedIn key={session.user.id} user={session.user} />;
    }
    default:
      return assertUnreachable(snapshot);
  }
}

function SignedIn({ user }: { user: User }) {
  const [view, setView] = useState<View>({ name: 'meetings' });
  // A reminder (toast, Web Notification or the desktop's, via `tasks.open`) asks to show a task.
  const [openRequest, setOpenRequest] = useState<TaskOpenRequest | null>(null);
  const showList = () => setView({ name: 'meetings' });
  const openTask = useCallback((taskId: string | null) => {
    setView({ name: 'tasks' });
    setOpenRequest({ taskId });
  }, []);
  useEffect(() => getApi().on('tasks.open', ({ taskId }) => openTask(taskId)), [openTask]);
  // A meeting link the desktop app was opened with (`phonghop://join/…`: the room, through the
  // device check; `open/…`: the meeting), taken once: at sign-in, and whenever one arrives.
  useEffect(() => {
    const api = getApi();
    const take = () =>
      void api.invoke('app.pendingDeepLink', {}).then(
        ({ link }) => {
          if (!link) return;
          const { meetingId } = link;
          setView(
            link.action === 'join' ? { name: 'room', meetingId } : { name: 'meeting', meetingId },
          );
        },
        () => undefined,
      );
    take();
    return api.on('app.deepLink', take);
  }, []);
  // The badge of unopened invitations, asked again on every move between screens.
  const invitationBadge = useUnseenInvitations(JSON.stringify(view));

  let content: React.ReactNode;
  switch (view.name) {
    case 'meetings':
      content = <MeetingList onOpen={(meetingId) => setView({ name: 'meeting', meetingId })} />;
      break;
    case 'meeting':
      content = (
        <MeetingDetail
          meetingId={view.meetingId}
          onBack={showList}
          onJoin={() => setView({ name: 'room', meetingId: view.meetingId })}
        />
      );
      break;
    case 'room':
      content = (
        <RoomView
          meetingId={view.meetingId}
          onLeave={() => setView({ name: 'meeting', meetingId: view.meetingId })}
        />
      );
      break;
    case 'tasks':
      content = <TasksScreen user={user} openRequest={openRequest} />;
      break;
    case 'admin':
      content = <AdminScreen user={user} />;
      break;
    case 'invitations':
      content = <InvitationsScreen user={user} onSeen={invitationBadge.refresh} />;
      break;
    case 'calendar':
      content = <WeekCalendarScreen user={user} />;
      break;
    case 'plans':
      content = <PlansScreen />;
      break;
    default:
      content = assertUnreachable(view);
  }

  // A plain header/main pair rather than AppShell: the header's height depends on how long the
  // user's title and agency are, and AppShell wants a fixed one.
  return (
    <>
      <AppHeader
        user={user}
        nav={
          <MainNav
            current={sectionOf(view)}
            onNavigate={(section) => setView({ name: section } as View)}
            showAdmin={user.roles.includes('admin')}
            showPlans={organisesMeetings(user.roles)}
            unseenInvitations={invitationBadge.unseen}
          />
        }
        status={<SyncIndicator user={user} />}
      />
      <TaskReminders user={user} onOpenTask={openTask} />
      {/* Electron's getDisplayMedia asks here which screen or window to share. */}
      <ScreenSourcePicker />
      <Container component="main" size="lg" py="lg">
        {/* An error in a screen leaves the header and navigation usable; another screen resets it. */}
        <PanelBoundary key={JSON.stringify(view)}>{content}</PanelBoundary>
      </Container>
    </>
  );
}

/** The navigation's section a screen belongs to: a meeting and its room are under meetings. */
function sectionOf(view: View): MainSection {
  return view.name === 'meeting' || view.name === 'room' ? 'meetings' : view.name;
}
