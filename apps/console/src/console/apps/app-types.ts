import type { Answer, Body, Query } from '../../api/types';

// The app pages' shapes, all derived from the generated API types, so a change to the API breaks
// the build here rather than at run time.

export type App = Answer<'getApp'>;
export type AppKind = App['kind'];
export type AppQuery = Query<'listApps'>;
export type CreateAppBody = Body<'createApp'>;
export type UpdateAppBody = Body<'updateApp'>;
export type AppVersion = Answer<'listAppVersions'>['items'][number];
export type UploadedAppVersion = Answer<'uploadAppVersion', 201>;
export type PackageFormat = AppVersion['format'];
export type AppStatusReport = Answer<'getAppInstallStatus'>;
export type AppInstallStatus = AppStatusReport['items'][number]['status'];
export type AppDeviceStatus = AppStatusReport['items'][number];
export type InstalledApp = Answer<'searchAppInventory'>['items'][number];
export type InstalledAppDevice = Answer<'listAppInventoryDevices'>['items'][number];
export type AppIntent = NonNullable<Body<'createAppAssignment'>['intent']>;
export type LinuxPackageManager = Extract<App, { kind: 'repository' }>['details']['packageManagers'][number];

export type AppProtectionPolicy = Answer<'getAppProtectionPolicy'>;
export type ProtectionSettings = AppProtectionPolicy['settings'];
export type ClipboardLevel = ProtectionSettings['clipboard'];
export type PinType = ProtectionSettings['pin']['type'];
export type JailbreakAction = ProtectionSettings['conditionalLaunch']['jailbroken'];
export type PinRetryAction = ProtectionSettings['conditionalLaunch']['maxPinRetries'];
export type MamTargets = AppProtectionPolicy['targets'];
export type AppConfigurationPolicy = Answer<'getAppConfigurationPolicy'>;
export type AppRegistration = Answer<'getAppRegistration'>;
export type AppRegistrationState = AppRegistration['state'];
export type AppRegistrationQuery = Query<'listAppRegistrations'>;
export type SdkFlag = AppRegistration['reported']['flagged'][number];
export type AppWipeOutcome = NonNullable<NonNullable<AppRegistration['wipe']>['outcome']>;
export type AppUsageReport = Answer<'getAppUsageReport'>;
