import { Badge, Button, Group, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type MainSection = 'meetings' | 'invitations' | 'calendar' | 'plans' | 'tasks' | 'admin';

/**
 * The app's sections, in the header: meetings (and their rooms), invitations (with the number not
 * yet opened), the weekly calendar, for the Office's staff the meetings they plan, follow-up
 * tasks, and for administrators the directory (units, sites, people).
 */
export function MainNav({
  current,
  onNavigate,
  showAdmin = false,
  showPlans = false,
  unseenInvitations = 0,
}: {
  current: MainSection;
  onNavigate: (section: MainSection) => void;
  showAdmin?: boolean;
  showPlans?: boolean;
  unseenInvitations?: number;
}) {
  const { t } = useTranslation();
  const sections: MainSection[] = [
    'meetings',
    'invitations',
    'calendar',
    ...(showPlans ? (['plans'] as const) : []),
    'tasks',
    ...(showAdmin ? (['admin'] as const) : []),
  ];
  const label = (section: MainSection) => {
    switch (section) {
      case 'invitations':
        return t('planning.nav.invitations');
      case 'calendar':
        return t('planning.nav.calendar');
      case 'plans':
        return t('planning.nav.plans');
      default:
        return t(`nav.${section}`);
    }
  };
  return (
    <Group component="nav" aria-label={t('nav.label')} gap={4}>
      {sections.map((section) => (
        <Button
          key={section}
          variant={current === section ? 'light' : 'subtle'}
          aria-current={current === section ? 'page' : undefined}
          onClick={() => onNavigate(section)}
          rightSection={
            section === 'invitations' && unseenInvitations > 0 ? (
              <Badge color="red" variant="filled" size="sm" circle={unseenInvitations < 10}>
                <span aria-hidden>{unseenInvitations}</span>
                <VisuallyHidden>
                  {t('planning.nav.unseen', { count: unseenInvitations })}
                </VisuallyHidden>
              </Badge>
            ) : undefined
          }
        >
          {label(section)}
        </Button>
      ))}
    </Group>
  );
}
