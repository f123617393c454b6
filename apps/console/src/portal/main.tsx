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
        {/* Until Ward's identity provider exists, the portal signs in with the same e-mail and
            password sign-in as the console; the IdP's single sign-on will replace this form. */}
        <SessionGate title="Ward" subtitle="Sign in to see and enroll your devices.">
          <PortalApp />
        </SessionGate>
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
