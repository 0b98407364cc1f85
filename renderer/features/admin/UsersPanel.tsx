/**
 * "Người dùng": people, searched (name, username, position, email; diacritics optional) and
 * filtered by unit, role and status, a page at a time. Each row's actions sit in one menu: edit,
 * disable or enable, set a temporary password (imported people have none yet).
 */
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordProblems, passwordProblemText } from '../../../common/domain/account';
import {
  ASSIGNABLE_ROLES,
  USER_LIST_MAX,
  type AssignableRole,
  type DirectorySite,
  type DirectoryUnit,
  type DirectoryUser,
} from '../../../common/domain/directory';
import { roleSchema, type User } from '../../../common/domain/user';
import { LoadError } from '../../app/LoadError';
import { callServer, useServerQuery } from '../../lib/callServer';
import { FormDialog } from './FormDialog';
import { generatePassword } from './generatePassword';
import { UnitSelect } from './UnitSelect';
import { useAction } from './useAction';

const PAGE = 100;
type Status = 'all' | 'active' | 'disabled' | 'no_password';
type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: DirectoryUser }
  | { kind: 'password'; user: DirectoryUser };

export function UsersPanel({ me }: { me: User }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>('all');
  const [limit, setLimit] = useState(PAGE);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const units = useServerQuery('listUnits', {});
  const sites = useServerQuery('listSites', {});
  const users = useServerQuery(
    'listDirectoryUsers',
    {},
    {
      ...(q ? { q } : {}),
      ...(unitId ? { unitId } : {}),
      ...(role ? { role: roleSchema.parse(role) } : {}),
      status,
      limit,
    },
  );
  const setAction = useAction();

  for (const query of [units, sites])
    if (query.status === 'error')
      return (
        <LoadError
          title={t('admin.users.loadFailed')}
          error={query.error}
          onRetry={query.reload}
          retrying={query.reloading}
        />
      );
  if (units.status !== 'success' || sites.status !== 'success')
    return <Text role="status">{t('app.loading')}</Text>;

  const toggle = async (user: DirectoryUser) => {
    await setAction.run(async () => {
      await callServer('setUserDisabled', { id: user.id }, { disabled: !user.disabled });
      return t(user.disabled ? 'admin.users.enabled' : 'admin.users.disabled', {
        name: user.fullName,
      });
    });
    users.reload();
  };
  const close = (changed: boolean) => {
    setDialog(null);
    if (changed) users.reload();
  };

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="md">
        <TextInput
          label={t('admin.users.search')}
          description={t('admin.users.searchHint')}
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setLimit(PAGE);
          }}
          w={320}
        />
        <UnitSelect
          label={t('admin.users.unitFilter')}
          units={units.data.units}
          topLevel={t('admin.users.any')}
          value={unitId ?? ''}
          onChange={(value) => {
            setUnitId(value || null);
            setLimit(PAGE);
          }}
          w={260}
        />
        <Select
          label={t('admin.users.roleFilter')}
          allowDeselect={false}
          value={role ?? ''}
          onChange={(value) => setRole(value || null)}
          data={[
            { value: '', label: t('admin.users.any') },
            ...roleSchema.options.map((r) => ({ value: r, label: t(`admin.roles.${r}`) })),
          ]}
          w={220}
        />
        <Select
          label={t('admin.users.statusFilter')}
          allowDeselect={false}
          value={status}
          onChange={(value) => value && setStatus(value as Status)}
          data={(['all', 'active', 'disabled', 'no_password'] as const).map((s) => ({
            value: s,
            label: t(`admin.users.status.${s}`),
          }))}
          w={200}
        />
        <Button ml="auto" onClick={() => setDialog({ kind: 'create' })}>
          {t('admin.users.add')}
        </Button>
      </Group>
      {setAction.error && (
        <Text c="red.9" role="alert">
          {setAction.error}
        </Text>
      )}
      {users.status === 'error' ? (
        <LoadError
          title={t('admin.users.loadFailed')}
          error={users.error}
          onRetry={users.reload}
          retrying={users.reloading}
        />
      ) : users.status === 'loading' ? (
        <Text role="status">{t('app.loading')}</Text>
      ) : users.data.users.length === 0 ? (
        <Text c="dimmed">{t('admin.users.empty')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status">
            {t('admin.users.shown', { shown: users.data.users.length, total: users.data.total })}
          </Text>
          <UserTable
            users={users.data.users}
            me={me}
            onEdit={(user) => setDialog({ kind: 'edit', user })}
            onPassword={(user) => setDialog({ kind: 'password', user })}
            onToggle={(user) => void toggle(user)}
          />
          {users.data.total > users.data.users.length && limit < USER_LIST_MAX && (
            <Button
              variant="default"
              onClick={() => setLimit((n) => Math.min(n + PAGE, USER_LIST_MAX))}
            >
              {t('admin.users.more')}
            </Button>
          )}
        </>
      )}
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <UserDialog
          user={dialog.kind === 'edit' ? dialog.user : null}
          units={units.data.units}
          sites={sites.data.sites}
          onClose={close}
        />
      )}
      {dialog?.kind === 'password' && <PasswordDialog user={dialog.user} onClose={close} />}
    </Stack>
  );
}

function StatusBadge({ user }: { user: DirectoryUser }) {
  const { t } = useTranslation();
  if (user.disabled)
    return (
      <Badge color="red" variant="light">
        {t('admin.users.badges.disabled')}
      </Badge>
    );
  if (!user.hasPassword)
    return (
      <Badge color="orange" variant="light">
        {t('admin.users.badges.noPassword')}
      </Badge>
    );
  if (user.mustChangePassword)
    return (
      <Badge color="yellow" variant="light">
        {t('admin.users.badges.mustChange')}
      </Badge>
    );
  return (
    <Badge color="green" variant="light">
      {t('admin.users.badges.active')}
    </Badge>
  );
}

function UserTable({
  users,
  me,
  onEdit,
  onPassword,
  onToggle,
}: {
  users: readonly DirectoryUser[];
  me: User;
  onEdit: (user: DirectoryUser) => void;
  onPassword: (user: DirectoryUser) => void;
  onToggle: (user: DirectoryUser) => void;
}) {
  const { t } = useTranslation();
  const columns = [
    'fullName',
    'username',
    'title',
    'unit',
    'site',
    'roles',
    'status',
    'actions',
  ] as const;
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped withTableBorder fz="md" aria-label={t('admin.users.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c} scope="col">
                {t(`admin.users.columns.${c}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id} data-testid={`user-${user.username}`}>
              <Table.Td fw={600}>{user.fullName}</Table.Td>
              <Table.Td>{user.username}</Table.Td>
              <Table.Td>{user.title}</Table.Td>
              <Table.Td>{user.unit.name}</Table.Td>
              <Table.Td>{user.site.name}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {user.roles.map((r) => (
                    <Badge key={r} variant="outline" color="gray">
                      {t(`admin.roles.${r}`)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <StatusBadge user={user} />
              </Table.Td>
              <Table.Td>
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <Button
                      variant="default"
                      size="sm"
                      aria-label={t('admin.users.actionsOf', { name: user.fullName })}
                    >
                      {t('admin.users.columns.actions')}
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item onClick={() => onEdit(user)}>{t('admin.users.edit')}</Menu.Item>
                    <Menu.Item onClick={() => onPassword(user)}>
                      {t('admin.users.setPassword')}
                    </Menu.Item>
                    {user.id !== me.id && (
                      <Menu.Item
                        color={user.disabled ? undefined : 'red'}
                        onClick={() => onToggle(user)}
                      >
                        {t(user.disabled ? 'admin.users.enable' : 'admin.users.disable')}
                      </Menu.Item>
                    )}
                  </Menu.Dropdown>
                </Menu>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The policy's problems with `password`, in the screen's language; empty when acceptable. */
function usePasswordCheck(password: string, username: string): string | null {
  const { i18n } = useTranslation();
  if (!password) return null;
  const lang = i18n.language.startsWith('en') ? 'en' : 'vi';
  const problems = passwordProblems(password, username);
  return problems.length === 0 ? null : problems.map((p) => passwordProblemText[p][lang]).join(' ');
}

function UserDialog({
  user,
  units,
  sites,
  onClose,
}: {
  user: DirectoryUser | null;
  units: readonly DirectoryUnit[];
  sites: readonly DirectorySite[];
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const [fullName, setFullName] = useState(user?.fullName ?? '');
  const [title, setTitle] = useState(user?.title ?? '');
  const [unitId, setUnitId] = useState<string | null>(user?.unit.id ?? null);
  const [siteId, setSiteId] = useState<string | null>(user?.site.id ?? null);
  const [roles, setRoles] = useState<AssignableRole[]>(
    (user?.roles ?? []).filter((r): r is AssignableRole =>
      (ASSIGNABLE_ROLES as readonly string[]).includes(r),
    ),
  );
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState(user?.email ?? '');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const passwordError = usePasswordCheck(password, username);
  const { busy, error, run } = useAction();
  const siteData = useMemo(
    () => sites.map((s) => ({ value: s.id, label: `${s.name} — ${s.unit.name}` })),
    [sites],
  );

  const submit = async () => {
    if (!unitId || !siteId || (!user && passwordError)) return;
    const fields = { fullName, title, unitId, siteId, roles, email };
    const ok = await run(async () => {
      if (user) {
        const saved = await callServer('updateUser', { id: user.id }, fields);
        return t('admin.users.updated', { name: saved.user.fullName });
      }
      const created = await callServer('createUser', {}, { ...fields, username, password });
      return t('admin.users.created', { username: created.user.username });
    });
    if (ok) onClose(true);
  };

  return (
    <FormDialog
      title={t(user ? 'admin.users.editTitle' : 'admin.users.createTitle')}
      submitLabel={t('admin.save')}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onClose={() => onClose(false)}
      size="lg"
    >
      <TextInput
        label={t('admin.users.fullName')}
        required
        maxLength={200}
        value={fullName}
        onChange={(event) => setFullName(event.currentTarget.value)}
        data-autofocus
      />
      <TextInput
        label={t('admin.users.title')}
        maxLength={200}
        value={title}
        onChange={(event) => setTitle(event.currentTarget.value)}
      />
      <UnitSelect
        label={t('admin.users.unit')}
        required
        units={units}
        value={unitId}
        onChange={setUnitId}
      />
      <Select
        label={t('admin.users.site')}
        description={t('admin.users.siteHint')}
        required
        searchable
        allowDeselect={false}
        data={siteData}
        value={siteId}
        onChange={setSiteId}
      />
      <Checkbox.Group
        label={t('admin.users.roles')}
        description={t('admin.users.rolesHint')}
        value={roles}
        onChange={(value) => setRoles(value as AssignableRole[])}
      >
        <Group mt="xs">
          {ASSIGNABLE_ROLES.map((r) => (
            <Checkbox key={r} value={r} label={t(`admin.roles.${r}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      {!user && (
        <TextInput
          label={t('admin.users.username')}
          description={t('admin.users.usernameHint')}
          required
          maxLength={64}
          autoComplete="off"
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
        />
      )}
      <TextInput
        label={t('admin.users.email')}
        type="email"
        maxLength={254}
        value={email}
        onChange={(event) => setEmail(event.currentTarget.value)}
      />
      {!user && (
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <PasswordInput
            label={t('admin.users.password')}
            description={t('admin.users.passwordHint')}
            required
            autoComplete="new-password"
            value={password}
            visible={showPassword}
            onVisibilityChange={setShowPassword}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={passwordError}
            style={{ flex: 1 }}
          />
          <Button
            variant="default"
            onClick={() => {
              setPassword(generatePassword());
              setShowPassword(true);
            }}
          >
            {t('admin.users.generate')}
          </Button>
        </Group>
      )}
    </FormDialog>
  );
}

function PasswordDialog({
  user,
  onClose,
}: {
  user: DirectoryUser;
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [visible, setVisible] = useState(false);
  const passwordError = usePasswordCheck(password, user.username);
  const { busy, error, run } = useAction();
  const submit = async () => {
    if (passwordError) return;
    const ok = await run(async () => {
      await callServer('resetUserPassword', { id: user.id }, { newPassword: password });
      return t('admin.users.passwordSet', { name: user.fullName });
    });
    if (ok) onClose(true);
  };
  return (
    <FormDialog
      title={t('admin.users.passwordTitle')}
      submitLabel={t('admin.save')}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onClose={() => onClose(false)}
    >
      <Text>{t('admin.users.passwordFor', { username: user.username, name: user.fullName })}</Text>
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <PasswordInput
          label={t('admin.users.newPassword')}
          required
          autoComplete="new-password"
          value={password}
          visible={visible}
          onVisibilityChange={setVisible}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={passwordError}
          style={{ flex: 1 }}
          data-autofocus
        />
        <Button
          variant="default"
          onClick={() => {
            setPassword(generatePassword());
            setVisible(true);
          }}
        >
          {t('admin.users.generate')}
        </Button>
      </Group>
    </FormDialog>
  );
}
