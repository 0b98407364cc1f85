import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';

import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { theme } from './app/theme';
import { initI18n } from './i18n';
import { getSessionStore } from './state/sessionStore';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// Start talking to main while the strings load; the first render already has a session request in flight.
getSessionStore();

void initI18n().then(() => {
  createRoot(container).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <Notifications position="top-right" />
        <App />
      </MantineProvider>
    </StrictMode>,
  );
});
