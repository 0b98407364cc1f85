import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type MainSection = 'meetings' | 'tasks' | 'admin';

/**
 * The app's sections, in the header: meetings (and their rooms), follow-up tasks, and for
 * administrators the directory (units, sites, people).
 */
export function MainNav({
  current,
  onNavigate,
  showAdmin = false,
}: {
  current: MainSection;
  onNavigate: (section: MainSection) => void;
  showAdmin?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group component="nav" aria-label={t('nav.label')} gap={4}>
      {(showAdmin
        ? (['meetings', 'tasks', 'admin'] as const)
        : (['meetings', 'tasks'] as const)
      ).map((section) => (
        <Button
          key={section}
          variant={current === section ? 'light' : 'subtle'}
          aria-current={current === section ? 'page' : undefined}
          onClick={() => onNavigate(section)}
        >
          {t(`nav.${section}`)}
        </Button>
      ))}
    </Group>
  );
}
