import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Providers, createQueryClient } from '../shared/providers';
import { SessionGate } from '../shared/session-gate';
import { PortalApp } from './portal-app';

const root = document.getElementById('root');
if (root === null) throw new Error('portal/index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <Providers client={createQueryClient()}>
      <BrowserRouter basename="/portal">
        <SessionGate app="portal" title="Ward" subtitle="Sign in to see and enroll your devices.">
          <PortalApp />
        </SessionGate>
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
