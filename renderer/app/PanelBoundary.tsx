/**
 * Keeps an error in one part of the app inside that part (a screen under the header, a panel of
 * the room): without a boundary React unmounts the whole app on an error thrown while rendering
 * or in an effect, and the user is left with a blank window in the middle of a meeting. The part
 * says so and can be tried again; the rest keeps working.
 */
import { Alert, Button, Stack, Text } from '@mantine/core';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PanelBoundaryProps {
  children: ReactNode;
}

export class PanelBoundary extends Component<PanelBoundaryProps, { error: unknown }> {
  override state = { error: undefined as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown): void {
    // The console reaches main's log in the desktop app, and the test runner's in e2e.
    console.error('A panel failed', error);
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    return <PanelFailed onRetry={() => this.setState({ error: undefined })} />;
  }
}

function PanelFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" role="alert">
      <Stack gap="sm" align="flex-start">
        <Text>{t('app.panelFailed')}</Text>
        <Button variant="white" color="red" onClick={onRetry}>
          {t('app.retry')}
        </Button>
      </Stack>
    </Alert>
  );
}
