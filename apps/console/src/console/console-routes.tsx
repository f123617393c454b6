import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { ConsoleShell } from './console-shell';

// Each page is its own chunk: the first load carries the shell and the sign-in, not every page.
const SettingsPage = lazy(() => import('./pages/settings-page').then((m) => ({ default: m.SettingsPage })));
const DashboardPage = lazy(() => import('./pages/dashboard-page').then((m) => ({ default: m.DashboardPage })));
const DevicesPage = lazy(() => import('./pages/devices-page').then((m) => ({ default: m.DevicesPage })));
const DevicePage = lazy(() => import('./pages/device-page').then((m) => ({ default: m.DevicePage })));
const UsersPage = lazy(() => import('./pages/users-page').then((m) => ({ default: m.UsersPage })));
const UserPage = lazy(() => import('./pages/user-page').then((m) => ({ default: m.UserPage })));
const GroupsPage = lazy(() => import('./pages/groups-page').then((m) => ({ default: m.GroupsPage })));
const GroupPage = lazy(() => import('./pages/group-page').then((m) => ({ default: m.GroupPage })));
const EnrollmentPage = lazy(() => import('./pages/enrollment-page').then((m) => ({ default: m.EnrollmentPage })));
const ProfilesPage = lazy(() => import('./pages/profiles-page').then((m) => ({ default: m.ProfilesPage })));
const ProfilePage = lazy(() => import('./pages/profile-page').then((m) => ({ default: m.ProfilePage })));
const NewProfilePage = lazy(() => import('./pages/profile-page').then((m) => ({ default: m.NewProfilePage })));
const CompliancePoliciesPage = lazy(() => import('./pages/compliance-policies-page').then((m) => ({ default: m.CompliancePoliciesPage })));
const CompliancePolicyPage = lazy(() => import('./pages/compliance-policy-page').then((m) => ({ default: m.CompliancePolicyPage })));
const NewCompliancePolicyPage = lazy(() => import('./pages/compliance-policy-page').then((m) => ({ default: m.NewCompliancePolicyPage })));
const AssignmentFiltersPage = lazy(() => import('./pages/assignment-filters-page').then((m) => ({ default: m.AssignmentFiltersPage })));
const ReportsPage = lazy(() => import('./pages/reports-page').then((m) => ({ default: m.ReportsPage })));
const AuditPage = lazy(() => import('./pages/audit-page').then((m) => ({ default: m.AuditPage })));
const AdminsPage = lazy(() => import('./pages/admins-page').then((m) => ({ default: m.AdminsPage })));
const TokensPage = lazy(() => import('./pages/tokens-page').then((m) => ({ default: m.TokensPage })));
const AccessPoliciesPage = lazy(() => import('./identity/access-policies-page').then((m) => ({ default: m.AccessPoliciesPage })));
const AccessPolicyPage = lazy(() => import('./identity/access-policy-page').then((m) => ({ default: m.AccessPolicyPage })));
const NewAccessPolicyPage = lazy(() => import('./identity/access-policy-page').then((m) => ({ default: m.NewAccessPolicyPage })));
const WhatIfPage = lazy(() => import('./identity/what-if-page').then((m) => ({ default: m.WhatIfPage })));
const SignInsPage = lazy(() => import('./identity/sign-ins-page').then((m) => ({ default: m.SignInsPage })));
const RelyingPartiesPage = lazy(() => import('./identity/relying-parties-page').then((m) => ({ default: m.RelyingPartiesPage })));
const AppsPage = lazy(() => import('./apps/apps-page').then((m) => ({ default: m.AppsPage })));
const AppPage = lazy(() => import('./apps/app-page').then((m) => ({ default: m.AppPage })));
const NewAppPage = lazy(() => import('./apps/app-page').then((m) => ({ default: m.NewAppPage })));
const AppInventoryPage = lazy(() => import('./apps/app-inventory-page').then((m) => ({ default: m.AppInventoryPage })));
const AppProtectionPoliciesPage = lazy(() => import('./apps/app-protection-policies-page').then((m) => ({ default: m.AppProtectionPoliciesPage })));
const AppProtectionPolicyPage = lazy(() => import('./apps/app-protection-policy-page').then((m) => ({ default: m.AppProtectionPolicyPage })));
const NewAppProtectionPolicyPage = lazy(() => import('./apps/app-protection-policy-page').then((m) => ({ default: m.NewAppProtectionPolicyPage })));
const AppConfigurationPoliciesPage = lazy(() => import('./apps/app-configuration-policies-page').then((m) => ({ default: m.AppConfigurationPoliciesPage })));
const AppConfigurationPolicyPage = lazy(() => import('./apps/app-configuration-policy-page').then((m) => ({ default: m.AppConfigurationPolicyPage })));
const NewAppConfigurationPolicyPage = lazy(() => import('./apps/app-configuration-policy-page').then((m) => ({ default: m.NewAppConfigurationPolicyPage })));
const AppRegistrationsPage = lazy(() => import('./apps/app-registrations-page').then((m) => ({ default: m.AppRegistrationsPage })));
const AppRegistrationPage = lazy(() => import('./apps/app-registration-page').then((m) => ({ default: m.AppRegistrationPage })));
const AppUsagePage = lazy(() => import('./apps/app-usage-page').then((m) => ({ default: m.AppUsagePage })));
const AccountPage = lazy(() => import('./pages/account-page').then((m) => ({ default: m.AccountPage })));
const NotFoundPage = lazy(() => import('./pages/not-found-page').then((m) => ({ default: m.NotFoundPage })));

const loading = (
  <Center h={200}>
    <Loader aria-label="Loading page" />
  </Center>
);

/** The console's pages under its shell. */
export function ConsoleRoutes() {
  return (
    <Routes>
      <Route element={<ConsoleShell />}>
        <Route index element={<Suspense fallback={loading}><DashboardPage /></Suspense>} />
        <Route path="devices" element={<Suspense fallback={loading}><DevicesPage /></Suspense>} />
        <Route path="devices/:id" element={<Suspense fallback={loading}><DevicePage /></Suspense>} />
        <Route path="users" element={<Suspense fallback={loading}><UsersPage /></Suspense>} />
        <Route path="users/:id" element={<Suspense fallback={loading}><UserPage /></Suspense>} />
        <Route path="groups" element={<Suspense fallback={loading}><GroupsPage /></Suspense>} />
        <Route path="groups/:id" element={<Suspense fallback={loading}><GroupPage /></Suspense>} />
        <Route path="enrollment" element={<Suspense fallback={loading}><EnrollmentPage /></Suspense>} />
        <Route path="profiles" element={<Suspense fallback={loading}><ProfilesPage /></Suspense>} />
        <Route path="profiles/new/:kind" element={<Suspense fallback={loading}><NewProfilePage /></Suspense>} />
        <Route path="profiles/:id" element={<Suspense fallback={loading}><ProfilePage /></Suspense>} />
        <Route path="compliance-policies" element={<Suspense fallback={loading}><CompliancePoliciesPage /></Suspense>} />
        <Route path="compliance-policies/new" element={<Suspense fallback={loading}><NewCompliancePolicyPage /></Suspense>} />
        <Route path="compliance-policies/:id" element={<Suspense fallback={loading}><CompliancePolicyPage /></Suspense>} />
        <Route path="assignment-filters" element={<Suspense fallback={loading}><AssignmentFiltersPage /></Suspense>} />
        <Route path="reports" element={<Suspense fallback={loading}><ReportsPage /></Suspense>} />
        <Route path="audit" element={<Suspense fallback={loading}><AuditPage /></Suspense>} />
        <Route path="admins" element={<Suspense fallback={loading}><AdminsPage /></Suspense>} />
        <Route path="tokens" element={<Suspense fallback={loading}><TokensPage /></Suspense>} />
        <Route path="conditional-access" element={<Suspense fallback={loading}><AccessPoliciesPage /></Suspense>} />
        <Route path="conditional-access/new" element={<Suspense fallback={loading}><NewAccessPolicyPage /></Suspense>} />
        <Route path="conditional-access/:id" element={<Suspense fallback={loading}><AccessPolicyPage /></Suspense>} />
        <Route path="what-if" element={<Suspense fallback={loading}><WhatIfPage /></Suspense>} />
        <Route path="sign-ins" element={<Suspense fallback={loading}><SignInsPage /></Suspense>} />
        <Route path="relying-parties" element={<Suspense fallback={loading}><RelyingPartiesPage /></Suspense>} />
        <Route path="apps" element={<Suspense fallback={loading}><AppsPage /></Suspense>} />
        <Route path="apps/new/:kind" element={<Suspense fallback={loading}><NewAppPage /></Suspense>} />
        <Route path="apps/:id" element={<Suspense fallback={loading}><AppPage /></Suspense>} />
        <Route path="app-inventory" element={<Suspense fallback={loading}><AppInventoryPage /></Suspense>} />
        <Route path="app-protection" element={<Suspense fallback={loading}><AppProtectionPoliciesPage /></Suspense>} />
        <Route path="app-protection/policies/new" element={<Suspense fallback={loading}><NewAppProtectionPolicyPage /></Suspense>} />
        <Route path="app-protection/policies/:id" element={<Suspense fallback={loading}><AppProtectionPolicyPage /></Suspense>} />
        <Route path="app-protection/configuration" element={<Suspense fallback={loading}><AppConfigurationPoliciesPage /></Suspense>} />
        <Route path="app-protection/configuration/new" element={<Suspense fallback={loading}><NewAppConfigurationPolicyPage /></Suspense>} />
        <Route path="app-protection/configuration/:id" element={<Suspense fallback={loading}><AppConfigurationPolicyPage /></Suspense>} />
        <Route path="app-protection/registrations" element={<Suspense fallback={loading}><AppRegistrationsPage /></Suspense>} />
        <Route path="app-protection/registrations/:id" element={<Suspense fallback={loading}><AppRegistrationPage /></Suspense>} />
        <Route path="app-protection/usage" element={<Suspense fallback={loading}><AppUsagePage /></Suspense>} />
        <Route path="settings" element={<Suspense fallback={loading}><SettingsPage /></Suspense>} />
        <Route path="account" element={<Suspense fallback={loading}><AccountPage /></Suspense>} />
        <Route path="*" element={<Suspense fallback={loading}><NotFoundPage /></Suspense>} />
      </Route>
    </Routes>
  );
}
