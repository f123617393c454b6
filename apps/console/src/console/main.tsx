import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Providers, createQueryClient } from '../shared/providers';
import { SessionGate } from '../shared/session-gate';
import { ConsoleRoutes } from './console-routes';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <Providers client={createQueryClient()}>
      <BrowserRouter>
        <SessionGate app="console" title="Ward console" subtitle="Sign in with your admin account.">
          <ConsoleRoutes />
        </SessionGate>
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
