/**
 * The administrator's directory (issue #15 §2): units, sites, people and the spreadsheet import,
 * one tab each. Reached from the header only by users with the system role 'admin'; the server
 * refuses everyone else anyway.
 */
import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../common/domain/user';
import { AuditPanel } from './AuditPanel';
import { ImportPanel } from './ImportPanel';
import { SitesPanel } from './SitesPanel';
import { UnitsPanel } from './UnitsPanel';
import { UsagePanel } from './UsagePanel';
import { UsersPanel } from './UsersPanel';

export function AdminScreen({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('admin.title')}
      </Title>
      {/* keepMounted off: each tab loads fresh data when shown (an import adds units and people). */}
      <Tabs defaultValue="units" keepMounted={false}>
        <Tabs.List aria-label={t('admin.tabsLabel')}>
          <Tabs.Tab value="units">{t('admin.tabs.units')}</Tabs.Tab>
          <Tabs.Tab value="sites">{t('admin.tabs.sites')}</Tabs.Tab>
          <Tabs.Tab value="users">{t('admin.tabs.users')}</Tabs.Tab>
          <Tabs.Tab value="import">{t('admin.tabs.import')}</Tabs.Tab>
          <Tabs.Tab value="audit">{t('admin.tabs.audit')}</Tabs.Tab>
          <Tabs.Tab value="usage">{t('admin.tabs.usage')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="units" pt="md">
          <UnitsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="sites" pt="md">
          <SitesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="users" pt="md">
          <UsersPanel me={user} />
        </Tabs.Panel>
        <Tabs.Panel value="import" pt="md">
          <ImportPanel />
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="md">
          <AuditPanel />
        </Tabs.Panel>
        <Tabs.Panel value="usage" pt="md">
          <UsagePanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
