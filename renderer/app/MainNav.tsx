import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type MainSection = 'meetings' | 'tasks';

/** The app's sections, in the header: meetings (and their rooms) and follow-up tasks. */
export function MainNav({
  current,
  onNavigate,
}: {
  current: MainSection;
  onNavigate: (section: MainSection) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group component="nav" aria-label={t('nav.label')} gap={4}>
      {(['meetings', 'tasks'] as const).map((section) => (
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
