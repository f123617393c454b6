// Generated from the admin API's OpenAPI document by apps/console/test/api-types.test.ts (paths and schemas).
// Do not edit: run `npm run api:types -w @ward/console` after changing the API, and commit the result.
export interface paths {
    "/agent/v1/app-packages/{versionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a package file this device is to install (the `url` of a `package` app source). Single byte ranges resume a download (206, or 416 past the end); `If-Range` with the ETag (the file's SHA-256, quoted) makes sure the rest is of the same file. HEAD answers the headers alone. */
        get: operations["agentDownloadAppPackage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agent/v1/check-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report changed facts, inventory, software and command results; receive the next commands. A result for a command this device was never sent refuses the whole check-in. */
        post: operations["agentCheckIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agent/v1/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enroll a device with an enrollment token and a CSR for its key. Answers the device certificate, the root to pin and the command-signing key. */
        post: operations["agentEnroll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agent/v1/renew": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get a new certificate for a new key. The current one keeps working until it expires. */
        post: operations["agentRenew"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List admins with their roles. Admins are few, so the list is whole. */
        get: operations["listAdmins"];
        put?: never;
        /** Make a user an admin: creates the user if the e-mail is new, grants the role, sets a password if none. */
        post: operations["createAdmin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admins/{userId}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Grant a role, optionally scoped to groups. */
        post: operations["assignRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admins/{userId}/roles/{assignmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take a role away. The last global admin keeps theirs. */
        delete: operations["removeRoleAssignment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/app-configuration-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List app configuration policies. */
        get: operations["listAppConfigurationPolicies"];
        put?: never;
        /** Create an app configuration policy. Where several reach the same user and app their settings merge, the oldest policy winning a key they share. */
        post: operations["createAppConfigurationPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/app-configuration-policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an app configuration policy. */
        get: operations["getAppConfigurationPolicy"];
        put?: never;
        post?: never;
        /** Delete an app configuration policy; apps drop its settings at their next check-in. */
        delete: operations["deleteAppConfigurationPolicy"];
        options?: never;
        head?: never;
        /** Change an app configuration policy: `settings` and `targets`, when given, replace the stored ones whole. */
        patch: operations["updateAppConfigurationPolicy"];
        trace?: never;
    };
    "/api/v1/app-inventory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The software corporate devices report, across the fleet: each name and version with how many devices have it (personal devices report only managed apps, which are not counted here). */
        get: operations["searchAppInventory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/app-inventory/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The corporate devices that report software of exactly this name (and version). */
        get: operations["listAppInventoryDevices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/app-protection-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List app protection policies. Where several reach the same user and app, the oldest applies. */
        get: operations["listAppProtectionPolicies"];
        put?: never;
        /** Create an app protection policy. Settings left out take the defaults (a 6-digit PIN, data encrypted, copy out to managed apps only, save-as and sharing blocked). */
        post: operations["createAppProtectionPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/app-protection-policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an app protection policy. */
        get: operations["getAppProtectionPolicy"];
        put?: never;
        post?: never;
        /** Delete an app protection policy. Apps it protected stop counting as protected unless another policy reaches them. */
        delete: operations["deleteAppProtectionPolicy"];
        options?: never;
        head?: never;
        /** Change an app protection policy: `settings` merge over the stored ones (one setting may be named alone), `targets` replace them whole. */
        patch: operations["updateAppProtectionPolicy"];
        trace?: never;
    };
    "/api/v1/app-registrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List app registrations, newest first. Admins scoped to groups filter by one user of theirs. */
        get: operations["listAppRegistrations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/app-registrations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an app registration: its app, installation, reported state and wipe. */
        get: operations["getAppRegistration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/app-registrations/{id}/wipe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Selectively wipe one app registration: the app deletes the corporate identity's data at its next check-in and confirms. Asking again while it waits answers the pending wipe. */
        post: operations["wipeAppRegistration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/app-usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Usage of SDK apps per app and UTC day: launches, active users and the last use. */
        get: operations["getAppUsageReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/apple/push-certificate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Apple push certificate: state, topic, expiry (expiresSoon within 30 days) and the pending CSR. Needs tenant-wide devices.read. */
        get: operations["getPushCertificateStatus"];
        /** Upload the certificate Apple issued for the pending CSR (PEM, or JSON with PEM or base64 DER). It must carry an MDM topic, match the pending key and, for a renewal, keep the topic. Needs tenant-wide settings.manage. */
        put: operations["uploadPushCertificate"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/apple/push-certificate/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make a new key and CSR for the Apple push certificate, replacing any pending one; an active certificate keeps working until its renewal is uploaded. Needs tenant-wide settings.manage. */
        post: operations["createPushCertificateRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/apple/push-certificate/request.csr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The pending CSR as a PEM file, to have signed and uploaded to Apple. Needs tenant-wide devices.read. */
        get: operations["downloadPushCertificateRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the app catalog. */
        get: operations["listApps"];
        put?: never;
        /** Add an app to the catalog. A line-of-business app starts without a version: upload one to `POST /apps/{id}/versions`. It reaches no device until it is assigned. */
        post: operations["createApp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/apps/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an app. */
        get: operations["getApp"];
        put?: never;
        post?: never;
        /** Delete an app with its versions and assignments. Devices where Ward installed it remove it at their next check-in. */
        delete: operations["deleteApp"];
        options?: never;
        head?: never;
        /** Change an app's name, description, publisher, platforms, details or icon; its kind and identifier stay. Devices that have or should have it are recomputed in the background. */
        patch: operations["updateApp"];
        trace?: never;
    };
    "/api/v1/apps/{id}/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The assignments of a app (intent required, available, uninstall or availableWithoutEnrollment). */
        get: operations["listAppAssignments"];
        put?: never;
        /** Assign a app (intent required, available, uninstall or availableWithoutEnrollment) to a group, all users or all devices, as an include or an exclude. Affected devices are recomputed in the background. */
        post: operations["createAppAssignment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/apps/{id}/icon": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The app's icon, a PNG, with its SHA-256 as ETag (send it back in If-None-Match for a 304). */
        get: operations["getAppIcon"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/apps/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts of devices by install status, and a page of devices with their status, installed version and error. */
        get: operations["getAppInstallStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/apps/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every uploaded version of an app, newest first; the app's `currentVersionId` names the published one. */
        get: operations["listAppVersions"];
        put?: never;
        /** Upload a package file (the raw bytes, `application/octet-stream`) as the next version of a line-of-business app. Ward reads name, identifier, version, minimum OS and icon from the package itself, stores the file under its SHA-256, supersedes the previous version and updates the devices that have the app. Send `Content-Digest: sha-256=:<base64>:` (RFC 9530) to have the bytes checked against what you sent. A file that is not the format it claims, truncated, too large or of another app is refused and nothing is kept. */
        post: operations["uploadAppVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignment-filters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every assignment filter, by name. Tenants have dozens, so the list is whole. */
        get: operations["listAssignmentFilters"];
        put?: never;
        /** Create an assignment filter. */
        post: operations["createAssignmentFilter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignment-filters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an assignment filter. */
        get: operations["getAssignmentFilter"];
        /** Replace a filter's definition. A changed rule or platform recomputes the devices of every item that uses it, in the background. */
        put: operations["replaceAssignmentFilter"];
        post?: never;
        /** Delete a filter that no assignment uses. */
        delete: operations["deleteAssignmentFilter"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Assignments of every item of a kind, or of one item. Tenants have hundreds, so the list is whole. */
        get: operations["listAssignments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an assignment; devices it alone reached lose the item in the background. */
        delete: operations["deleteAssignment"];
        options?: never;
        head?: never;
        /** Change an assignment's mode, filter or intent (its item and target are fixed). */
        patch: operations["updateAssignment"];
        trace?: never;
    };
    "/api/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List audit events, newest first. */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recompute the hash chain and report whether any event was changed, removed or inserted. */
        post: operations["verifyAuditChain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/identity-provider": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the console signs in: the identity provider's endpoints and the tenant's console client. */
        get: operations["getSignInOptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/identity-provider-session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange an access token the identity provider issued to the console client (Authorization: Bearer) for a console session. */
        post: operations["startIdentityProviderSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the token acts as: tenant, user, actor and roles. */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with e-mail, password and, when enrolled, an authenticator code. Answers a session token. */
        post: operations["signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session whose token made this request. */
        post: operations["signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable the authenticator with a first correct code. */
        post: operations["confirmTotpEnrollment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start authenticator enrolment for the signed-in admin. */
        post: operations["beginTotpEnrollment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/compliance-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List compliance policies. Webhook secrets are never returned. */
        get: operations["listCompliancePolicies"];
        put?: never;
        /** Create a compliance policy. It is evaluated on no device until it is assigned. */
        post: operations["createCompliancePolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/compliance-policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a compliance policy. */
        get: operations["getCompliancePolicy"];
        put?: never;
        post?: never;
        /** Delete a compliance policy and its assignments; its devices are re-evaluated in the background. */
        delete: operations["deleteCompliancePolicy"];
        options?: never;
        head?: never;
        /** Change a compliance policy; `rules` and `actions`, when given, replace the lists whole. A change to what is evaluated re-evaluates its devices in the background. */
        patch: operations["updateCompliancePolicy"];
        trace?: never;
    };
    "/api/v1/compliance-policies/{id}/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The assignments of a compliance policy. */
        get: operations["listCompliancePolicyAssignments"];
        put?: never;
        /** Assign a compliance policy to a group, all users or all devices, as an include or an exclude. Affected devices are recomputed in the background. */
        post: operations["createCompliancePolicyAssignment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List devices. */
        get: operations["listDevices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a device with its facts and raw inventory. */
        get: operations["getDevice"];
        put?: never;
        post?: never;
        /** Forget a device record (the device itself is not touched). */
        delete: operations["deleteDevice"];
        options?: never;
        head?: never;
        /** Rename a device or change its ownership or primary user. */
        patch: operations["updateDevice"];
        trace?: never;
    };
    "/api/v1/devices/{id}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The action history of a device: pending and sent actions first (on the first page), then finished ones, newest first. */
        get: operations["listDeviceActions"];
        put?: never;
        /** Queue a remote action for one device and wake it. */
        post: operations["requestDeviceAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/compliance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Explains a device's compliance: per policy, every rule with the expected value, what the device reported, pass/fail/unknown and the remediation for the user; the grace deadline and scheduled actions; and a page of state changes with their causes, newest first. */
        get: operations["explainDeviceCompliance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every profile on a device with its status: pending, succeeded, failed with the device's error, conflict with the colliding profiles, notApplicable with the reason, or removing. */
        get: operations["getDeviceConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/mdm-commands": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An Apple device's MDM commands: pending ones first (on the first page), then finished ones with the device's answer, newest first. Payloads are never shown. */
        get: operations["listMdmCommands"];
        put?: never;
        /** Queue one Apple MDM command (InstallApplication, Settings, ProfileList, …) for an Apple device and wake it through APNs. The payload is checked against Apple's schema for the RequestType. */
        post: operations["enqueueMdmCommand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/mdm-enrollment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A device's Apple MDM enrollment: UDID or User Enrollment, state, user channels, profiles it reported, whether it can be woken. No secrets. */
        get: operations["getMdmEnrollment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/software": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Software installed on a device, by name. Personal devices report none. */
        get: operations["listDeviceSoftware"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a remote action for many devices and wake them. Answers one outcome per device; devices out of scope or unknown are refused one by one. */
        post: operations["requestDeviceActions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every device the list would show for these filters, search and sort, as CSV, written a page at a time while it is read. */
        get: operations["exportDevices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrollment-restrictions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The enrollment rules: platforms, minimum OS versions, personal devices, devices per user. */
        get: operations["getEnrollmentRestrictions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the enrollment rules. Devices already enrolled are not affected. */
        patch: operations["updateEnrollmentRestrictions"];
        trace?: never;
    };
    "/api/v1/enrollment-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List enrollment tokens, newest first. */
        get: operations["listEnrollmentTokens"];
        put?: never;
        /** Create an enrollment token. Its text, the agent command line and its QR code are shown this once. Needs tenant-wide devices.write. */
        post: operations["createEnrollmentToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrollment-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an enrollment token. Devices enrolled with it stay enrolled. */
        delete: operations["revokeEnrollmentToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List groups. */
        get: operations["listGroups"];
        put?: never;
        /** Create a group. A dynamic group is filled in the background. */
        post: operations["createGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a group. */
        get: operations["getGroup"];
        put?: never;
        post?: never;
        /** Delete a group (its members stay). */
        delete: operations["deleteGroup"];
        options?: never;
        head?: never;
        /** Rename a group or change its description, rule or membership type. */
        patch: operations["updateGroup"];
        trace?: never;
    };
    "/api/v1/groups/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the members of a group. */
        get: operations["listGroupMembers"];
        put?: never;
        /** Add members to a static group. */
        post: operations["addGroupMembers"];
        /** Remove members from a static group. */
        delete: operations["removeGroupMembers"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create or update groups from CSV (columns name, description, membershipType, memberType, rule, members). All or nothing. */
        post: operations["importGroups"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/preview-rule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Evaluate a draft membership rule without saving it. */
        post: operations["previewGroupRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/identity/conditional-access-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List conditional access policies. */
        get: operations["listAccessPolicies"];
        put?: never;
        /** Create a conditional access policy; report-only unless `state` says otherwise. */
        post: operations["createAccessPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/identity/conditional-access-policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a conditional access policy. */
        get: operations["getAccessPolicy"];
        put?: never;
        post?: never;
        /** Delete a conditional access policy. */
        delete: operations["deleteAccessPolicy"];
        options?: never;
        head?: never;
        /** Change a conditional access policy; `conditions`, `grant` and `session`, when given, replace the stored ones whole. */
        patch: operations["updateAccessPolicy"];
        trace?: never;
    };
    "/api/v1/identity/relying-parties": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List relying parties (OIDC clients), oldest first. */
        get: operations["listRelyingParties"];
        put?: never;
        /** Register a relying party. Its client secret, if its method uses one, is shown once. */
        post: operations["createRelyingParty"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/identity/relying-parties/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a relying party (without its secret). */
        get: operations["getRelyingParty"];
        put?: never;
        post?: never;
        /** Delete a relying party; its codes, tokens and grants are revoked with it. */
        delete: operations["deleteRelyingParty"];
        options?: never;
        head?: never;
        /** Change a relying party. Moving to a secret-based method generates a secret, shown once; the client id never changes. */
        patch: operations["updateRelyingParty"];
        trace?: never;
    };
    "/api/v1/identity/relying-parties/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the client secret; the new one is shown once and the old one stops working at once. */
        post: operations["rotateRelyingPartySecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/identity/sign-ins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sign-in log, newest first: every attempt with the policies evaluated and their results. */
        get: operations["listSignIns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/identity/upstream-providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List upstream identity providers (federation), oldest first. */
        get: operations["listUpstreamProviders"];
        put?: never;
        /** Register an upstream OpenID provider users may sign in with. Register <publicUrl>/interaction/federated/callback as the redirect URI there. */
        post: operations["createUpstreamProvider"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/identity/upstream-providers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an upstream identity provider (without its secret). */
        get: operations["getUpstreamProvider"];
        put?: never;
        post?: never;
        /** Delete an upstream identity provider; sign-ins under way with it fail. */
        delete: operations["deleteUpstreamProvider"];
        options?: never;
        head?: never;
        /** Change an upstream identity provider; a clientSecret replaces the stored one. */
        patch: operations["updateUpstreamProvider"];
        trace?: never;
    };
    "/api/v1/identity/what-if": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Which policies would apply to a sign-in of this user to this relying party from this device and network, and what the decision would be. Records nothing. */
        post: operations["whatIfSignIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The person signed in, their admin roles if any, and the enrollment rules as they apply to them. */
        get: operations["getMyAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The apps offered to the caller (assigned as available to them), by name; with `deviceId`, only those for that device of theirs. */
        get: operations["listMyApps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The devices whose primary user is the caller, by name, with their compliance state. */
        get: operations["listMyDevices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/devices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the caller’s devices, with what IT can and cannot see and do on it. */
        get: operations["getMyDevice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/devices/{id}/compliance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Why one of the caller’s devices is in its compliance state: each rule, what the device reported and, for failing rules, what to do. */
        get: operations["explainMyDeviceCompliance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/devices/{id}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remove the company’s management from one of the caller’s devices (retire). Asked again while pending, answers the pending retire. */
        post: operations["retireMyDevice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/enrollment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A one-time enrollment token for one of the caller’s devices, valid for an hour: its agent command line and the Apple profile link, each with a QR code, shown this once. */
        post: operations["createMyEnrollment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s passkeys and how many recovery codes they have left. */
        get: operations["listMyPasskeys"];
        put?: never;
        /** Register a passkey with the authenticator’s answer to the options. */
        post: operations["registerPasskey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/passkeys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove one of the caller’s passkeys. */
        delete: operations["removeMyPasskey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/passkeys/registration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Options for navigator.credentials.create(): a challenge valid five minutes, the caller’s passkeys excluded. */
        post: operations["beginPasskeyRegistration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ten new recovery codes, shown this once; any earlier ones stop working. */
        post: operations["generateMyRecoveryCodes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The OpenAPI 3.1 document of this API. */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/profiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List configuration profiles. Secrets are never returned. */
        get: operations["listProfiles"];
        put?: never;
        /** Create a configuration profile. It reaches no device until it is assigned. */
        post: operations["createProfile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/profiles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a profile. Secrets are null; `secretsSet` names those stored. */
        get: operations["getProfile"];
        /** Replace a profile's definition (its kind is fixed). Null secrets keep the stored ones. Devices that have or get it are recomputed in the background. */
        put: operations["replaceProfile"];
        post?: never;
        /** Delete a profile and its assignments; devices remove it at their next check-in. */
        delete: operations["deleteProfile"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/profiles/{id}/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The assignments of a profile. */
        get: operations["listProfileAssignments"];
        put?: never;
        /** Assign a profile to a group, all users or all devices, as an include or an exclude. Affected devices are recomputed in the background. */
        post: operations["createProfileAssignment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/profiles/{id}/settings-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per setting of a settings profile: devices that applied it, failed it, could not take it, or have it in conflict. */
        get: operations["getProfileSettingStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/profiles/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts of devices by status, and a page of devices with their status and error. As CSV, every device (in pages of the largest size). */
        get: operations["getProfileStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/compliance-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Devices per compliance state per day over the last `days` days (UTC), overall or against one policy. Days without a snapshot have nulls. As CSV with `format=csv` or `Accept: text/csv`. */
        get: operations["getComplianceHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/compliance-history.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The compliance history as CSV: one line per day, with empty cells for days without a snapshot. */
        get: operations["exportComplianceHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/compliance-overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Devices by compliance state, by platform, by policy and by rule outcome. As CSV, one table per file, chosen with `by`. */
        get: operations["getComplianceOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Devices counted by platform, OS version, compliance state, ownership and management state; enrollments per day; remote actions waiting, by type. Grouped counts: no device is listed. */
        get: operations["getDeviceOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/devices-in-grace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Devices in their grace period, soonest deadline first: who turns noncompliant, when, and which rules they fail. As CSV, every such device. */
        get: operations["listDevicesInGrace"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/profile-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every configuration profile with its devices counted by status (pending, succeeded, failed, conflict, notApplicable, removing), by name. */
        get: operations["getProfileStatusOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The settings catalog: every setting a settings profile may carry, with its value type, range, default and platform mappings. */
        get: operations["listSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current tenant (the token's). */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API tokens: all for a global admin, otherwise the caller's own. The list is whole. */
        get: operations["listApiTokens"];
        put?: never;
        /** Create an API token carrying one role its owner holds. The secret is shown once. */
        post: operations["createApiToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token. Takes effect at once. */
        delete: operations["revokeApiToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users. */
        get: operations["listUsers"];
        put?: never;
        /** Create a user. */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user. */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /** Delete a user with their memberships, roles and tokens. */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        /** Change some of a user's fields. */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/v1/users/{id}/app-wipe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Selectively wipe every app registration of a user, or those on one device tag. Personal accounts in the same apps are never touched. */
        post: operations["wipeUserApps"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a user's password (a generated one unless given, shown this once), clear a lockout and end their sessions; optionally remove their authenticator. */
        post: operations["setUserPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create or update users from CSV (columns email, displayName, givenName, surname, department, jobTitle, employeeId, disabled, groups, attr.NAME). All or nothing. */
        post: operations["importUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up and serving. */
        get: operations["liveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics in the text exposition format. */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pki/crl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current CRL of the device CA, DER. */
        get: operations["getCrl"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the dependencies (database, …) answer. 503, with the same body naming the failing checks, while they do not. */
        get: operations["readiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sdk/v1/check-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report the app's state, usage and a wipe confirmation; receive the policy and configuration when they changed, the key share, and a pending wipe. Signed by the registration's key over the exact body bytes. */
        post: operations["sdkCheckIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sdk/v1/registrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register an app for the signed-in user: answers the registration id, the app protection policy and configuration, and the key share. The same user, app and device tag again re-keys the registration (200). */
        post: operations["sdkRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Every error response of the API. */
        Error: {
            error: {
                /**
                 * @description Stable error code.
                 * @enum {string}
                 */
                code: "VALIDATION_FAILED" | "INVALID_CURSOR" | "INVALID_SORT" | "INVALID_FILTER" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RANGE_NOT_SATISFIABLE" | "RATE_LIMITED" | "NOT_FOUND" | "UNAUTHENTICATED" | "INVALID_CREDENTIALS" | "MFA_REQUIRED" | "INVALID_MFA_CODE" | "ACCOUNT_LOCKED" | "TOKEN_EXPIRED" | "TOKEN_REVOKED" | "FORBIDDEN" | "TENANT_NOT_FOUND" | "USER_NOT_FOUND" | "USER_EMAIL_TAKEN" | "GROUP_NOT_FOUND" | "GROUP_NAME_TAKEN" | "GROUP_RULE_INVALID" | "GROUP_NOT_STATIC" | "ADMIN_NOT_FOUND" | "ROLE_ASSIGNMENT_NOT_FOUND" | "API_TOKEN_NOT_FOUND" | "LAST_GLOBAL_ADMIN" | "TOTP_ALREADY_ENABLED" | "TOTP_NOT_PENDING" | "PASSKEY_CHALLENGE_INVALID" | "PASSKEY_INVALID" | "PASSKEY_ALREADY_REGISTERED" | "PASSKEY_LIMIT" | "PASSKEY_NOT_FOUND" | "PASSKEY_COUNTER_REGRESSED" | "INVALID_RECOVERY_CODE" | "IMPORT_INVALID" | "DEVICE_NOT_FOUND" | "ENROLLMENT_TOKEN_INVALID" | "ENROLLMENT_TOKEN_EXPIRED" | "ENROLLMENT_TOKEN_REVOKED" | "ENROLLMENT_TOKEN_EXHAUSTED" | "ENROLLMENT_TOKEN_NOT_FOUND" | "ENROLLMENT_PLATFORM_NOT_ALLOWED" | "ENROLLMENT_OS_TOO_OLD" | "ENROLLMENT_PERSONAL_NOT_ALLOWED" | "ENROLLMENT_DEVICE_LIMIT" | "CSR_INVALID" | "DEVICE_CERTIFICATE_INVALID" | "DEVICE_CERTIFICATE_REVOKED" | "DEVICE_CERTIFICATE_EXPIRED" | "DEVICE_RETIRED" | "NOISE_TICKET_INVALID" | "COMMAND_NOT_FOUND" | "ACTION_NOT_ALLOWED" | "ACTION_NOT_SUPPORTED" | "COMPLIANCE_POLICY_NOT_FOUND" | "COMPLIANCE_POLICY_NAME_TAKEN" | "COMPLIANCE_POLICY_VERSION_CONFLICT" | "COMPLIANCE_RULE_INVALID" | "COMPLIANCE_ACTION_INVALID" | "AUDIT_CHAIN_BROKEN" | "PROFILE_NOT_FOUND" | "PROFILE_NAME_TAKEN" | "PROFILE_INVALID" | "PROFILE_KIND_MISMATCH" | "PROFILE_VERSION_CONFLICT" | "PROFILE_IN_USE" | "PROFILE_SECRET_REQUIRED" | "PROFILE_VARIABLE_UNKNOWN" | "SETTING_UNKNOWN" | "SETTING_VALUE_INVALID" | "SETTING_PLATFORM_UNSUPPORTED" | "ASSIGNMENT_NOT_FOUND" | "ASSIGNMENT_EXISTS" | "ASSIGNMENT_INVALID" | "ASSIGNMENT_ITEM_NOT_FOUND" | "ASSIGNMENT_GROUP_NOT_FOUND" | "ASSIGNMENT_FILTER_NOT_FOUND" | "ASSIGNMENT_FILTER_INVALID" | "ASSIGNMENT_FILTER_NAME_TAKEN" | "ASSIGNMENT_FILTER_IN_USE" | "CONFIGURATION_REPORT_UNKNOWN" | "CONFIGURATION_REPORT_INVALID" | "POLICY_BUNDLE_INVALID" | "SCEP_CHALLENGE_INVALID" | "APPLE_IDENTITY_UNKNOWN" | "APPLE_NOT_AUTHENTICATED" | "APPLE_DEVICE_MISMATCH" | "APPLE_TOPIC_MISMATCH" | "APPLE_COMMAND_NOT_SENT" | "PUSH_CERTIFICATE_INVALID" | "PUSH_CERTIFICATE_KEY_MISMATCH" | "PUSH_CERTIFICATE_EXPIRED" | "PUSH_CERTIFICATE_TOPIC_MISMATCH" | "PUSH_CERTIFICATE_REQUEST_NOT_FOUND" | "ACCESS_POLICY_NOT_FOUND" | "ACCESS_POLICY_NAME_TAKEN" | "ACCESS_POLICY_VERSION_CONFLICT" | "ACCESS_POLICY_INVALID" | "RELYING_PARTY_NOT_FOUND" | "RELYING_PARTY_INVALID" | "UPSTREAM_PROVIDER_NOT_FOUND" | "UPSTREAM_PROVIDER_INVALID" | "UPSTREAM_PROVIDER_NAME_TAKEN" | "UPSTREAM_PROVIDER_VERSION_CONFLICT" | "UPSTREAM_PROVIDER_LIMIT" | "FEDERATION_PROVIDER_UNAVAILABLE" | "FEDERATION_STATE_INVALID" | "FEDERATION_DENIED" | "FEDERATION_FAILED" | "FEDERATION_EMAIL_MISSING" | "FEDERATION_EMAIL_UNVERIFIED" | "FEDERATION_USER_UNKNOWN" | "FEDERATION_USER_DISABLED" | "APP_NOT_FOUND" | "APP_INVALID" | "APP_IDENTIFIER_TAKEN" | "APP_VERSION_CONFLICT" | "APP_ICON_INVALID" | "APP_NOT_LINE_OF_BUSINESS" | "APP_VERSION_NOT_FOUND" | "APP_VERSION_EXISTS" | "APP_PACKAGE_IDENTIFIER_MISMATCH" | "APP_PACKAGE_PLATFORM_MISMATCH" | "APP_PACKAGE_NOT_FOUND" | "APP_REPORT_UNKNOWN" | "APP_REPORT_INVALID" | "APP_PACKAGE_DIGEST_MISMATCH" | "APP_PACKAGE_UNRECOGNIZED" | "APP_PACKAGE_FORMAT_MISMATCH" | "APP_PACKAGE_TRUNCATED" | "APP_PACKAGE_MALFORMED" | "APP_PACKAGE_METADATA_MISSING" | "APP_PACKAGE_LIMIT_EXCEEDED" | "APP_PACKAGE_UNSUPPORTED" | "APP_PROTECTION_POLICY_NOT_FOUND" | "APP_PROTECTION_POLICY_NAME_TAKEN" | "APP_PROTECTION_POLICY_VERSION_CONFLICT" | "APP_PROTECTION_POLICY_INVALID" | "APP_CONFIGURATION_POLICY_NOT_FOUND" | "APP_CONFIGURATION_POLICY_NAME_TAKEN" | "APP_CONFIGURATION_POLICY_VERSION_CONFLICT" | "APP_CONFIGURATION_POLICY_INVALID" | "APP_PROTECTION_NOT_ASSIGNED" | "APP_REGISTRATION_NOT_FOUND" | "APP_REGISTRATION_WIPED" | "SDK_REGISTRATION_NOT_FOUND" | "SDK_REGISTRATION_WIPED" | "SDK_SIGNATURE_INVALID" | "SDK_CHECK_IN_REPLAYED" | "SDK_CHECK_IN_STALE" | "INTERNAL" | "UNAVAILABLE";
                /** @description Structured context: the failing field, a limit, a retry delay. */
                details?: {
                    [key: string]: unknown;
                };
                /** @description What went wrong, for people. Do not match on it. */
                message: string;
                /** @description The request id, also in the `x-request-id` response header. */
                requestId: string;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    agentDownloadAppPackage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                versionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": unknown;
                };
            };
            /** @description The requested range of the file. */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": unknown;
                };
            };
            /** @description The file is the one named by If-None-Match. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_CERTIFICATE_EXPIRED, DEVICE_CERTIFICATE_INVALID, DEVICE_CERTIFICATE_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_RETIRED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_PACKAGE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RANGE_NOT_SATISFIABLE */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAVAILABLE */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    agentCheckIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    agentVersion: string;
                    apps?: {
                        reports: {
                            error?: string;
                            hash: string;
                            id: string;
                            installedVersion?: string;
                            status: "installed" | "removed" | "failed" | "notApplicable";
                        }[];
                    };
                    configuration?: {
                        reports: {
                            error?: string;
                            hash: string;
                            id: string;
                            settings?: {
                                error?: string;
                                id: string;
                                status: "succeeded" | "failed" | "notApplicable";
                            }[];
                            status: "succeeded" | "failed" | "notApplicable" | "removed";
                        }[];
                    };
                    facts?: {
                        agentVersion?: string;
                        encrypted?: boolean;
                        firewallOn?: boolean;
                        freeStorageBytes?: number;
                        memoryBytes?: number;
                        osBuild?: string;
                        osVersion?: string;
                        passcodeSet?: boolean;
                        screenLockSeconds?: number;
                        secureBoot?: boolean;
                        totalStorageBytes?: number;
                    };
                    inventory?: {
                        [key: string]: unknown;
                    };
                    /** @enum {string} */
                    noisePush?: "wanted";
                    /** @enum {number} */
                    protocolVersion: 1;
                    results: {
                        commandId: string;
                        error?: string;
                        exitCode?: number;
                        /** Format: date-time */
                        finishedAt: string;
                        output?: string;
                        outputTruncated?: boolean;
                        status: "succeeded" | "failed";
                    }[];
                    software?: {
                        name: string;
                        source: string;
                        version: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        acknowledgedResults: string[];
                        apps?: {
                            install: {
                                hash: string;
                                id: string;
                                name: string;
                                source: {
                                    /** @enum {string} */
                                    kind: "apt";
                                    package: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "dnf";
                                    package: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "flatpak";
                                    ref: string;
                                    remote: string;
                                } | {
                                    channel: string;
                                    classic: boolean;
                                    /** @enum {string} */
                                    kind: "snap";
                                    name: string;
                                } | {
                                    format: "deb" | "rpm" | "appimage" | "pkg" | "msi" | "msix" | "ipa" | "apk";
                                    identifier: string;
                                    /** @enum {string} */
                                    kind: "package";
                                    sha256: string;
                                    size: number;
                                    url: string;
                                    version: string;
                                };
                                version: string;
                            }[];
                            remove: {
                                hash: string;
                                id: string;
                                name: string;
                                source: {
                                    /** @enum {string} */
                                    kind: "apt";
                                    package: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "dnf";
                                    package: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "flatpak";
                                    ref: string;
                                    remote: string;
                                } | {
                                    channel: string;
                                    classic: boolean;
                                    /** @enum {string} */
                                    kind: "snap";
                                    name: string;
                                } | {
                                    format: "deb" | "rpm" | "appimage" | "pkg" | "msi" | "msix" | "ipa" | "apk";
                                    identifier: string;
                                    /** @enum {string} */
                                    kind: "package";
                                    sha256: string;
                                    size: number;
                                    url: string;
                                    version: string;
                                };
                            }[];
                        };
                        checkInIntervalSeconds: number;
                        commands: {
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            payload: {
                                [key: string]: unknown;
                            };
                            signature: string;
                            type: "sync" | "refreshInventory" | "lock" | "restart" | "runScript" | "retire";
                        }[];
                        configuration?: {
                            install: {
                                hash: string;
                                id: string;
                                kind: string;
                                name: string;
                                payload: {
                                    [key: string]: unknown;
                                };
                            }[];
                            remove: string[];
                        };
                        noisePush?: {
                            /** Format: date-time */
                            expiresAt: string;
                            psk: string;
                            ticket: string;
                            url: string;
                        };
                        renewCertificate: boolean;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_CERTIFICATE_EXPIRED, DEVICE_CERTIFICATE_INVALID, DEVICE_CERTIFICATE_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_RETIRED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description COMMAND_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    agentEnroll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    csrPem: string;
                    device: {
                        hardwareId: string;
                        manufacturer?: string;
                        model?: string;
                        name: string;
                        osVersion: string;
                        platform: "linux" | "macos" | "windows";
                        serialNumber?: string;
                    };
                    enrollmentToken: string;
                    /** @enum {number} */
                    protocolVersion: 1;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        certificatePem: string;
                        chainPem: string;
                        checkInIntervalSeconds: number;
                        commandSigningKeyPem: string;
                        deviceId: string;
                        rootCertificatePem: string;
                        /** Format: date-time */
                        serverTime: string;
                    };
                };
            };
            /** @description CSR_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ENROLLMENT_TOKEN_EXPIRED, ENROLLMENT_TOKEN_INVALID, ENROLLMENT_TOKEN_REVOKED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ENROLLMENT_OS_TOO_OLD, ENROLLMENT_PERSONAL_NOT_ALLOWED, ENROLLMENT_PLATFORM_NOT_ALLOWED, ENROLLMENT_TOKEN_EXHAUSTED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ENROLLMENT_DEVICE_LIMIT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    agentRenew: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    csrPem: string;
                    /** @enum {number} */
                    protocolVersion: 1;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        certificatePem: string;
                        chainPem: string;
                    };
                };
            };
            /** @description CSR_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_CERTIFICATE_EXPIRED, DEVICE_CERTIFICATE_INVALID, DEVICE_CERTIFICATE_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_RETIRED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAdmins: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            roles: {
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                /**
                                 * @description globalAdmin, policyManager, helpDeskOperator or readOnlyAuditor.
                                 * @enum {string}
                                 */
                                role: "globalAdmin" | "policyManager" | "helpDeskOperator" | "readOnlyAuditor";
                                scopeGroupIds: string[] | null;
                                userId: string;
                            }[];
                            user: {
                                attributes: {
                                    [key: string]: string;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                department: string | null;
                                disabled: boolean;
                                displayName: string;
                                email: string;
                                employeeId: string | null;
                                givenName: string | null;
                                id: string;
                                jobTitle: string | null;
                                surname: string | null;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createAdmin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName?: string;
                    /** @description An existing directory user, or a new one. */
                    email: string;
                    /** @description Omit to have Ward generate one, returned once. */
                    password?: string;
                    /**
                     * @description globalAdmin, policyManager, helpDeskOperator or readOnlyAuditor.
                     * @enum {string}
                     */
                    role: "globalAdmin" | "policyManager" | "helpDeskOperator" | "readOnlyAuditor";
                    scopeGroupIds?: string[] | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        assignment: {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            /**
                             * @description globalAdmin, policyManager, helpDeskOperator or readOnlyAuditor.
                             * @enum {string}
                             */
                            role: "globalAdmin" | "policyManager" | "helpDeskOperator" | "readOnlyAuditor";
                            scopeGroupIds: string[] | null;
                            userId: string;
                        };
                        generatedPassword: string | null;
                        user: {
                            attributes: {
                                [key: string]: string;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            department: string | null;
                            disabled: boolean;
                            displayName: string;
                            email: string;
                            employeeId: string | null;
                            givenName: string | null;
                            id: string;
                            jobTitle: string | null;
                            surname: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description GROUP_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description USER_EMAIL_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    assignRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description globalAdmin, policyManager, helpDeskOperator or readOnlyAuditor.
                     * @enum {string}
                     */
                    role: "globalAdmin" | "policyManager" | "helpDeskOperator" | "readOnlyAuditor";
                    scopeGroupIds?: string[] | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        id: string;
                        /**
                         * @description globalAdmin, policyManager, helpDeskOperator or readOnlyAuditor.
                         * @enum {string}
                         */
                        role: "globalAdmin" | "policyManager" | "helpDeskOperator" | "readOnlyAuditor";
                        scopeGroupIds: string[] | null;
                        userId: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description GROUP_NOT_FOUND, USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeRoleAssignment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                assignmentId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ROLE_ASSIGNMENT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description LAST_GLOBAL_ADMIN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAppConfigurationPolicies: {
        parameters: {
            query?: {
                /** @description Policies that target this app. */
                appIdentifier?: string;
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc" | "desc";
                /** @description Case-insensitive part of the name. */
                q?: string;
                /** @description Field to sort by. */
                sort?: "name" | "createdAt" | "updatedAt";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            /** @description SHA-256 of the settings and targets as written (before user variables are filled in). */
                            hash: string;
                            id: string;
                            name: string;
                            /** @description Up to 200 keys, each a text value of at most 4096 characters; values may use {{user.email}}, {{user.displayName}} and the other user variables. */
                            settings: {
                                [key: string]: string;
                            };
                            targets: {
                                /** @description 1 to 100 app identifiers; they count as managed apps for clipboard and sharing. */
                                apps: string[];
                                users: {
                                    /** @description User group ids never reached, whatever includes them. */
                                    exclude?: string[];
                                    /** @description "allUsers", or user group ids. */
                                    include: "allUsers" | string[];
                                };
                            };
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                            version: number;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, INVALID_FILTER, INVALID_SORT, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createAppConfigurationPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description At most 2000 characters. */
                    description?: string;
                    /** @description Unique within the tenant, compared case-insensitively; at most 128 characters. */
                    name: string;
                    /** @description Up to 200 keys, each a text value of at most 4096 characters; values may use {{user.email}}, {{user.displayName}} and the other user variables. */
                    settings: {
                        [key: string]: string;
                    };
                    targets: {
                        /** @description 1 to 100 app identifiers; they count as managed apps for clipboard and sharing. */
                        apps: string[];
                        users: {
                            /** @description User group ids never reached, whatever includes them. */
                            exclude?: string[];
                            /** @description "allUsers", or user group ids. */
                            include: "allUsers" | string[];
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        /** @description SHA-256 of the settings and targets as written (before user variables are filled in). */
                        hash: string;
                        id: string;
                        name: string;
                        /** @description Up to 200 keys, each a text value of at most 4096 characters; values may use {{user.email}}, {{user.displayName}} and the other user variables. */
                        settings: {
                            [key: string]: string;
                        };
                        targets: {
                            /** @description 1 to 100 app identifiers; they count as managed apps for clipboard and sharing. */
                            apps: string[];
                            users: {
                                /** @description User group ids never reached, whatever includes them. */
                                exclude?: string[];
                                /** @description "allUsers", or user group ids. */
                                include: "allUsers" | string[];
                            };
                        };
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description APP_CONFIGURATION_POLICY_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_CONFIGURATION_POLICY_NAME_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAppConfigurationPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        /** @description SHA-256 of the settings and targets as written (before user variables are filled in). */
                        hash: string;
                        id: string;
                        name: string;
                        /** @description Up to 200 keys, each a text value of at most 4096 characters; values may use {{user.email}}, {{user.displayName}} and the other user variables. */
                        settings: {
                            [key: string]: string;
                        };
                        targets: {
                            /** @description 1 to 100 app identifiers; they count as managed apps for clipboard and sharing. */
                            apps: string[];
                            users: {
                                /** @description User group ids never reached, whatever includes them. */
                                exclude?: string[];
                                /** @description "allUsers", or user group ids. */
                                include: "allUsers" | string[];
                            };
                        };
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_CONFIGURATION_POLICY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAppConfigurationPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_CONFIGURATION_POLICY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateAppConfigurationPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description At most 2000 characters. */
                    description?: string;
                    /** @description The version you edited; another stored version is APP_CONFIGURATION_POLICY_VERSION_CONFLICT. */
                    expectedVersion?: number;
                    /** @description Unique within the tenant, compared case-insensitively; at most 128 characters. */
                    name?: string;
                    /** @description Up to 200 keys, each a text value of at most 4096 characters; values may use {{user.email}}, {{user.displayName}} and the other user variables. */
                    settings?: {
                        [key: string]: string;
                    };
                    targets?: {
                        /** @description 1 to 100 app identifiers; they count as managed apps for clipboard and sharing. */
                        apps: string[];
                        users: {
                            /** @description User group ids never reached, whatever includes them. */
                            exclude?: string[];
                            /** @description "allUsers", or user group ids. */
                            include: "allUsers" | string[];
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        /** @description SHA-256 of the settings and targets as written (before user variables are filled in). */
                        hash: string;
                        id: string;
                        name: string;
                        /** @description Up to 200 keys, each a text value of at most 4096 characters; values may use {{user.email}}, {{user.displayName}} and the other user variables. */
                        settings: {
                            [key: string]: string;
                        };
                        targets: {
                            /** @description 1 to 100 app identifiers; they count as managed apps for clipboard and sharing. */
                            apps: string[];
                            users: {
                                /** @description User group ids never reached, whatever includes them. */
                                exclude?: string[];
                                /** @description "allUsers", or user group ids. */
                                include: "allUsers" | string[];
                            };
                        };
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description APP_CONFIGURATION_POLICY_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_CONFIGURATION_POLICY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_CONFIGURATION_POLICY_NAME_TAKEN, APP_CONFIGURATION_POLICY_VERSION_CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    searchAppInventory: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc";
                /** @description Case-insensitive part of the name. */
                q?: string;
                /** @description Field to sort by. */
                sort?: "name";
                /** @description Exactly this version. */
                version?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            deviceCount: number;
                            name: string;
                            version: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, INVALID_FILTER, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAppInventoryDevices: {
        parameters: {
            query: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                /** @description Exactly this name (as `GET /app-inventory` lists it). */
                name: string;
                order?: "asc";
                /** @description Field to sort by. */
                sort?: "deviceId";
                /** @description Exactly this version. */
                version?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            deviceId: string;
                            deviceName: string;
                            /** @enum {string} */
                            platform: "linux" | "macos" | "windows" | "ios" | "ipados" | "android";
                            /** @description Where the device says the software came from (dpkg, rpm, flatpak, msi, app store, …). */
                            source: string;
                            version: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, INVALID_FILTER, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAppProtectionPolicies: {
        parameters: {
            query?: {
                /** @description Policies that target this app. */
                appIdentifier?: string;
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc" | "desc";
                /** @description Case-insensitive part of the name. */
                q?: string;
                /** @description Field to sort by. */
                sort?: "name" | "createdAt" | "updatedAt";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            /** @description The `policyVersion` SDK apps see: SHA-256 of what they receive. Apps that report another one have not applied this policy yet. */
                            hash: string;
                            id: string;
                            name: string;
                            settings: {
                                /** @enum {string} */
                                clipboard: "allApps" | "managedApps" | "managedAppsWithPasteIn" | "blocked";
                                conditionalLaunch: {
                                    /** @enum {string} */
                                    jailbroken: "block" | "warn" | "wipe";
                                    /** @enum {string} */
                                    maxPinRetries: "block" | "wipe";
                                    minAppVersion: string | null;
                                    minSdkVersion: string | null;
                                };
                                encryptData: boolean;
                                offline: {
                                    /** @description 1 to 10080 minutes without a check-in, then the app refuses to unlock until one succeeds. */
                                    accessCheckAfterMinutes: number;
                                    /** @description 1 to 90 days without a check-in, then the app wipes its corporate data. */
                                    wipeAfterDays: number;
                                };
                                pin: {
                                    biometricAllowed: boolean;
                                    /** @description 1 to 20. */
                                    maxRetries: number;
                                    /** @description 4 to 16. */
                                    minLength: number;
                                    /** @description 0 to 1440; 0 asks at every launch. */
                                    recheckAfterMinutes: number;
                                    required: boolean;
                                    /** @enum {string} */
                                    type: "numeric" | "passcode";
                                };
                                printBlocked: boolean;
                                saveAsBlocked: boolean;
                                screenCaptureBlocked: boolean;
                                shareToUnmanagedBlocked: boolean;
                            };
                            targets: {
                                /** @description 1 to 100 app identifiers; they count as managed apps for clipboard and sharing. */
                                apps: string[];
                                users: {
                                    /** @description User group ids never reached, whatever includes them. */
                                    exclude?: string[];
                                    /** @description "allUsers", or user group ids. */
                                    include: "allUsers" | string[];
                                };
                            };
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                            version: number;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, INVALID_FILTER, INVALID_SORT, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createAppProtectionPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description At most 2000 characters. */
                    description?: string;
                    /** @description Unique within the tenant, compared case-insensitively; at most 128 characters. */
                    name: string;
                    /** @description Protection settings; those left out take the default (on create) or keep their value (on update), at every depth. */
                    settings?: {
                        /** @enum {string} */
                        clipboard?: "allApps" | "managedApps" | "managedAppsWithPasteIn" | "blocked";
                        conditionalLaunch?: {
                            /** @enum {string} */
                            jailbroken?: "block" | "warn" | "wipe";
                            /** @enum {string} */
                            maxPinRetries?: "block" | "wipe";
                            minAppVersion?: string | null;
                            minSdkVersion?: string | null;
                        };
                        encryptData?: boolean;
                        offline?: {
                            /** @description 1 to 10080 minutes without a check-in, then the app refuses to unlock until one succeeds. */
                            accessCheckAfterMinutes?: number;
                            /** @description 1 to 90 days without a check-in, then the app wipes its corporate data. */
                            wipeAfterDays?: number;
                        };
                        pin?: {
                            biometricAllowed?: boolean;
                            /** @description 1 to 20. */
                            maxRetries?: number;
                            /** @description 4 to 16. */
                            minLength?: number;
                            /** @description 0 to 1440; 0 asks at every launch. */
                            recheckAfterMinutes?: number;
                            required?: boolean;
                            /** @enum {string} */
                            type?: "numeric" | "passcode";
                        };
                        printBlocked?: boolean;
                        saveAsBlocked?: boolean;
                        screenCaptureBlocked?: boolean;
                        shareToUnmanagedBlocked?: boolean;
                    };
                    targets: {
                        /** @description 1 to 100 app identifiers; they count as managed apps for clipboard and sharing. */
                        apps: string[];
                        users: {
                            /** @description User group ids never reached, whatever includes them. */
                            exclude?: string[];
                            /** @description "allUsers", or user group ids. */
                            include: "allUsers" | string[];
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        /** @description The `policyVersion` SDK apps see: SHA-256 of what they receive. Apps that report another one have not applied this policy yet. */
                        hash: string;
                        id: string;
                        name: string;
                        settings: {
                            /** @enum {string} */
                            clipboard: "allApps" | "managedApps" | "managedAppsWithPasteIn" | "blocked";
                            conditionalLaunch: {
                                /** @enum {string} */
                                jailbroken: "block" | "warn" | "wipe";
                                /** @enum {string} */
                                maxPinRetries: "block" | "wipe";
                                minAppVersion: string | null;
                                minSdkVersion: string | null;
                            };
                            encryptData: boolean;
                            offline: {
                                /** @description 1 to 10080 minutes without a check-in, then the app refuses to unlock until one succeeds. */
                                accessCheckAfterMinutes: number;
                                /** @description 1 to 90 days without a check-in, then the app wipes its corporate data. */
                                wipeAfterDays: number;
                            };
                            pin: {
                                biometricAllowed: boolean;
                                /** @description 1 to 20. */
                                maxRetries: number;
                                /** @description 4 to 16. */
                                minLength: number;
                                /** @description 0 to 1440; 0 asks at every launch. */
                                recheckAfterMinutes: number;
                                required: boolean;
                                /** @enum {string} */
                                type: "numeric" | "passcode";
                            };
                            printBlocked: boolean;
                            saveAsBlocked: boolean;
                            screenCaptureBlocked: boolean;
                            shareToUnmanagedBlocked: boolean;
                        };
                        targets: {
                            /** @description 1 to 100 app identifiers; they count as managed apps for clipboard and sharing. */
                            apps: string[];
                            users: {
                                /** @description User group ids never reached, whatever includes them. */
                                exclude?: string[];
                                /** @description "allUsers", or user group ids. */
                                include: "allUsers" | string[];
                            };
                        };
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description APP_PROTECTION_POLICY_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_PROTECTION_POLICY_NAME_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAppProtectionPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        /** @description The `policyVersion` SDK apps see: SHA-256 of what they receive. Apps that report another one have not applied this policy yet. */
                        hash: string;
                        id: string;
                        name: string;
                        settings: {
                            /** @enum {string} */
                            clipboard: "allApps" | "managedApps" | "managedAppsWithPasteIn" | "blocked";
                            conditionalLaunch: {
                                /** @enum {string} */
                                jailbroken: "block" | "warn" | "wipe";
                                /** @enum {string} */
                                maxPinRetries: "block" | "wipe";
                                minAppVersion: string | null;
                                minSdkVersion: string | null;
                            };
                            encryptData: boolean;
                            offline: {
                                /** @description 1 to 10080 minutes without a check-in, then the app refuses to unlock until one succeeds. */
                                accessCheckAfterMinutes: number;
                                /** @description 1 to 90 days without a check-in, then the app wipes its corporate data. */
                                wipeAfterDays: number;
                            };
                            pin: {
                                biometricAllowed: boolean;
                                /** @description 1 to 20. */
                                maxRetries: number;
                                /** @description 4 to 16. */
                                minLength: number;
                                /** @description 0 to 1440; 0 asks at every launch. */
                                recheckAfterMinutes: number;
                                required: boolean;
                                /** @enum {string} */
                                type: "numeric" | "passcode";
                            };
                            printBlocked: boolean;
                            saveAsBlocked: boolean;
                            screenCaptureBlocked: boolean;
                            shareToUnmanagedBlocked: boolean;
                        };
                        targets: {
                            /** @description 1 to 100 app identifiers; they count as managed apps for clipboard and sharing. */
                            apps: string[];
                            users: {
                                /** @description User group ids never reached, whatever includes them. */
                                exclude?: string[];
                                /** @description "allUsers", or user group ids. */
                                include: "allUsers" | string[];
                            };
                        };
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_PROTECTION_POLICY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAppProtectionPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_PROTECTION_POLICY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateAppProtectionPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description At most 2000 characters. */
                    description?: string;
                    /** @description The version you edited; another stored version is APP_PROTECTION_POLICY_VERSION_CONFLICT. */
                    expectedVersion?: number;
                    /** @description Unique within the tenant, compared case-insensitively; at most 128 characters. */
                    name?: string;
                    /** @description Protection settings; those left out take the default (on create) or keep their value (on update), at every depth. */
                    settings?: {
                        /** @enum {string} */
                        clipboard?: "allApps" | "managedApps" | "managedAppsWithPasteIn" | "blocked";
                        conditionalLaunch?: {
                            /** @enum {string} */
                            jailbroken?: "block" | "warn" | "wipe";
                            /** @enum {string} */
                            maxPinRetries?: "block" | "wipe";
                            minAppVersion?: string | null;
                            minSdkVersion?: string | null;
                        };
                        encryptData?: boolean;
                        offline?: {
                            /** @description 1 to 10080 minutes without a check-in, then the app refuses to unlock until one succeeds. */
                            accessCheckAfterMinutes?: number;
                            /** @description 1 to 90 days without a check-in, then the app wipes its corporate data. */
                            wipeAfterDays?: number;
                        };
                        pin?: {
                            biometricAllowed?: boolean;
                            /** @description 1 to 20. */
                            maxRetries?: number;
                            /** @description 4 to 16. */
                            minLength?: number;
                            /** @description 0 to 1440; 0 asks at every launch. */
                            recheckAfterMinutes?: number;
                            required?: boolean;
                            /** @enum {string} */
                            type?: "numeric" | "passcode";
                        };
                        printBlocked?: boolean;
                        saveAsBlocked?: boolean;
                        screenCaptureBlocked?: boolean;
                        shareToUnmanagedBlocked?: boolean;
                    };
                    targets?: {
                        /** @description 1 to 100 app identifiers; they count as managed apps for clipboard and sharing. */
                        apps: string[];
                        users: {
                            /** @description User group ids never reached, whatever includes them. */
                            exclude?: string[];
                            /** @description "allUsers", or user group ids. */
                            include: "allUsers" | string[];
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        /** @description The `policyVersion` SDK apps see: SHA-256 of what they receive. Apps that report another one have not applied this policy yet. */
                        hash: string;
                        id: string;
                        name: string;
                        settings: {
                            /** @enum {string} */
                            clipboard: "allApps" | "managedApps" | "managedAppsWithPasteIn" | "blocked";
                            conditionalLaunch: {
                                /** @enum {string} */
                                jailbroken: "block" | "warn" | "wipe";
                                /** @enum {string} */
                                maxPinRetries: "block" | "wipe";
                                minAppVersion: string | null;
                                minSdkVersion: string | null;
                            };
                            encryptData: boolean;
                            offline: {
                                /** @description 1 to 10080 minutes without a check-in, then the app refuses to unlock until one succeeds. */
                                accessCheckAfterMinutes: number;
                                /** @description 1 to 90 days without a check-in, then the app wipes its corporate data. */
                                wipeAfterDays: number;
                            };
                            pin: {
                                biometricAllowed: boolean;
                                /** @description 1 to 20. */
                                maxRetries: number;
                                /** @description 4 to 16. */
                                minLength: number;
                                /** @description 0 to 1440; 0 asks at every launch. */
                                recheckAfterMinutes: number;
                                required: boolean;
                                /** @enum {string} */
                                type: "numeric" | "passcode";
                            };
                            printBlocked: boolean;
                            saveAsBlocked: boolean;
                            screenCaptureBlocked: boolean;
                            shareToUnmanagedBlocked: boolean;
                        };
                        targets: {
                            /** @description 1 to 100 app identifiers; they count as managed apps for clipboard and sharing. */
                            apps: string[];
                            users: {
                                /** @description User group ids never reached, whatever includes them. */
                                exclude?: string[];
                                /** @description "allUsers", or user group ids. */
                                include: "allUsers" | string[];
                            };
                        };
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description APP_PROTECTION_POLICY_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_PROTECTION_POLICY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_PROTECTION_POLICY_NAME_TAKEN, APP_PROTECTION_POLICY_VERSION_CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAppRegistrations: {
        parameters: {
            query?: {
                appIdentifier?: string;
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                deviceTag?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "desc" | "asc";
                /** @description Field to sort by. */
                sort?: "createdAt";
                state?: "active" | "wipePending" | "wiped";
                /** @description Registrations of this user. */
                userId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            appIdentifier: string;
                            appVersion: string;
                            clientId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            deviceId: string | null;
                            deviceName: string | null;
                            /** @description The random tag of the installation (one browser profile or machine); it names no hardware. */
                            deviceTag: string;
                            id: string;
                            lastCheckInAt: string | null;
                            lastUsedAt: string | null;
                            osName: string | null;
                            osVersion: string | null;
                            /** @enum {string} */
                            platform: "web" | "electron" | "node";
                            /** @description A P-256 public key as a JWK; private members are refused. */
                            publicKey: {
                                /** @enum {string} */
                                crv: "P-256";
                                /** @enum {string} */
                                kty: "EC";
                                /** @description The x coordinate, 32 bytes base64url. */
                                x: string;
                                /** @description The y coordinate, 32 bytes base64url. */
                                y: string;
                            };
                            reported: {
                                configurationVersion: string | null;
                                encrypted: boolean | null;
                                flagged: ("jailbroken" | "appVersionTooLow" | "sdkVersionTooLow" | "pinRetriesExceeded" | "offlineTooLong")[];
                                jailbroken: boolean | null;
                                pinSet: boolean | null;
                                policyVersion: string | null;
                            };
                            sdkVersion: string;
                            /** @description The highest check-in sequence accepted. */
                            sequence: number;
                            /**
                             * @description active; wipePending (the key share is withheld until the app confirms); wiped (never revived).
                             * @enum {string}
                             */
                            state: "active" | "wipePending" | "wiped";
                            /** Format: date-time */
                            updatedAt: string;
                            userId: string;
                            wipe: {
                                confirmedAt: string | null;
                                error: string | null;
                                id: string;
                                outcome: ("succeeded" | "failed" | "superseded") | null;
                                /** Format: date-time */
                                requestedAt: string;
                                requestedBy: string;
                                /**
                                 * @description registration: this app's corporate data; user: everything of the corporate identity in the app.
                                 * @enum {string}
                                 */
                                scope: "registration" | "user";
                            } | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, INVALID_FILTER, INVALID_SORT, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAppRegistration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        appIdentifier: string;
                        appVersion: string;
                        clientId: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        deviceId: string | null;
                        deviceName: string | null;
                        /** @description The random tag of the installation (one browser profile or machine); it names no hardware. */
                        deviceTag: string;
                        id: string;
                        lastCheckInAt: string | null;
                        lastUsedAt: string | null;
                        osName: string | null;
                        osVersion: string | null;
                        /** @enum {string} */
                        platform: "web" | "electron" | "node";
                        /** @description A P-256 public key as a JWK; private members are refused. */
                        publicKey: {
                            /** @enum {string} */
                            crv: "P-256";
                            /** @enum {string} */
                            kty: "EC";
                            /** @description The x coordinate, 32 bytes base64url. */
                            x: string;
                            /** @description The y coordinate, 32 bytes base64url. */
                            y: string;
                        };
                        reported: {
                            configurationVersion: string | null;
                            encrypted: boolean | null;
                            flagged: ("jailbroken" | "appVersionTooLow" | "sdkVersionTooLow" | "pinRetriesExceeded" | "offlineTooLong")[];
                            jailbroken: boolean | null;
                            pinSet: boolean | null;
                            policyVersion: string | null;
                        };
                        sdkVersion: string;
                        /** @description The highest check-in sequence accepted. */
                        sequence: number;
                        /**
                         * @description active; wipePending (the key share is withheld until the app confirms); wiped (never revived).
                         * @enum {string}
                         */
                        state: "active" | "wipePending" | "wiped";
                        /** Format: date-time */
                        updatedAt: string;
                        userId: string;
                        wipe: {
                            confirmedAt: string | null;
                            error: string | null;
                            id: string;
                            outcome: ("succeeded" | "failed" | "superseded") | null;
                            /** Format: date-time */
                            requestedAt: string;
                            requestedBy: string;
                            /**
                             * @description registration: this app's corporate data; user: everything of the corporate identity in the app.
                             * @enum {string}
                             */
                            scope: "registration" | "user";
                        } | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_REGISTRATION_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    wipeAppRegistration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        appIdentifier: string;
                        appVersion: string;
                        clientId: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        deviceId: string | null;
                        deviceName: string | null;
                        /** @description The random tag of the installation (one browser profile or machine); it names no hardware. */
                        deviceTag: string;
                        id: string;
                        lastCheckInAt: string | null;
                        lastUsedAt: string | null;
                        osName: string | null;
                        osVersion: string | null;
                        /** @enum {string} */
                        platform: "web" | "electron" | "node";
                        /** @description A P-256 public key as a JWK; private members are refused. */
                        publicKey: {
                            /** @enum {string} */
                            crv: "P-256";
                            /** @enum {string} */
                            kty: "EC";
                            /** @description The x coordinate, 32 bytes base64url. */
                            x: string;
                            /** @description The y coordinate, 32 bytes base64url. */
                            y: string;
                        };
                        reported: {
                            configurationVersion: string | null;
                            encrypted: boolean | null;
                            flagged: ("jailbroken" | "appVersionTooLow" | "sdkVersionTooLow" | "pinRetriesExceeded" | "offlineTooLong")[];
                            jailbroken: boolean | null;
                            pinSet: boolean | null;
                            policyVersion: string | null;
                        };
                        sdkVersion: string;
                        /** @description The highest check-in sequence accepted. */
                        sequence: number;
                        /**
                         * @description active; wipePending (the key share is withheld until the app confirms); wiped (never revived).
                         * @enum {string}
                         */
                        state: "active" | "wipePending" | "wiped";
                        /** Format: date-time */
                        updatedAt: string;
                        userId: string;
                        wipe: {
                            confirmedAt: string | null;
                            error: string | null;
                            id: string;
                            outcome: ("succeeded" | "failed" | "superseded") | null;
                            /** Format: date-time */
                            requestedAt: string;
                            requestedBy: string;
                            /**
                             * @description registration: this app's corporate data; user: everything of the corporate identity in the app.
                             * @enum {string}
                             */
                            scope: "registration" | "user";
                        } | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_REGISTRATION_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_REGISTRATION_WIPED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAppUsageReport: {
        parameters: {
            query?: {
                /** @description One app; all SDK apps when left out. */
                appIdentifier?: string;
                /** @description First UTC day (YYYY-MM-DD); 29 days before `to` by default. */
                from?: string;
                /** @description Last UTC day (YYYY-MM-DD); today by default. At most 366 days in all. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        apps: {
                            appIdentifier: string;
                            /** @description Days with use, oldest first; days without are left out. */
                            days: {
                                /** @description Distinct users who used the app that day. */
                                activeUsers: number;
                                day: string;
                                lastUsedAt: string | null;
                                launches: number;
                            }[];
                            lastUsedAt: string | null;
                            launches: number;
                        }[];
                        from: string;
                        to: string;
                    };
                };
            };
            /** @description INVALID_FILTER, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getPushCertificateStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: {
                            /** @description Whole days until notAfter; negative once expired. */
                            daysLeft: number;
                            /** @description Apple refuses it: devices can no longer be woken. */
                            expired: boolean;
                            /** @description Expires within 30 days: renew it with the same Apple ID so the topic stays. */
                            expiresSoon: boolean;
                            /** Format: date-time */
                            notAfter: string;
                            /** Format: date-time */
                            notBefore: string;
                            /** @description Hex, as the certificate carries it. */
                            serialNumber: string;
                            /** @description The subject for display, attributes in the certificate's order. */
                            subject: string;
                            /** @description The APNs topic from the certificate's subject UID (`com.apple.mgmt.External.<uuid>`); devices enroll with it. */
                            topic: string;
                            /** Format: date-time */
                            uploadedAt: string;
                        } | null;
                        pending: {
                            /** @description PKCS#10, PEM. Not secret: the key stays in Ward. */
                            csrPem: string;
                            /** Format: date-time */
                            requestedAt: string;
                        } | null;
                        /**
                         * @description notConfigured: nothing yet; pending: a CSR waits for Apple and none is active; active; expired: devices can no longer be woken. A pending request beside an active certificate is a renewal.
                         * @enum {string}
                         */
                        state: "notConfigured" | "pending" | "active" | "expired";
                    };
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadPushCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The certificate Apple issued: PEM text, or DER in base64. */
                    certificate: string;
                };
                "application/x-pem-file": string;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: {
                            /** @description Whole days until notAfter; negative once expired. */
                            daysLeft: number;
                            /** @description Apple refuses it: devices can no longer be woken. */
                            expired: boolean;
                            /** @description Expires within 30 days: renew it with the same Apple ID so the topic stays. */
                            expiresSoon: boolean;
                            /** Format: date-time */
                            notAfter: string;
                            /** Format: date-time */
                            notBefore: string;
                            /** @description Hex, as the certificate carries it. */
                            serialNumber: string;
                            /** @description The subject for display, attributes in the certificate's order. */
                            subject: string;
                            /** @description The APNs topic from the certificate's subject UID (`com.apple.mgmt.External.<uuid>`); devices enroll with it. */
                            topic: string;
                            /** Format: date-time */
                            uploadedAt: string;
                        } | null;
                        pending: {
                            /** @description PKCS#10, PEM. Not secret: the key stays in Ward. */
                            csrPem: string;
                            /** Format: date-time */
                            requestedAt: string;
                        } | null;
                        /**
                         * @description notConfigured: nothing yet; pending: a CSR waits for Apple and none is active; active; expired: devices can no longer be woken. A pending request beside an active certificate is a renewal.
                         * @enum {string}
                         */
                        state: "notConfigured" | "pending" | "active" | "expired";
                    };
                };
            };
            /** @description PUSH_CERTIFICATE_EXPIRED, PUSH_CERTIFICATE_INVALID, PUSH_CERTIFICATE_KEY_MISMATCH, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PUSH_CERTIFICATE_REQUEST_NOT_FOUND, PUSH_CERTIFICATE_TOPIC_MISMATCH */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createPushCertificateRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description PKCS#10, PEM, over a fresh RSA-2048 key that never leaves Ward. Have it signed by an MDM vendor, then upload it to Apple. */
                        csrPem: string;
                        /** @description A certificate is active: it keeps working until the renewal is uploaded. */
                        renewing: boolean;
                        /** Format: date-time */
                        requestedAt: string;
                    };
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    downloadPushCertificateRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-pem-file": string;
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PUSH_CERTIFICATE_REQUEST_NOT_FOUND */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listApps: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                kind?: "appStore" | "microsoftStore" | "flathub" | "snap" | "repository" | "web" | "lineOfBusiness";
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc" | "desc";
                /** @description Apps meant for this platform. */
                platform?: "linux" | "macos" | "windows" | "ios" | "ipados" | "android";
                /** @description Case-insensitive part of the name, publisher or identifier. */
                q?: string;
                /** @description Field to sort by. */
                sort?: "name" | "createdAt" | "updatedAt";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: ({
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: {
                                appStoreId: string;
                            };
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "appStore";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: Record<string, never>;
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "microsoftStore";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: {
                                remote: string;
                            };
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "flathub";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: {
                                channel: string;
                                classic: boolean;
                            };
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "snap";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: {
                                packageManagers: ("apt" | "dnf")[];
                            };
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "repository";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: {
                                url: string;
                            };
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "web";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: Record<string, never>;
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "lineOfBusiness";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        })[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, INVALID_FILTER, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createApp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string;
                    /** @description By kind: appStore `{ appStoreId }`; flathub `{ remote }` (default flathub); snap `{ channel, classic }` (default stable, false); repository `{ packageManagers }` (apt, dnf; default both); web `{ url }`; microsoftStore and lineOfBusiness `{}`. */
                    details?: unknown;
                    icon?: string | null;
                    /** @description For lineOfBusiness, the identifier inside the packages you will upload (dpkg/rpm name, bundle id, MSI ProductCode, MSIX name). */
                    identifier: string;
                    /** @enum {string} */
                    kind: "appStore" | "microsoftStore" | "flathub" | "snap" | "repository" | "web" | "lineOfBusiness";
                    name: string;
                    /** @description Defaults to every platform the kind can reach. */
                    platforms?: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                    publisher?: string;
                };
            };
        };
        responses: {
            /** @description A catalog app; `details` depends on `kind`. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: {
                            appStoreId: string;
                        };
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "appStore";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: Record<string, never>;
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "microsoftStore";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: {
                            remote: string;
                        };
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "flathub";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: {
                            channel: string;
                            classic: boolean;
                        };
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "snap";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: {
                            packageManagers: ("apt" | "dnf")[];
                        };
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "repository";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: {
                            url: string;
                        };
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "web";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: Record<string, never>;
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "lineOfBusiness";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    };
                };
            };
            /** @description APP_ICON_INVALID, APP_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_IDENTIFIER_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A catalog app; `details` depends on `kind`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: {
                            appStoreId: string;
                        };
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "appStore";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: Record<string, never>;
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "microsoftStore";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: {
                            remote: string;
                        };
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "flathub";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: {
                            channel: string;
                            classic: boolean;
                        };
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "snap";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: {
                            packageManagers: ("apt" | "dnf")[];
                        };
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "repository";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: {
                            url: string;
                        };
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "web";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: Record<string, never>;
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "lineOfBusiness";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string;
                    /** @description By kind: appStore `{ appStoreId }`; flathub `{ remote }` (default flathub); snap `{ channel, classic }` (default stable, false); repository `{ packageManagers }` (apt, dnf; default both); web `{ url }`; microsoftStore and lineOfBusiness `{}`. */
                    details?: unknown;
                    /** @description The version you read; another stored version is APP_VERSION_CONFLICT. */
                    expectedVersion?: number;
                    icon?: string | null;
                    name?: string;
                    platforms?: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                    publisher?: string;
                };
            };
        };
        responses: {
            /** @description A catalog app; `details` depends on `kind`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: {
                            appStoreId: string;
                        };
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "appStore";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: Record<string, never>;
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "microsoftStore";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: {
                            remote: string;
                        };
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "flathub";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: {
                            channel: string;
                            classic: boolean;
                        };
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "snap";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: {
                            packageManagers: ("apt" | "dnf")[];
                        };
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "repository";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: {
                            url: string;
                        };
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "web";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    } | {
                        /** Format: date-time */
                        createdAt: string;
                        currentVersionId: string | null;
                        description: string;
                        details: Record<string, never>;
                        iconSha256: string | null;
                        id: string;
                        /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                        identifier: string;
                        /** @enum {string} */
                        kind: "lineOfBusiness";
                        name: string;
                        /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        publisher: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                        version: number;
                    };
                };
            };
            /** @description APP_ICON_INVALID, APP_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_VERSION_CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_PACKAGE_PLATFORM_MISMATCH */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAppAssignments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            filter: {
                                filterId: string;
                                /**
                                 * @description `include`: only devices the filter matches; `exclude`: only those it does not.
                                 * @enum {string}
                                 */
                                mode: "include" | "exclude";
                            } | null;
                            id: string;
                            /**
                             * @description Profiles and compliance policies are always `required`.
                             * @enum {string}
                             */
                            intent: "required" | "available" | "uninstall" | "availableWithoutEnrollment";
                            /** @description The profile's or compliance policy's id. */
                            itemId: string;
                            /** @enum {string} */
                            itemKind: "profile" | "compliancePolicy" | "app";
                            /**
                             * @description Exclude wins: a device reached by an exclude assignment of an item does not get it.
                             * @enum {string}
                             */
                            mode: "include" | "exclude";
                            /** @description `allUsers`: every device that has a primary user; `allDevices`: every device; a group of users reaches their devices. */
                            target: {
                                groupId: string;
                                /** @enum {string} */
                                type: "group";
                            } | {
                                /** @enum {string} */
                                type: "allUsers";
                            } | {
                                /** @enum {string} */
                                type: "allDevices";
                            };
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createAppAssignment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    filter?: {
                        filterId: string;
                        /**
                         * @description `include`: only devices the filter matches; `exclude`: only those it does not.
                         * @enum {string}
                         */
                        mode: "include" | "exclude";
                    } | null;
                    /**
                     * @description Profiles and compliance policies are always `required`.
                     * @enum {string}
                     */
                    intent?: "required" | "available" | "uninstall" | "availableWithoutEnrollment";
                    /**
                     * @description Exclude wins: a device reached by an exclude assignment of an item does not get it.
                     * @enum {string}
                     */
                    mode?: "include" | "exclude";
                    /** @description `{ "type": "group", "groupId": … }`, `{ "type": "allUsers" }` or `{ "type": "allDevices" }`. One assignment per item and target. */
                    target: {
                        groupId?: string;
                        /** @enum {string} */
                        type: "group" | "allUsers" | "allDevices";
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        filter: {
                            filterId: string;
                            /**
                             * @description `include`: only devices the filter matches; `exclude`: only those it does not.
                             * @enum {string}
                             */
                            mode: "include" | "exclude";
                        } | null;
                        id: string;
                        /**
                         * @description Profiles and compliance policies are always `required`.
                         * @enum {string}
                         */
                        intent: "required" | "available" | "uninstall" | "availableWithoutEnrollment";
                        /** @description The profile's or compliance policy's id. */
                        itemId: string;
                        /** @enum {string} */
                        itemKind: "profile" | "compliancePolicy" | "app";
                        /**
                         * @description Exclude wins: a device reached by an exclude assignment of an item does not get it.
                         * @enum {string}
                         */
                        mode: "include" | "exclude";
                        /** @description `allUsers`: every device that has a primary user; `allDevices`: every device; a group of users reaches their devices. */
                        target: {
                            groupId: string;
                            /** @enum {string} */
                            type: "group";
                        } | {
                            /** @enum {string} */
                            type: "allUsers";
                        } | {
                            /** @enum {string} */
                            type: "allDevices";
                        };
                    };
                };
            };
            /** @description ASSIGNMENT_FILTER_INVALID, ASSIGNMENT_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ASSIGNMENT_FILTER_NOT_FOUND, ASSIGNMENT_GROUP_NOT_FOUND, ASSIGNMENT_ITEM_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ASSIGNMENT_EXISTS */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAppIcon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The icon. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": unknown;
                };
            };
            /** @description The icon is the one named by If-None-Match. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_NOT_FOUND, NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAppInstallStatus: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc";
                /** @description Field to sort by. */
                sort?: "deviceId";
                /** @description Only devices in this status. */
                status?: "pending" | "installed" | "failed" | "notApplicable" | "removing" | "removed";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        appId: string;
                        /** @description Devices by install status. */
                        counts: {
                            failed: number;
                            installed: number;
                            notApplicable: number;
                            pending: number;
                            removed: number;
                            removing: number;
                        };
                        items: {
                            /** @enum {string} */
                            action: "install" | "remove" | "notApplicable";
                            /** Format: date-time */
                            desiredAt: string;
                            deviceId: string;
                            error: string | null;
                            installedVersion: string | null;
                            intent: ("required" | "uninstall") | null;
                            reason: string | null;
                            reportedAt: string | null;
                            /**
                             * @description `pending`: the device has not confirmed the current version; `removing`: a removal was sent and not yet confirmed; `removed`: an uninstall assignment's removal was confirmed.
                             * @enum {string}
                             */
                            status: "pending" | "installed" | "failed" | "notApplicable" | "removing" | "removed";
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, INVALID_FILTER, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAppVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            appId: string;
                            architecture: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            fileName: string;
                            /** @enum {string} */
                            format: "deb" | "rpm" | "appimage" | "pkg" | "msi" | "msix" | "ipa" | "apk";
                            id: string;
                            /** @description The identifier the package declares (always the app's). */
                            identifier: string;
                            minimumOsVersion: string | null;
                            /** @description The name the package declares. */
                            name: string;
                            /** @description SHA-256 of the file, hex: what devices check before installing, and the download's ETag. */
                            sha256: string;
                            sizeBytes: number;
                            supersededAt: string | null;
                            /** @description The version the package declares. */
                            version: string;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadAppVersion: {
        parameters: {
            query: {
                /** @description The file's name, without directories (shown to admins; its extension is the declared format unless `format` is given). */
                fileName: string;
                /** @description The format the file is. A file of another format is refused (APP_PACKAGE_FORMAT_MISMATCH). Default: the file name's extension, else recognised from the bytes. */
                format?: "deb" | "rpm" | "appimage" | "pkg" | "msi" | "msix" | "ipa" | "apk";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description The package file, as it is (.deb, .rpm, .AppImage, .pkg, .msi, .msix, .ipa, .apk). */
        requestBody: {
            content: {
                "application/octet-stream": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A catalog app; `details` depends on `kind`. */
                        app: {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: {
                                appStoreId: string;
                            };
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "appStore";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: Record<string, never>;
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "microsoftStore";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: {
                                remote: string;
                            };
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "flathub";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: {
                                channel: string;
                                classic: boolean;
                            };
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "snap";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: {
                                packageManagers: ("apt" | "dnf")[];
                            };
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "repository";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: {
                                url: string;
                            };
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "web";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: Record<string, never>;
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "lineOfBusiness";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        };
                        version: {
                            appId: string;
                            architecture: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            fileName: string;
                            /** @enum {string} */
                            format: "deb" | "rpm" | "appimage" | "pkg" | "msi" | "msix" | "ipa" | "apk";
                            id: string;
                            /** @description The identifier the package declares (always the app's). */
                            identifier: string;
                            minimumOsVersion: string | null;
                            /** @description The name the package declares. */
                            name: string;
                            /** @description SHA-256 of the file, hex: what devices check before installing, and the download's ETag. */
                            sha256: string;
                            sizeBytes: number;
                            supersededAt: string | null;
                            /** @description The version the package declares. */
                            version: string;
                        };
                    };
                };
            };
            /** @description APP_INVALID, APP_PACKAGE_DIGEST_MISMATCH, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_NOT_LINE_OF_BUSINESS, APP_VERSION_CONFLICT, APP_VERSION_EXISTS */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_PACKAGE_FORMAT_MISMATCH, APP_PACKAGE_IDENTIFIER_MISMATCH, APP_PACKAGE_LIMIT_EXCEEDED, APP_PACKAGE_MALFORMED, APP_PACKAGE_METADATA_MISSING, APP_PACKAGE_PLATFORM_MISMATCH, APP_PACKAGE_TRUNCATED, APP_PACKAGE_UNRECOGNIZED, APP_PACKAGE_UNSUPPORTED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAssignmentFilters: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            id: string;
                            name: string;
                            platform: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android") | null;
                            /** @description An expression over device properties, as in group rules: `device.platform`, `device.ownership`, `device.osVersion`, `device.model`, `device.manufacturer`, `device.name`, `device.enrollmentAgeDays`. Example: `device.ownership == "corporate" and device.osVersion >= "14.0"`. */
                            rule: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createAssignmentFilter: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description At most 2000 characters. */
                    description?: string;
                    /** @description Unique within the tenant, compared case-insensitively; at most 128 characters. */
                    name: string;
                    platform?: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android") | null;
                    /** @description An expression over device properties, as in group rules: `device.platform`, `device.ownership`, `device.osVersion`, `device.model`, `device.manufacturer`, `device.name`, `device.enrollmentAgeDays`. Example: `device.ownership == "corporate" and device.osVersion >= "14.0"`. A rule that does not parse is ASSIGNMENT_FILTER_INVALID with the offset in `details.at`. */
                    rule: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        name: string;
                        platform: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android") | null;
                        /** @description An expression over device properties, as in group rules: `device.platform`, `device.ownership`, `device.osVersion`, `device.model`, `device.manufacturer`, `device.name`, `device.enrollmentAgeDays`. Example: `device.ownership == "corporate" and device.osVersion >= "14.0"`. */
                        rule: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description ASSIGNMENT_FILTER_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ASSIGNMENT_FILTER_NAME_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAssignmentFilter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        name: string;
                        platform: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android") | null;
                        /** @description An expression over device properties, as in group rules: `device.platform`, `device.ownership`, `device.osVersion`, `device.model`, `device.manufacturer`, `device.name`, `device.enrollmentAgeDays`. Example: `device.ownership == "corporate" and device.osVersion >= "14.0"`. */
                        rule: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ASSIGNMENT_FILTER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replaceAssignmentFilter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description At most 2000 characters. */
                    description?: string;
                    /** @description Unique within the tenant, compared case-insensitively; at most 128 characters. */
                    name: string;
                    platform?: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android") | null;
                    /** @description An expression over device properties, as in group rules: `device.platform`, `device.ownership`, `device.osVersion`, `device.model`, `device.manufacturer`, `device.name`, `device.enrollmentAgeDays`. Example: `device.ownership == "corporate" and device.osVersion >= "14.0"`. A rule that does not parse is ASSIGNMENT_FILTER_INVALID with the offset in `details.at`. */
                    rule: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        name: string;
                        platform: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android") | null;
                        /** @description An expression over device properties, as in group rules: `device.platform`, `device.ownership`, `device.osVersion`, `device.model`, `device.manufacturer`, `device.name`, `device.enrollmentAgeDays`. Example: `device.ownership == "corporate" and device.osVersion >= "14.0"`. */
                        rule: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description ASSIGNMENT_FILTER_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ASSIGNMENT_FILTER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ASSIGNMENT_FILTER_NAME_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAssignmentFilter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ASSIGNMENT_FILTER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ASSIGNMENT_FILTER_IN_USE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAssignments: {
        parameters: {
            query: {
                itemId?: string;
                itemKind: "profile" | "compliancePolicy" | "app";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            filter: {
                                filterId: string;
                                /**
                                 * @description `include`: only devices the filter matches; `exclude`: only those it does not.
                                 * @enum {string}
                                 */
                                mode: "include" | "exclude";
                            } | null;
                            id: string;
                            /**
                             * @description Profiles and compliance policies are always `required`.
                             * @enum {string}
                             */
                            intent: "required" | "available" | "uninstall" | "availableWithoutEnrollment";
                            /** @description The profile's or compliance policy's id. */
                            itemId: string;
                            /** @enum {string} */
                            itemKind: "profile" | "compliancePolicy" | "app";
                            /**
                             * @description Exclude wins: a device reached by an exclude assignment of an item does not get it.
                             * @enum {string}
                             */
                            mode: "include" | "exclude";
                            /** @description `allUsers`: every device that has a primary user; `allDevices`: every device; a group of users reaches their devices. */
                            target: {
                                groupId: string;
                                /** @enum {string} */
                                type: "group";
                            } | {
                                /** @enum {string} */
                                type: "allUsers";
                            } | {
                                /** @enum {string} */
                                type: "allDevices";
                            };
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description INVALID_FILTER, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAssignment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ASSIGNMENT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateAssignment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    filter?: {
                        filterId: string;
                        /**
                         * @description `include`: only devices the filter matches; `exclude`: only those it does not.
                         * @enum {string}
                         */
                        mode: "include" | "exclude";
                    } | null;
                    /**
                     * @description Profiles and compliance policies are always `required`.
                     * @enum {string}
                     */
                    intent?: "required" | "available" | "uninstall" | "availableWithoutEnrollment";
                    /**
                     * @description Exclude wins: a device reached by an exclude assignment of an item does not get it.
                     * @enum {string}
                     */
                    mode?: "include" | "exclude";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        filter: {
                            filterId: string;
                            /**
                             * @description `include`: only devices the filter matches; `exclude`: only those it does not.
                             * @enum {string}
                             */
                            mode: "include" | "exclude";
                        } | null;
                        id: string;
                        /**
                         * @description Profiles and compliance policies are always `required`.
                         * @enum {string}
                         */
                        intent: "required" | "available" | "uninstall" | "availableWithoutEnrollment";
                        /** @description The profile's or compliance policy's id. */
                        itemId: string;
                        /** @enum {string} */
                        itemKind: "profile" | "compliancePolicy" | "app";
                        /**
                         * @description Exclude wins: a device reached by an exclude assignment of an item does not get it.
                         * @enum {string}
                         */
                        mode: "include" | "exclude";
                        /** @description `allUsers`: every device that has a primary user; `allDevices`: every device; a group of users reaches their devices. */
                        target: {
                            groupId: string;
                            /** @enum {string} */
                            type: "group";
                        } | {
                            /** @enum {string} */
                            type: "allUsers";
                        } | {
                            /** @enum {string} */
                            type: "allDevices";
                        };
                    };
                };
            };
            /** @description ASSIGNMENT_FILTER_INVALID, ASSIGNMENT_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ASSIGNMENT_FILTER_NOT_FOUND, ASSIGNMENT_GROUP_NOT_FOUND, ASSIGNMENT_ITEM_NOT_FOUND, ASSIGNMENT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                /** @description Exact action, e.g. `user.created`. */
                action?: string;
                actorId?: string;
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Events at or after this instant. */
                from?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "desc";
                /** @description Field to sort by. */
                sort?: "occurredAt";
                targetId?: string;
                targetType?: string;
                /** @description Events before this instant. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description `noun.verb`, e.g. `user.created`. */
                            action: string;
                            actor: {
                                id: string;
                                name: string;
                                type: string;
                            };
                            /** @description The target after the act; null if it no longer exists. */
                            after: unknown;
                            /** @description The target before the act; null if it did not exist. */
                            before: unknown;
                            hash: string;
                            id: string;
                            /** Format: date-time */
                            occurredAt: string;
                            origin: {
                                ip?: string;
                                requestId?: string;
                                userAgent?: string;
                                via: string;
                            };
                            prevHash: string;
                            /** @description Position in the tenant's chain: 1, 2, 3… */
                            seq: number;
                            target: {
                                id: string;
                                type: string;
                            };
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    verifyAuditChain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        brokenAtSeq?: number;
                        /** @description Events checked (up to the break, when there is one). */
                        events: number;
                        headHash?: string;
                        intact: boolean;
                        /** @description hashMismatch, prevHashMismatch, sequenceGap or headMismatch. */
                        reason?: string;
                    };
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSignInOptions: {
        parameters: {
            query?: {
                /** @description Tenant slug; `default` when absent. */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        authorizationEndpoint: string;
                        /** @description The tenant's console client: public, authorization code with PKCE (S256). */
                        clientId: string;
                        endSessionEndpoint: string;
                        issuer: string;
                        redirectUris: {
                            console: string;
                            portal: string;
                        };
                        tokenEndpoint: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TENANT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startIdentityProviderSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expiresAt: string;
                        /** @description The session bearer token, shown this once. */
                        token: string;
                        user: {
                            attributes: {
                                [key: string]: string;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            department: string | null;
                            disabled: boolean;
                            displayName: string;
                            email: string;
                            employeeId: string | null;
                            givenName: string | null;
                            id: string;
                            jobTitle: string | null;
                            surname: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actor: {
                            id: string;
                            name: string;
                            type: string;
                        };
                        grants: {
                            /**
                             * @description globalAdmin, policyManager, helpDeskOperator or readOnlyAuditor.
                             * @enum {string}
                             */
                            role: "globalAdmin" | "policyManager" | "helpDeskOperator" | "readOnlyAuditor";
                            scopeGroupIds: string[] | null;
                        }[];
                        tenantId: string;
                        userId: string | null;
                    };
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                    /** @description Tenant slug; `default` when absent. */
                    tenant?: string;
                    /** @description The authenticator code, when TOTP is enrolled. */
                    totpCode?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expiresAt: string;
                        /** @description The session bearer token, shown this once. */
                        token: string;
                        user: {
                            attributes: {
                                [key: string]: string;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            department: string | null;
                            disabled: boolean;
                            displayName: string;
                            email: string;
                            employeeId: string | null;
                            givenName: string | null;
                            id: string;
                            jobTitle: string | null;
                            surname: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INVALID_CREDENTIALS, INVALID_MFA_CODE, MFA_REQUIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACCOUNT_LOCKED */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    confirmTotpEnrollment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        enabled: true;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INVALID_MFA_CODE, TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOTP_NOT_PENDING */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    beginTotpEnrollment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description `otpauth://` URI, for a QR code. */
                        otpauthUri: string;
                        /** @description Base32 secret, for typing in. */
                        secret: string;
                    };
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOTP_ALREADY_ENABLED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCompliancePolicies: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc" | "desc";
                /** @description Policies for this platform. */
                platform?: "linux" | "macos" | "windows" | "ios" | "ipados" | "android";
                /** @description Case-insensitive part of the name. */
                q?: string;
                /** @description Field to sort by. */
                sort?: "name" | "createdAt" | "updatedAt";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            actions: {
                                /** @description Hours after the device started failing at which the action is due. */
                                afterHours: number;
                                body?: string;
                                extraRecipients?: string[];
                                id: string;
                                /** @enum {string} */
                                kind: "markNoncompliant" | "notifyEmail" | "notifyWebhook" | "lock" | "retire";
                                /** @description Write-only: always null when read. On update, leaving it out (or null) keeps the stored one. */
                                secret?: null;
                                subject?: string;
                                toPrimaryUser?: boolean;
                                url?: string;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            id: string;
                            name: string;
                            /** @description On any other platform the policy is notApplicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            rules: {
                                /** @description checkInWithinDays. */
                                days?: number;
                                /** @description custom: an expression over device facts, e.g. `device.freeStorageBytes > 1000000000`. */
                                expression?: string;
                                /** @description Unique within the policy and stable across edits; reports count failures per rule id. */
                                id: string;
                                /** @enum {string} */
                                kind: "minOsVersion" | "maxOsVersion" | "passcodeRequired" | "passcodeCompliant" | "diskEncrypted" | "firewallOn" | "notJailbroken" | "screenLockWithinSeconds" | "secureBoot" | "checkInWithinDays" | "custom";
                                /** @description custom: the name reports show. */
                                name?: string;
                                remediation: string | null;
                                /** @description screenLockWithinSeconds. */
                                seconds?: number;
                                /** @description minOsVersion, maxOsVersion: dot-separated numbers such as 14.2. */
                                version?: string;
                            }[];
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description A device silent for longer than this is noncompliant whatever its last facts said. */
                            validityDays: number;
                            /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                            version: number;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, INVALID_FILTER, INVALID_SORT, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createCompliancePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Up to 20 actions, shaped as `CompliancePolicy.actions`; a webhook's secret is given as text. Replaces the list whole.
                     * @example [
                     *       {
                     *         "kind": "markNoncompliant",
                     *         "afterHours": 24
                     *       },
                     *       {
                     *         "kind": "notifyEmail",
                     *         "afterHours": 0,
                     *         "toPrimaryUser": true,
                     *         "extraRecipients": [],
                     *         "subject": "Your device needs attention",
                     *         "body": "Hello {{user.displayName}}, …"
                     *       }
                     *     ]
                     */
                    actions?: unknown[];
                    description?: string;
                    /** @description Unique within the tenant, compared case-insensitively; at most 128 characters. */
                    name: string;
                    platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                    /**
                     * @description Up to 100 rules, shaped as `CompliancePolicy.rules`; `id` may be left out (it becomes the kind). Replaces the list whole.
                     * @example [
                     *       {
                     *         "kind": "minOsVersion",
                     *         "version": "14.2"
                     *       },
                     *       {
                     *         "kind": "diskEncrypted"
                     *       },
                     *       {
                     *         "id": "storage",
                     *         "kind": "custom",
                     *         "name": "Free storage",
                     *         "expression": "device.freeStorageBytes > 1000000000"
                     *       }
                     *     ]
                     */
                    rules?: unknown[];
                    /** @description 1 to 365 days; default 30. */
                    validityDays?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actions: {
                            /** @description Hours after the device started failing at which the action is due. */
                            afterHours: number;
                            body?: string;
                            extraRecipients?: string[];
                            id: string;
                            /** @enum {string} */
                            kind: "markNoncompliant" | "notifyEmail" | "notifyWebhook" | "lock" | "retire";
                            /** @description Write-only: always null when read. On update, leaving it out (or null) keeps the stored one. */
                            secret?: null;
                            subject?: string;
                            toPrimaryUser?: boolean;
                            url?: string;
                        }[];
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        name: string;
                        /** @description On any other platform the policy is notApplicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        rules: {
                            /** @description checkInWithinDays. */
                            days?: number;
                            /** @description custom: an expression over device facts, e.g. `device.freeStorageBytes > 1000000000`. */
                            expression?: string;
                            /** @description Unique within the policy and stable across edits; reports count failures per rule id. */
                            id: string;
                            /** @enum {string} */
                            kind: "minOsVersion" | "maxOsVersion" | "passcodeRequired" | "passcodeCompliant" | "diskEncrypted" | "firewallOn" | "notJailbroken" | "screenLockWithinSeconds" | "secureBoot" | "checkInWithinDays" | "custom";
                            /** @description custom: the name reports show. */
                            name?: string;
                            remediation: string | null;
                            /** @description screenLockWithinSeconds. */
                            seconds?: number;
                            /** @description minOsVersion, maxOsVersion: dot-separated numbers such as 14.2. */
                            version?: string;
                        }[];
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description A device silent for longer than this is noncompliant whatever its last facts said. */
                        validityDays: number;
                        /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description COMPLIANCE_ACTION_INVALID, COMPLIANCE_RULE_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description COMPLIANCE_POLICY_NAME_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCompliancePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actions: {
                            /** @description Hours after the device started failing at which the action is due. */
                            afterHours: number;
                            body?: string;
                            extraRecipients?: string[];
                            id: string;
                            /** @enum {string} */
                            kind: "markNoncompliant" | "notifyEmail" | "notifyWebhook" | "lock" | "retire";
                            /** @description Write-only: always null when read. On update, leaving it out (or null) keeps the stored one. */
                            secret?: null;
                            subject?: string;
                            toPrimaryUser?: boolean;
                            url?: string;
                        }[];
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        name: string;
                        /** @description On any other platform the policy is notApplicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        rules: {
                            /** @description checkInWithinDays. */
                            days?: number;
                            /** @description custom: an expression over device facts, e.g. `device.freeStorageBytes > 1000000000`. */
                            expression?: string;
                            /** @description Unique within the policy and stable across edits; reports count failures per rule id. */
                            id: string;
                            /** @enum {string} */
                            kind: "minOsVersion" | "maxOsVersion" | "passcodeRequired" | "passcodeCompliant" | "diskEncrypted" | "firewallOn" | "notJailbroken" | "screenLockWithinSeconds" | "secureBoot" | "checkInWithinDays" | "custom";
                            /** @description custom: the name reports show. */
                            name?: string;
                            remediation: string | null;
                            /** @description screenLockWithinSeconds. */
                            seconds?: number;
                            /** @description minOsVersion, maxOsVersion: dot-separated numbers such as 14.2. */
                            version?: string;
                        }[];
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description A device silent for longer than this is noncompliant whatever its last facts said. */
                        validityDays: number;
                        /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description COMPLIANCE_POLICY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteCompliancePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description COMPLIANCE_POLICY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateCompliancePolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Up to 20 actions, shaped as `CompliancePolicy.actions`; a webhook's secret is given as text. Replaces the list whole.
                     * @example [
                     *       {
                     *         "kind": "markNoncompliant",
                     *         "afterHours": 24
                     *       },
                     *       {
                     *         "kind": "notifyEmail",
                     *         "afterHours": 0,
                     *         "toPrimaryUser": true,
                     *         "extraRecipients": [],
                     *         "subject": "Your device needs attention",
                     *         "body": "Hello {{user.displayName}}, …"
                     *       }
                     *     ]
                     */
                    actions?: unknown[];
                    description?: string;
                    /** @description The version you edited; another stored version is COMPLIANCE_POLICY_VERSION_CONFLICT. */
                    expectedVersion?: number;
                    /** @description Unique within the tenant, compared case-insensitively; at most 128 characters. */
                    name?: string;
                    platforms?: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                    /**
                     * @description Up to 100 rules, shaped as `CompliancePolicy.rules`; `id` may be left out (it becomes the kind). Replaces the list whole.
                     * @example [
                     *       {
                     *         "kind": "minOsVersion",
                     *         "version": "14.2"
                     *       },
                     *       {
                     *         "kind": "diskEncrypted"
                     *       },
                     *       {
                     *         "id": "storage",
                     *         "kind": "custom",
                     *         "name": "Free storage",
                     *         "expression": "device.freeStorageBytes > 1000000000"
                     *       }
                     *     ]
                     */
                    rules?: unknown[];
                    /** @description 1 to 365 days; default 30. */
                    validityDays?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actions: {
                            /** @description Hours after the device started failing at which the action is due. */
                            afterHours: number;
                            body?: string;
                            extraRecipients?: string[];
                            id: string;
                            /** @enum {string} */
                            kind: "markNoncompliant" | "notifyEmail" | "notifyWebhook" | "lock" | "retire";
                            /** @description Write-only: always null when read. On update, leaving it out (or null) keeps the stored one. */
                            secret?: null;
                            subject?: string;
                            toPrimaryUser?: boolean;
                            url?: string;
                        }[];
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        name: string;
                        /** @description On any other platform the policy is notApplicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        rules: {
                            /** @description checkInWithinDays. */
                            days?: number;
                            /** @description custom: an expression over device facts, e.g. `device.freeStorageBytes > 1000000000`. */
                            expression?: string;
                            /** @description Unique within the policy and stable across edits; reports count failures per rule id. */
                            id: string;
                            /** @enum {string} */
                            kind: "minOsVersion" | "maxOsVersion" | "passcodeRequired" | "passcodeCompliant" | "diskEncrypted" | "firewallOn" | "notJailbroken" | "screenLockWithinSeconds" | "secureBoot" | "checkInWithinDays" | "custom";
                            /** @description custom: the name reports show. */
                            name?: string;
                            remediation: string | null;
                            /** @description screenLockWithinSeconds. */
                            seconds?: number;
                            /** @description minOsVersion, maxOsVersion: dot-separated numbers such as 14.2. */
                            version?: string;
                        }[];
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description A device silent for longer than this is noncompliant whatever its last facts said. */
                        validityDays: number;
                        /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description COMPLIANCE_ACTION_INVALID, COMPLIANCE_RULE_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description COMPLIANCE_POLICY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description COMPLIANCE_POLICY_NAME_TAKEN, COMPLIANCE_POLICY_VERSION_CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCompliancePolicyAssignments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            filter: {
                                filterId: string;
                                /**
                                 * @description `include`: only devices the filter matches; `exclude`: only those it does not.
                                 * @enum {string}
                                 */
                                mode: "include" | "exclude";
                            } | null;
                            id: string;
                            /**
                             * @description Profiles and compliance policies are always `required`.
                             * @enum {string}
                             */
                            intent: "required" | "available" | "uninstall" | "availableWithoutEnrollment";
                            /** @description The profile's or compliance policy's id. */
                            itemId: string;
                            /** @enum {string} */
                            itemKind: "profile" | "compliancePolicy" | "app";
                            /**
                             * @description Exclude wins: a device reached by an exclude assignment of an item does not get it.
                             * @enum {string}
                             */
                            mode: "include" | "exclude";
                            /** @description `allUsers`: every device that has a primary user; `allDevices`: every device; a group of users reaches their devices. */
                            target: {
                                groupId: string;
                                /** @enum {string} */
                                type: "group";
                            } | {
                                /** @enum {string} */
                                type: "allUsers";
                            } | {
                                /** @enum {string} */
                                type: "allDevices";
                            };
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description COMPLIANCE_POLICY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createCompliancePolicyAssignment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    filter?: {
                        filterId: string;
                        /**
                         * @description `include`: only devices the filter matches; `exclude`: only those it does not.
                         * @enum {string}
                         */
                        mode: "include" | "exclude";
                    } | null;
                    /**
                     * @description Profiles and compliance policies are always `required`.
                     * @enum {string}
                     */
                    intent?: "required" | "available" | "uninstall" | "availableWithoutEnrollment";
                    /**
                     * @description Exclude wins: a device reached by an exclude assignment of an item does not get it.
                     * @enum {string}
                     */
                    mode?: "include" | "exclude";
                    /** @description `{ "type": "group", "groupId": … }`, `{ "type": "allUsers" }` or `{ "type": "allDevices" }`. One assignment per item and target. */
                    target: {
                        groupId?: string;
                        /** @enum {string} */
                        type: "group" | "allUsers" | "allDevices";
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        filter: {
                            filterId: string;
                            /**
                             * @description `include`: only devices the filter matches; `exclude`: only those it does not.
                             * @enum {string}
                             */
                            mode: "include" | "exclude";
                        } | null;
                        id: string;
                        /**
                         * @description Profiles and compliance policies are always `required`.
                         * @enum {string}
                         */
                        intent: "required" | "available" | "uninstall" | "availableWithoutEnrollment";
                        /** @description The profile's or compliance policy's id. */
                        itemId: string;
                        /** @enum {string} */
                        itemKind: "profile" | "compliancePolicy" | "app";
                        /**
                         * @description Exclude wins: a device reached by an exclude assignment of an item does not get it.
                         * @enum {string}
                         */
                        mode: "include" | "exclude";
                        /** @description `allUsers`: every device that has a primary user; `allDevices`: every device; a group of users reaches their devices. */
                        target: {
                            groupId: string;
                            /** @enum {string} */
                            type: "group";
                        } | {
                            /** @enum {string} */
                            type: "allUsers";
                        } | {
                            /** @enum {string} */
                            type: "allDevices";
                        };
                    };
                };
            };
            /** @description ASSIGNMENT_FILTER_INVALID, ASSIGNMENT_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ASSIGNMENT_FILTER_NOT_FOUND, ASSIGNMENT_GROUP_NOT_FOUND, ASSIGNMENT_ITEM_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ASSIGNMENT_EXISTS */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDevices: {
        parameters: {
            query?: {
                /** @description Compliance states. Comma-separated, any of: unknown, compliant, inGracePeriod, noncompliant, error, notApplicable. */
                complianceState?: string;
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Members of this device group, or devices of members of this user group. */
                groupId?: string;
                lastSeenAfter?: string;
                lastSeenBefore?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                managementState?: "enrolled" | "retirePending" | "retired";
                order?: "asc" | "desc";
                /** @description Highest OS version, inclusive. */
                osVersionMax?: string;
                /** @description Lowest OS version, inclusive, compared as a version (10.2 < 10.10). */
                osVersionMin?: string;
                ownership?: "corporate" | "personal" | "unknown";
                /** @description Platforms. Comma-separated, any of: linux, macos, windows, ios, ipados, android. */
                platform?: string;
                /** @description Devices of this user. */
                primaryUserId?: string;
                /** @description Case-insensitive part of the name, serial number or model. */
                q?: string;
                /** @description Field to sort by. */
                sort?: "name" | "lastSeenAt" | "enrolledAt" | "osVersion" | "platform";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @enum {string} */
                            complianceState: "unknown" | "compliant" | "inGracePeriod" | "noncompliant" | "error" | "notApplicable";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            enrolledAt: string;
                            /** @description Platform-neutral facts (osVersion, encrypted, passcodeSet, …) normalised from the inventory. */
                            facts: {
                                agentVersion?: string;
                                encrypted?: boolean;
                                firewallOn?: boolean;
                                freeStorageBytes?: number;
                                jailbroken?: boolean;
                                memoryBytes?: number;
                                osBuild?: string;
                                osVersion?: string;
                                passcodeCompliant?: boolean;
                                passcodeSet?: boolean;
                                screenLockSeconds?: number;
                                secureBoot?: boolean;
                                supervised?: boolean;
                                totalStorageBytes?: number;
                            };
                            id: string;
                            lastSeenAt: string | null;
                            /** @enum {string} */
                            managementState: "enrolled" | "retirePending" | "retired";
                            manufacturer: string | null;
                            model: string | null;
                            name: string;
                            osVersion: string | null;
                            /** @enum {string} */
                            ownership: "corporate" | "personal" | "unknown";
                            /** @enum {string} */
                            platform: "linux" | "macos" | "windows" | "ios" | "ipados" | "android";
                            primaryUserId: string | null;
                            serialNumber: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, INVALID_FILTER, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        complianceState: "unknown" | "compliant" | "inGracePeriod" | "noncompliant" | "error" | "notApplicable";
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        enrolledAt: string;
                        /** @description Platform-neutral facts (osVersion, encrypted, passcodeSet, …) normalised from the inventory. */
                        facts: {
                            agentVersion?: string;
                            encrypted?: boolean;
                            firewallOn?: boolean;
                            freeStorageBytes?: number;
                            jailbroken?: boolean;
                            memoryBytes?: number;
                            osBuild?: string;
                            osVersion?: string;
                            passcodeCompliant?: boolean;
                            passcodeSet?: boolean;
                            screenLockSeconds?: number;
                            secureBoot?: boolean;
                            supervised?: boolean;
                            totalStorageBytes?: number;
                        };
                        id: string;
                        /** @description The raw inventory as the platform reported it. */
                        inventory: {
                            [key: string]: unknown;
                        };
                        lastSeenAt: string | null;
                        /** @enum {string} */
                        managementState: "enrolled" | "retirePending" | "retired";
                        manufacturer: string | null;
                        model: string | null;
                        name: string;
                        osVersion: string | null;
                        /** @enum {string} */
                        ownership: "corporate" | "personal" | "unknown";
                        /** @enum {string} */
                        platform: "linux" | "macos" | "windows" | "ios" | "ipados" | "android";
                        primaryUserId: string | null;
                        serialNumber: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /**
                     * @description Making a device personal drops its raw inventory.
                     * @enum {string}
                     */
                    ownership?: "corporate" | "personal" | "unknown";
                    primaryUserId?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        complianceState: "unknown" | "compliant" | "inGracePeriod" | "noncompliant" | "error" | "notApplicable";
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        enrolledAt: string;
                        /** @description Platform-neutral facts (osVersion, encrypted, passcodeSet, …) normalised from the inventory. */
                        facts: {
                            agentVersion?: string;
                            encrypted?: boolean;
                            firewallOn?: boolean;
                            freeStorageBytes?: number;
                            jailbroken?: boolean;
                            memoryBytes?: number;
                            osBuild?: string;
                            osVersion?: string;
                            passcodeCompliant?: boolean;
                            passcodeSet?: boolean;
                            screenLockSeconds?: number;
                            secureBoot?: boolean;
                            supervised?: boolean;
                            totalStorageBytes?: number;
                        };
                        id: string;
                        /** @description The raw inventory as the platform reported it. */
                        inventory: {
                            [key: string]: unknown;
                        };
                        lastSeenAt: string | null;
                        /** @enum {string} */
                        managementState: "enrolled" | "retirePending" | "retired";
                        manufacturer: string | null;
                        model: string | null;
                        name: string;
                        osVersion: string | null;
                        /** @enum {string} */
                        ownership: "corporate" | "personal" | "unknown";
                        /** @enum {string} */
                        platform: "linux" | "macos" | "windows" | "ios" | "ipados" | "android";
                        primaryUserId: string | null;
                        serialNumber: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND, USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDeviceActions: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "desc";
                /** @description Field to sort by. */
                sort?: "createdAt";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            completedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            expiresAt: string | null;
                            id: string;
                            requestedBy: string;
                            result: {
                                [key: string]: unknown;
                            } | null;
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "pending" | "sent" | "succeeded" | "failed" | "expired" | "canceled";
                            /**
                             * @description sync, refreshInventory, lock, restart, runScript or retire.
                             * @enum {string}
                             */
                            type: "sync" | "refreshInventory" | "lock" | "restart" | "runScript" | "retire" | "wipe" | "clearPasscode" | "shutdown" | "enableLostMode" | "disableLostMode";
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    requestDeviceAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description For `runScript`: `{ "interpreter": "sh|bash|zsh|powershell", "script": "…", "timeoutSeconds": 1–3600 }`. The other actions take none. */
                    payload?: {
                        [key: string]: unknown;
                    };
                    /** @description How long the command waits for the device before it expires; 72 hours by default. */
                    ttlHours?: number;
                    /**
                     * @description sync, refreshInventory, lock, restart, runScript or retire.
                     * @enum {string}
                     */
                    type: "sync" | "refreshInventory" | "lock" | "restart" | "runScript" | "retire" | "wipe" | "clearPasscode" | "shutdown" | "enableLostMode" | "disableLostMode";
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Why it was refused.
                         * @enum {string}
                         */
                        code?: "VALIDATION_FAILED" | "INVALID_CURSOR" | "INVALID_SORT" | "INVALID_FILTER" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RANGE_NOT_SATISFIABLE" | "RATE_LIMITED" | "NOT_FOUND" | "UNAUTHENTICATED" | "INVALID_CREDENTIALS" | "MFA_REQUIRED" | "INVALID_MFA_CODE" | "ACCOUNT_LOCKED" | "TOKEN_EXPIRED" | "TOKEN_REVOKED" | "FORBIDDEN" | "TENANT_NOT_FOUND" | "USER_NOT_FOUND" | "USER_EMAIL_TAKEN" | "GROUP_NOT_FOUND" | "GROUP_NAME_TAKEN" | "GROUP_RULE_INVALID" | "GROUP_NOT_STATIC" | "ADMIN_NOT_FOUND" | "ROLE_ASSIGNMENT_NOT_FOUND" | "API_TOKEN_NOT_FOUND" | "LAST_GLOBAL_ADMIN" | "TOTP_ALREADY_ENABLED" | "TOTP_NOT_PENDING" | "PASSKEY_CHALLENGE_INVALID" | "PASSKEY_INVALID" | "PASSKEY_ALREADY_REGISTERED" | "PASSKEY_LIMIT" | "PASSKEY_NOT_FOUND" | "PASSKEY_COUNTER_REGRESSED" | "INVALID_RECOVERY_CODE" | "IMPORT_INVALID" | "DEVICE_NOT_FOUND" | "ENROLLMENT_TOKEN_INVALID" | "ENROLLMENT_TOKEN_EXPIRED" | "ENROLLMENT_TOKEN_REVOKED" | "ENROLLMENT_TOKEN_EXHAUSTED" | "ENROLLMENT_TOKEN_NOT_FOUND" | "ENROLLMENT_PLATFORM_NOT_ALLOWED" | "ENROLLMENT_OS_TOO_OLD" | "ENROLLMENT_PERSONAL_NOT_ALLOWED" | "ENROLLMENT_DEVICE_LIMIT" | "CSR_INVALID" | "DEVICE_CERTIFICATE_INVALID" | "DEVICE_CERTIFICATE_REVOKED" | "DEVICE_CERTIFICATE_EXPIRED" | "DEVICE_RETIRED" | "NOISE_TICKET_INVALID" | "COMMAND_NOT_FOUND" | "ACTION_NOT_ALLOWED" | "ACTION_NOT_SUPPORTED" | "COMPLIANCE_POLICY_NOT_FOUND" | "COMPLIANCE_POLICY_NAME_TAKEN" | "COMPLIANCE_POLICY_VERSION_CONFLICT" | "COMPLIANCE_RULE_INVALID" | "COMPLIANCE_ACTION_INVALID" | "AUDIT_CHAIN_BROKEN" | "PROFILE_NOT_FOUND" | "PROFILE_NAME_TAKEN" | "PROFILE_INVALID" | "PROFILE_KIND_MISMATCH" | "PROFILE_VERSION_CONFLICT" | "PROFILE_IN_USE" | "PROFILE_SECRET_REQUIRED" | "PROFILE_VARIABLE_UNKNOWN" | "SETTING_UNKNOWN" | "SETTING_VALUE_INVALID" | "SETTING_PLATFORM_UNSUPPORTED" | "ASSIGNMENT_NOT_FOUND" | "ASSIGNMENT_EXISTS" | "ASSIGNMENT_INVALID" | "ASSIGNMENT_ITEM_NOT_FOUND" | "ASSIGNMENT_GROUP_NOT_FOUND" | "ASSIGNMENT_FILTER_NOT_FOUND" | "ASSIGNMENT_FILTER_INVALID" | "ASSIGNMENT_FILTER_NAME_TAKEN" | "ASSIGNMENT_FILTER_IN_USE" | "CONFIGURATION_REPORT_UNKNOWN" | "CONFIGURATION_REPORT_INVALID" | "POLICY_BUNDLE_INVALID" | "SCEP_CHALLENGE_INVALID" | "APPLE_IDENTITY_UNKNOWN" | "APPLE_NOT_AUTHENTICATED" | "APPLE_DEVICE_MISMATCH" | "APPLE_TOPIC_MISMATCH" | "APPLE_COMMAND_NOT_SENT" | "PUSH_CERTIFICATE_INVALID" | "PUSH_CERTIFICATE_KEY_MISMATCH" | "PUSH_CERTIFICATE_EXPIRED" | "PUSH_CERTIFICATE_TOPIC_MISMATCH" | "PUSH_CERTIFICATE_REQUEST_NOT_FOUND" | "ACCESS_POLICY_NOT_FOUND" | "ACCESS_POLICY_NAME_TAKEN" | "ACCESS_POLICY_VERSION_CONFLICT" | "ACCESS_POLICY_INVALID" | "RELYING_PARTY_NOT_FOUND" | "RELYING_PARTY_INVALID" | "UPSTREAM_PROVIDER_NOT_FOUND" | "UPSTREAM_PROVIDER_INVALID" | "UPSTREAM_PROVIDER_NAME_TAKEN" | "UPSTREAM_PROVIDER_VERSION_CONFLICT" | "UPSTREAM_PROVIDER_LIMIT" | "FEDERATION_PROVIDER_UNAVAILABLE" | "FEDERATION_STATE_INVALID" | "FEDERATION_DENIED" | "FEDERATION_FAILED" | "FEDERATION_EMAIL_MISSING" | "FEDERATION_EMAIL_UNVERIFIED" | "FEDERATION_USER_UNKNOWN" | "FEDERATION_USER_DISABLED" | "APP_NOT_FOUND" | "APP_INVALID" | "APP_IDENTIFIER_TAKEN" | "APP_VERSION_CONFLICT" | "APP_ICON_INVALID" | "APP_NOT_LINE_OF_BUSINESS" | "APP_VERSION_NOT_FOUND" | "APP_VERSION_EXISTS" | "APP_PACKAGE_IDENTIFIER_MISMATCH" | "APP_PACKAGE_PLATFORM_MISMATCH" | "APP_PACKAGE_NOT_FOUND" | "APP_REPORT_UNKNOWN" | "APP_REPORT_INVALID" | "APP_PACKAGE_DIGEST_MISMATCH" | "APP_PACKAGE_UNRECOGNIZED" | "APP_PACKAGE_FORMAT_MISMATCH" | "APP_PACKAGE_TRUNCATED" | "APP_PACKAGE_MALFORMED" | "APP_PACKAGE_METADATA_MISSING" | "APP_PACKAGE_LIMIT_EXCEEDED" | "APP_PACKAGE_UNSUPPORTED" | "APP_PROTECTION_POLICY_NOT_FOUND" | "APP_PROTECTION_POLICY_NAME_TAKEN" | "APP_PROTECTION_POLICY_VERSION_CONFLICT" | "APP_PROTECTION_POLICY_INVALID" | "APP_CONFIGURATION_POLICY_NOT_FOUND" | "APP_CONFIGURATION_POLICY_NAME_TAKEN" | "APP_CONFIGURATION_POLICY_VERSION_CONFLICT" | "APP_CONFIGURATION_POLICY_INVALID" | "APP_PROTECTION_NOT_ASSIGNED" | "APP_REGISTRATION_NOT_FOUND" | "APP_REGISTRATION_WIPED" | "SDK_REGISTRATION_NOT_FOUND" | "SDK_REGISTRATION_WIPED" | "SDK_SIGNATURE_INVALID" | "SDK_CHECK_IN_REPLAYED" | "SDK_CHECK_IN_STALE" | "INTERNAL" | "UNAVAILABLE";
                        commandId: string | null;
                        deviceId: string;
                        message?: string;
                        /**
                         * @description `alreadyPending`: the same action waits for the device already, and it was woken again.
                         * @enum {string}
                         */
                        status: "queued" | "alreadyPending" | "refused";
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    explainDeviceCompliance: {
        parameters: {
            query?: {
                /** @description The `history.nextCursor` of the previous answer. */
                historyCursor?: string;
                /** @description State changes per page, newest first. */
                historyLimit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deviceId: string;
                        deviceName: string;
                        history: {
                            items: {
                                /** Format: date-time */
                                at: string;
                                causes: {
                                    /** @description graceEnded: RFC 3339. */
                                    graceEndedAt?: string;
                                    /** @enum {string} */
                                    kind: "rulesFailed" | "factsMissing" | "rulesPassed" | "graceEnded" | "validityExpired" | "evaluationError" | "policyChanged" | "platformNotApplicable" | "policyUnassigned" | "noPolicies";
                                    lastSeenAt?: string | null;
                                    /** @description evaluationError. */
                                    message?: string;
                                    policyId?: string;
                                    /** @description rulesFailed, factsMissing. */
                                    ruleIds?: string[];
                                    /** @description policyChanged: the new version. */
                                    version?: number;
                                }[];
                                /** @enum {string} */
                                from: "unknown" | "compliant" | "inGracePeriod" | "noncompliant" | "error" | "notApplicable";
                                id: string;
                                policyId: string | null;
                                /** @enum {string} */
                                to: "unknown" | "compliant" | "inGracePeriod" | "noncompliant" | "error" | "notApplicable";
                            }[];
                            nextCursor: string | null;
                        };
                        lastSeenAt: string | null;
                        /** @enum {string} */
                        platform: "linux" | "macos" | "windows" | "ios" | "ipados" | "android";
                        policies: {
                            /** @description Scheduled actions of the current failing episode. */
                            actions: {
                                actionId: string;
                                doneAt: string | null;
                                /** Format: date-time */
                                dueAt: string;
                                /** @enum {string} */
                                kind: "notifyEmail" | "notifyWebhook" | "lock" | "retire";
                                outcome: {
                                    detail?: string;
                                    error?: string;
                                    reason?: string;
                                    /** @enum {string} */
                                    status: "succeeded" | "failed" | "skipped";
                                } | null;
                            }[];
                            /** Format: date-time */
                            evaluatedAt: string;
                            /** @description The version the device was evaluated against. */
                            evaluatedVersion: number;
                            failingSince: string | null;
                            graceEndsAt: string | null;
                            policyId: string;
                            policyName: string | null;
                            policyVersion: number | null;
                            rules: {
                                actual: string | null;
                                /** @description What the rule wants, as text (`>= 14.2`, `true`, `within 300 seconds`). */
                                expected: string;
                                /** @enum {string} */
                                kind: "minOsVersion" | "maxOsVersion" | "passcodeRequired" | "passcodeCompliant" | "diskEncrypted" | "firewallOn" | "notJailbroken" | "screenLockWithinSeconds" | "secureBoot" | "checkInWithinDays" | "custom";
                                /**
                                 * @description `unknown`: the device did not report a fact the rule reads; never counted as a pass.
                                 * @enum {string}
                                 */
                                outcome: "passed" | "failed" | "unknown";
                                /** @description What the user should do; empty when the rule passed. */
                                remediation: string;
                                ruleId: string;
                                /** @description A readable label: the custom rule's name, or a description of the check. */
                                title: string;
                            }[];
                            /** @enum {string} */
                            state: "unknown" | "compliant" | "inGracePeriod" | "noncompliant" | "error" | "notApplicable";
                        }[];
                        /** @enum {string} */
                        state: "unknown" | "compliant" | "inGracePeriod" | "noncompliant" | "error" | "notApplicable";
                    };
                };
            };
            /** @description INVALID_CURSOR, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDeviceConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description Settings withheld because profiles collide. */
                            conflicts: {
                                /** @description The profiles that set it differently, this one included. */
                                profiles: {
                                    id: string;
                                    name: string | null;
                                }[];
                                settingId: string;
                            }[];
                            /** Format: date-time */
                            desiredAt: string;
                            desiredHash: string | null;
                            error: string | null;
                            kind: ("settings" | "wifi" | "vpn" | "email" | "certificate" | "custom") | null;
                            profileId: string;
                            profileName: string | null;
                            reason: string | null;
                            reportedAt: string | null;
                            reportedHash: string | null;
                            settings: {
                                error?: string;
                                id: string;
                                /** @enum {string} */
                                status: "succeeded" | "failed" | "notApplicable";
                            }[];
                            /**
                             * @description `pending`: the device has not confirmed the current version; `conflict`: settings collide with another profile and were withheld; `removing`: no longer assigned, awaiting removal.
                             * @enum {string}
                             */
                            status: "pending" | "succeeded" | "failed" | "conflict" | "notApplicable" | "removing";
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMdmCommands: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "desc";
                /** @description Field to sort by. */
                sort?: "completedAt";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            actionId: string | null;
                            channel: string;
                            commandUuid: string;
                            completedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            errorChain: {
                                errorCode: number;
                                errorDomain: string;
                                localizedDescription: string;
                                usEnglishDescription: string | null;
                            }[] | null;
                            expiresAt: string | null;
                            requestedBy: string | null;
                            /** @enum {string} */
                            requestType: "DeviceInformation" | "SecurityInfo" | "ProfileList" | "InstallProfile" | "RemoveProfile" | "InstalledApplicationList" | "ManagedApplicationList" | "InstallApplication" | "RemoveApplication" | "DeviceLock" | "EraseDevice" | "ClearPasscode" | "RestartDevice" | "ShutDownDevice" | "Settings" | "CertificateList" | "EnableLostMode" | "DisableLostMode";
                            result: {
                                [key: string]: unknown;
                            } | null;
                            sentAt: string | null;
                            /**
                             * @description Who asked: an admin raw, a remote action, the policy engine, app delivery, or enrollment.
                             * @enum {string}
                             */
                            source: "admin" | "action" | "policy" | "apps" | "enrollment";
                            /**
                             * @description Pending: queued, sent (in flight), notNow (retried after the next Idle). Finished: acknowledged, error, commandFormatError, expired, canceled.
                             * @enum {string}
                             */
                            status: "queued" | "sent" | "notNow" | "acknowledged" | "error" | "commandFormatError" | "expired" | "canceled";
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enqueueMdmCommand: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description `device` (default), or `user:<UserID>` for a user channel the device registered (macOS). */
                    channel?: string;
                    /** @description The Command dictionary's other keys, as Apple's schema names them (checked strictly; unknown keys are refused). Plist data is { "$data": "<base64>" }, dates { "$date": "<ISO 8601>" }. At most 2097152 bytes. Example for Settings: { "Settings": [{ "Item": "DeviceName", "DeviceName": "Kiosk 4" }] }. */
                    payload?: {
                        [key: string]: unknown;
                    };
                    /**
                     * @description Apple's RequestType. Locks, erasure, restarts, passcode clearing and Lost Mode are remote actions (POST /devices/{id}/actions).
                     * @enum {string}
                     */
                    requestType: "DeviceInformation" | "SecurityInfo" | "ProfileList" | "CertificateList" | "InstalledApplicationList" | "InstallProfile" | "RemoveProfile" | "InstallApplication" | "RemoveApplication" | "Settings";
                    /** @description How long the command waits for the device before it expires; 72 hours by default. */
                    ttlHours?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: string;
                        /** @description Apple's CommandUUID: the device's answer is found by it in GET /devices/{id}/mdm-commands. */
                        commandUuid: string;
                        deviceId: string;
                        /** Format: date-time */
                        expiresAt: string;
                        requestType: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_SUPPORTED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMdmEnrollment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `enrollment` is null for a device never enrolled over Apple MDM. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        enrollment: {
                            /** Format: date-time */
                            authenticatedAt: string;
                            bootstrapTokenEscrowed: boolean;
                            checkedOutAt: string | null;
                            enrollmentId: string | null;
                            /** @description As the last ProfileList reported. */
                            installedProfiles: {
                                displayName: string | null;
                                identifier: string;
                                uuid: string | null;
                            }[];
                            /** @description Whether APNs can wake the device. */
                            pushable: boolean;
                            /** @enum {string} */
                            state: "authenticated" | "active" | "checkedOut";
                            tokenUpdatedAt: string | null;
                            topic: string;
                            udid: string | null;
                            /** @description Whether clearPasscode can be sent. */
                            unlockTokenEscrowed: boolean;
                            userChannels: {
                                /** Format: date-time */
                                updatedAt: string;
                                userId: string;
                                userLongName: string | null;
                                userShortName: string | null;
                            }[];
                            /** @description Apple's User Enrollment (a personal device identified by an EnrollmentID, with reduced access rights). */
                            userEnrollment: boolean;
                        } | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDeviceSoftware: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc";
                /** @description Case-insensitive part of the name. */
                q?: string;
                /** @description Field to sort by. */
                sort?: "name";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            /** @description dpkg, rpm, flatpak, snap, app, msi, … */
                            source: string;
                            version: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    requestDeviceActions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The devices, 1 to 10000. */
                    deviceIds: string[];
                    /** @description For `runScript`: `{ "interpreter": "sh|bash|zsh|powershell", "script": "…", "timeoutSeconds": 1–3600 }`. The other actions take none. */
                    payload?: {
                        [key: string]: unknown;
                    };
                    /** @description How long the command waits for the device before it expires; 72 hours by default. */
                    ttlHours?: number;
                    /**
                     * @description sync, refreshInventory, lock, restart, runScript or retire.
                     * @enum {string}
                     */
                    type: "sync" | "refreshInventory" | "lock" | "restart" | "runScript" | "retire" | "wipe" | "clearPasscode" | "shutdown" | "enableLostMode" | "disableLostMode";
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /**
                             * @description Why it was refused.
                             * @enum {string}
                             */
                            code?: "VALIDATION_FAILED" | "INVALID_CURSOR" | "INVALID_SORT" | "INVALID_FILTER" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RANGE_NOT_SATISFIABLE" | "RATE_LIMITED" | "NOT_FOUND" | "UNAUTHENTICATED" | "INVALID_CREDENTIALS" | "MFA_REQUIRED" | "INVALID_MFA_CODE" | "ACCOUNT_LOCKED" | "TOKEN_EXPIRED" | "TOKEN_REVOKED" | "FORBIDDEN" | "TENANT_NOT_FOUND" | "USER_NOT_FOUND" | "USER_EMAIL_TAKEN" | "GROUP_NOT_FOUND" | "GROUP_NAME_TAKEN" | "GROUP_RULE_INVALID" | "GROUP_NOT_STATIC" | "ADMIN_NOT_FOUND" | "ROLE_ASSIGNMENT_NOT_FOUND" | "API_TOKEN_NOT_FOUND" | "LAST_GLOBAL_ADMIN" | "TOTP_ALREADY_ENABLED" | "TOTP_NOT_PENDING" | "PASSKEY_CHALLENGE_INVALID" | "PASSKEY_INVALID" | "PASSKEY_ALREADY_REGISTERED" | "PASSKEY_LIMIT" | "PASSKEY_NOT_FOUND" | "PASSKEY_COUNTER_REGRESSED" | "INVALID_RECOVERY_CODE" | "IMPORT_INVALID" | "DEVICE_NOT_FOUND" | "ENROLLMENT_TOKEN_INVALID" | "ENROLLMENT_TOKEN_EXPIRED" | "ENROLLMENT_TOKEN_REVOKED" | "ENROLLMENT_TOKEN_EXHAUSTED" | "ENROLLMENT_TOKEN_NOT_FOUND" | "ENROLLMENT_PLATFORM_NOT_ALLOWED" | "ENROLLMENT_OS_TOO_OLD" | "ENROLLMENT_PERSONAL_NOT_ALLOWED" | "ENROLLMENT_DEVICE_LIMIT" | "CSR_INVALID" | "DEVICE_CERTIFICATE_INVALID" | "DEVICE_CERTIFICATE_REVOKED" | "DEVICE_CERTIFICATE_EXPIRED" | "DEVICE_RETIRED" | "NOISE_TICKET_INVALID" | "COMMAND_NOT_FOUND" | "ACTION_NOT_ALLOWED" | "ACTION_NOT_SUPPORTED" | "COMPLIANCE_POLICY_NOT_FOUND" | "COMPLIANCE_POLICY_NAME_TAKEN" | "COMPLIANCE_POLICY_VERSION_CONFLICT" | "COMPLIANCE_RULE_INVALID" | "COMPLIANCE_ACTION_INVALID" | "AUDIT_CHAIN_BROKEN" | "PROFILE_NOT_FOUND" | "PROFILE_NAME_TAKEN" | "PROFILE_INVALID" | "PROFILE_KIND_MISMATCH" | "PROFILE_VERSION_CONFLICT" | "PROFILE_IN_USE" | "PROFILE_SECRET_REQUIRED" | "PROFILE_VARIABLE_UNKNOWN" | "SETTING_UNKNOWN" | "SETTING_VALUE_INVALID" | "SETTING_PLATFORM_UNSUPPORTED" | "ASSIGNMENT_NOT_FOUND" | "ASSIGNMENT_EXISTS" | "ASSIGNMENT_INVALID" | "ASSIGNMENT_ITEM_NOT_FOUND" | "ASSIGNMENT_GROUP_NOT_FOUND" | "ASSIGNMENT_FILTER_NOT_FOUND" | "ASSIGNMENT_FILTER_INVALID" | "ASSIGNMENT_FILTER_NAME_TAKEN" | "ASSIGNMENT_FILTER_IN_USE" | "CONFIGURATION_REPORT_UNKNOWN" | "CONFIGURATION_REPORT_INVALID" | "POLICY_BUNDLE_INVALID" | "SCEP_CHALLENGE_INVALID" | "APPLE_IDENTITY_UNKNOWN" | "APPLE_NOT_AUTHENTICATED" | "APPLE_DEVICE_MISMATCH" | "APPLE_TOPIC_MISMATCH" | "APPLE_COMMAND_NOT_SENT" | "PUSH_CERTIFICATE_INVALID" | "PUSH_CERTIFICATE_KEY_MISMATCH" | "PUSH_CERTIFICATE_EXPIRED" | "PUSH_CERTIFICATE_TOPIC_MISMATCH" | "PUSH_CERTIFICATE_REQUEST_NOT_FOUND" | "ACCESS_POLICY_NOT_FOUND" | "ACCESS_POLICY_NAME_TAKEN" | "ACCESS_POLICY_VERSION_CONFLICT" | "ACCESS_POLICY_INVALID" | "RELYING_PARTY_NOT_FOUND" | "RELYING_PARTY_INVALID" | "UPSTREAM_PROVIDER_NOT_FOUND" | "UPSTREAM_PROVIDER_INVALID" | "UPSTREAM_PROVIDER_NAME_TAKEN" | "UPSTREAM_PROVIDER_VERSION_CONFLICT" | "UPSTREAM_PROVIDER_LIMIT" | "FEDERATION_PROVIDER_UNAVAILABLE" | "FEDERATION_STATE_INVALID" | "FEDERATION_DENIED" | "FEDERATION_FAILED" | "FEDERATION_EMAIL_MISSING" | "FEDERATION_EMAIL_UNVERIFIED" | "FEDERATION_USER_UNKNOWN" | "FEDERATION_USER_DISABLED" | "APP_NOT_FOUND" | "APP_INVALID" | "APP_IDENTIFIER_TAKEN" | "APP_VERSION_CONFLICT" | "APP_ICON_INVALID" | "APP_NOT_LINE_OF_BUSINESS" | "APP_VERSION_NOT_FOUND" | "APP_VERSION_EXISTS" | "APP_PACKAGE_IDENTIFIER_MISMATCH" | "APP_PACKAGE_PLATFORM_MISMATCH" | "APP_PACKAGE_NOT_FOUND" | "APP_REPORT_UNKNOWN" | "APP_REPORT_INVALID" | "APP_PACKAGE_DIGEST_MISMATCH" | "APP_PACKAGE_UNRECOGNIZED" | "APP_PACKAGE_FORMAT_MISMATCH" | "APP_PACKAGE_TRUNCATED" | "APP_PACKAGE_MALFORMED" | "APP_PACKAGE_METADATA_MISSING" | "APP_PACKAGE_LIMIT_EXCEEDED" | "APP_PACKAGE_UNSUPPORTED" | "APP_PROTECTION_POLICY_NOT_FOUND" | "APP_PROTECTION_POLICY_NAME_TAKEN" | "APP_PROTECTION_POLICY_VERSION_CONFLICT" | "APP_PROTECTION_POLICY_INVALID" | "APP_CONFIGURATION_POLICY_NOT_FOUND" | "APP_CONFIGURATION_POLICY_NAME_TAKEN" | "APP_CONFIGURATION_POLICY_VERSION_CONFLICT" | "APP_CONFIGURATION_POLICY_INVALID" | "APP_PROTECTION_NOT_ASSIGNED" | "APP_REGISTRATION_NOT_FOUND" | "APP_REGISTRATION_WIPED" | "SDK_REGISTRATION_NOT_FOUND" | "SDK_REGISTRATION_WIPED" | "SDK_SIGNATURE_INVALID" | "SDK_CHECK_IN_REPLAYED" | "SDK_CHECK_IN_STALE" | "INTERNAL" | "UNAVAILABLE";
                            commandId: string | null;
                            deviceId: string;
                            message?: string;
                            /**
                             * @description `alreadyPending`: the same action waits for the device already, and it was woken again.
                             * @enum {string}
                             */
                            status: "queued" | "alreadyPending" | "refused";
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportDevices: {
        parameters: {
            query?: {
                /** @description Compliance states. Comma-separated, any of: unknown, compliant, inGracePeriod, noncompliant, error, notApplicable. */
                complianceState?: string;
                /** @description Members of this device group, or devices of members of this user group. */
                groupId?: string;
                lastSeenAfter?: string;
                lastSeenBefore?: string;
                managementState?: "enrolled" | "retirePending" | "retired";
                order?: "asc" | "desc";
                /** @description Highest OS version, inclusive. */
                osVersionMax?: string;
                /** @description Lowest OS version, inclusive, compared as a version (10.2 < 10.10). */
                osVersionMin?: string;
                ownership?: "corporate" | "personal" | "unknown";
                /** @description Platforms. Comma-separated, any of: linux, macos, windows, ios, ipados, android. */
                platform?: string;
                /** @description Devices of this user. */
                primaryUserId?: string;
                /** @description Case-insensitive part of the name, serial number or model. */
                q?: string;
                /** @description Field to sort by. */
                sort?: "name" | "lastSeenAt" | "enrolledAt" | "osVersion" | "platform";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description INVALID_FILTER, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getEnrollmentRestrictions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allowedPlatforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        /** @description Whether tokens for personal devices work. */
                        allowPersonal: boolean;
                        maxDevicesPerUser: number;
                        /** @description The oldest OS version each platform may enroll with; a platform not listed has no minimum. */
                        minOsVersion: {
                            android?: string;
                            ios?: string;
                            ipados?: string;
                            linux?: string;
                            macos?: string;
                            windows?: string;
                        };
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateEnrollmentRestrictions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The whole list of platforms that may enroll. */
                    allowedPlatforms?: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                    allowPersonal?: boolean;
                    maxDevicesPerUser?: number;
                    /** @description Minimums to set, per platform; null removes a minimum. Platforms not named keep theirs. */
                    minOsVersion?: {
                        android?: string | null;
                        ios?: string | null;
                        ipados?: string | null;
                        linux?: string | null;
                        macos?: string | null;
                        windows?: string | null;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allowedPlatforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        /** @description Whether tokens for personal devices work. */
                        allowPersonal: boolean;
                        maxDevicesPerUser: number;
                        /** @description The oldest OS version each platform may enroll with; a platform not listed has no minimum. */
                        minOsVersion: {
                            android?: string;
                            ios?: string;
                            ipados?: string;
                            linux?: string;
                            macos?: string;
                            windows?: string;
                        };
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listEnrollmentTokens: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "desc";
                /** @description Field to sort by. */
                sort?: "createdAt";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            maxUses: number | null;
                            name: string;
                            /**
                             * @description The ownership devices enrolled with the token get.
                             * @enum {string}
                             */
                            ownership: "corporate" | "personal";
                            revokedAt: string | null;
                            targetGroupId: string | null;
                            userId: string | null;
                            /** @description How many devices have enrolled with it. */
                            uses: number;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createEnrollmentToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Lifetime, 1 to 2160 hours; a week by default.
                     * @default 168
                     */
                    expiresInHours?: number;
                    maxUses?: number | null;
                    name: string;
                    /**
                     * @description The ownership devices enrolled with the token get.
                     * @default corporate
                     * @enum {string}
                     */
                    ownership?: "corporate" | "personal";
                    targetGroupId?: string | null;
                    userId?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        enrollCommand: string | null;
                        qrSvg: string | null;
                        /** @description The secret token text (`wrd_et.…`). It is not stored and cannot be shown again. */
                        text: string;
                        token: {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            maxUses: number | null;
                            name: string;
                            /**
                             * @description The ownership devices enrolled with the token get.
                             * @enum {string}
                             */
                            ownership: "corporate" | "personal";
                            revokedAt: string | null;
                            targetGroupId: string | null;
                            userId: string | null;
                            /** @description How many devices have enrolled with it. */
                            uses: number;
                        };
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description GROUP_NOT_FOUND, USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeEnrollmentToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ENROLLMENT_TOKEN_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listGroups: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                /** @description `static`: members are listed; `dynamic`: a rule selects them. */
                membershipType?: "static" | "dynamic";
                /** @description Whether the group holds users or devices. Fixed at creation. */
                memberType?: "user" | "device";
                order?: "asc" | "desc";
                /** @description Case-insensitive part of the name. */
                q?: string;
                /** @description Field to sort by. */
                sort?: "name" | "createdAt";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            id: string;
                            memberCount: number;
                            /**
                             * @description `static`: members are listed; `dynamic`: a rule selects them.
                             * @enum {string}
                             */
                            membershipType: "static" | "dynamic";
                            /**
                             * @description Whether the group holds users or devices. Fixed at creation.
                             * @enum {string}
                             */
                            memberType: "user" | "device";
                            name: string;
                            rule: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createGroup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string;
                    /**
                     * @description `static`: members are listed; `dynamic`: a rule selects them.
                     * @enum {string}
                     */
                    membershipType: "static" | "dynamic";
                    /**
                     * @description Whether the group holds users or devices. Fixed at creation.
                     * @enum {string}
                     */
                    memberType: "user" | "device";
                    name: string;
                    rule?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        memberCount: number;
                        /**
                         * @description `static`: members are listed; `dynamic`: a rule selects them.
                         * @enum {string}
                         */
                        membershipType: "static" | "dynamic";
                        /**
                         * @description Whether the group holds users or devices. Fixed at creation.
                         * @enum {string}
                         */
                        memberType: "user" | "device";
                        name: string;
                        rule: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description GROUP_RULE_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description GROUP_NAME_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        memberCount: number;
                        /**
                         * @description `static`: members are listed; `dynamic`: a rule selects them.
                         * @enum {string}
                         */
                        membershipType: "static" | "dynamic";
                        /**
                         * @description Whether the group holds users or devices. Fixed at creation.
                         * @enum {string}
                         */
                        memberType: "user" | "device";
                        name: string;
                        rule: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description GROUP_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description GROUP_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string;
                    /**
                     * @description `static`: members are listed; `dynamic`: a rule selects them.
                     * @enum {string}
                     */
                    membershipType?: "static" | "dynamic";
                    name?: string;
                    rule?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        memberCount: number;
                        /**
                         * @description `static`: members are listed; `dynamic`: a rule selects them.
                         * @enum {string}
                         */
                        membershipType: "static" | "dynamic";
                        /**
                         * @description Whether the group holds users or devices. Fixed at creation.
                         * @enum {string}
                         */
                        memberType: "user" | "device";
                        name: string;
                        rule: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description GROUP_RULE_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description GROUP_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description GROUP_NAME_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listGroupMembers: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc";
                /** @description Field to sort by. */
                sort?: "memberId";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            addedAt: string;
                            /** @description The user's e-mail or the device's name. */
                            label: string;
                            memberId: string;
                            /**
                             * @description Whether the group holds users or devices. Fixed at creation.
                             * @enum {string}
                             */
                            memberType: "user" | "device";
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description GROUP_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addGroupMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Ids of users or devices, as the group holds. */
                    memberIds: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Members that were not in the group before. */
                        added: number;
                        /** @description Members that were in the group before. */
                        removed: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND, GROUP_NOT_FOUND, USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description GROUP_NOT_STATIC */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeGroupMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Ids of users or devices, as the group holds. */
                    memberIds: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Members that were not in the group before. */
                        added: number;
                        /** @description Members that were in the group before. */
                        removed: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description GROUP_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description GROUP_NOT_STATIC */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    importGroups: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description CSV, UTF-8, first line names the columns. */
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created: number;
                        /** @description Group memberships added. */
                        memberships: number;
                        unchanged: number;
                        updated: number;
                    };
                };
            };
            /** @description IMPORT_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description GROUP_NAME_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    previewGroupRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Whether the group holds users or devices. Fixed at creation.
                     * @enum {string}
                     */
                    memberType: "user" | "device";
                    rule: string;
                    /** @default 20 */
                    sampleSize?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description False when the scan stopped at its limit; `matched` then counts only the scanned part. */
                        complete: boolean;
                        matched: number;
                        sample: {
                            label: string;
                            memberId: string;
                        }[];
                        scanned: number;
                    };
                };
            };
            /** @description GROUP_RULE_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAccessPolicies: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc" | "desc";
                /** @description Case-insensitive part of the name. */
                q?: string;
                /** @description Field to sort by. */
                sort?: "name" | "createdAt" | "updatedAt";
                state?: "enabled" | "reportOnly" | "disabled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            conditions: {
                                clientTypes?: ("browser" | "app")[] | null;
                                networks?: {
                                    exclude?: string[];
                                    include: "all" | string[];
                                } | null;
                                ownership?: ("corporate" | "personal" | "unknown")[] | null;
                                platforms?: {
                                    exclude?: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                                    include: "all" | ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                                } | null;
                                /** @description All when left out. */
                                relyingParties?: {
                                    exclude?: string[];
                                    include: "all" | string[];
                                };
                                signInRisk?: ("low" | "medium" | "high")[] | null;
                                users: {
                                    exclude?: {
                                        /** @description Groups of users. */
                                        groupIds?: string[];
                                        userIds?: string[];
                                    };
                                    include: "all" | {
                                        /** @description Groups of users. */
                                        groupIds?: string[];
                                        userIds?: string[];
                                    };
                                };
                            };
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            grant: {
                                controls?: ("mfa" | "compliantDevice" | "appProtection")[];
                                /** @enum {string} */
                                kind: "block" | "require";
                                /** @enum {string} */
                                operator?: "and" | "or";
                            };
                            id: string;
                            name: string;
                            session: {
                                signInFrequencyHours?: number | null;
                            };
                            /**
                             * @description `reportOnly` policies are evaluated and logged but never decide.
                             * @enum {string}
                             */
                            state: "enabled" | "reportOnly" | "disabled";
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                            version: number;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, INVALID_FILTER, INVALID_SORT, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createAccessPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    conditions: {
                        clientTypes?: ("browser" | "app")[] | null;
                        networks?: {
                            exclude?: string[];
                            include: "all" | string[];
                        } | null;
                        ownership?: ("corporate" | "personal" | "unknown")[] | null;
                        platforms?: {
                            exclude?: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            include: "all" | ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        } | null;
                        /** @description All when left out. */
                        relyingParties?: {
                            exclude?: string[];
                            include: "all" | string[];
                        };
                        signInRisk?: ("low" | "medium" | "high")[] | null;
                        users: {
                            exclude?: {
                                /** @description Groups of users. */
                                groupIds?: string[];
                                userIds?: string[];
                            };
                            include: "all" | {
                                /** @description Groups of users. */
                                groupIds?: string[];
                                userIds?: string[];
                            };
                        };
                    };
                    description?: string;
                    grant: {
                        controls?: ("mfa" | "compliantDevice" | "appProtection")[];
                        /** @enum {string} */
                        kind: "block" | "require";
                        /** @enum {string} */
                        operator?: "and" | "or";
                    };
                    /** @description Unique within the tenant, compared case-insensitively; at most 128 characters. */
                    name: string;
                    session?: {
                        signInFrequencyHours?: number | null;
                    };
                    /**
                     * @description reportOnly when left out on create.
                     * @enum {string}
                     */
                    state?: "enabled" | "reportOnly" | "disabled";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        conditions: {
                            clientTypes?: ("browser" | "app")[] | null;
                            networks?: {
                                exclude?: string[];
                                include: "all" | string[];
                            } | null;
                            ownership?: ("corporate" | "personal" | "unknown")[] | null;
                            platforms?: {
                                exclude?: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                                include: "all" | ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            } | null;
                            /** @description All when left out. */
                            relyingParties?: {
                                exclude?: string[];
                                include: "all" | string[];
                            };
                            signInRisk?: ("low" | "medium" | "high")[] | null;
                            users: {
                                exclude?: {
                                    /** @description Groups of users. */
                                    groupIds?: string[];
                                    userIds?: string[];
                                };
                                include: "all" | {
                                    /** @description Groups of users. */
                                    groupIds?: string[];
                                    userIds?: string[];
                                };
                            };
                        };
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        grant: {
                            controls?: ("mfa" | "compliantDevice" | "appProtection")[];
                            /** @enum {string} */
                            kind: "block" | "require";
                            /** @enum {string} */
                            operator?: "and" | "or";
                        };
                        id: string;
                        name: string;
                        session: {
                            signInFrequencyHours?: number | null;
                        };
                        /**
                         * @description `reportOnly` policies are evaluated and logged but never decide.
                         * @enum {string}
                         */
                        state: "enabled" | "reportOnly" | "disabled";
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description ACCESS_POLICY_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACCESS_POLICY_NAME_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAccessPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        conditions: {
                            clientTypes?: ("browser" | "app")[] | null;
                            networks?: {
                                exclude?: string[];
                                include: "all" | string[];
                            } | null;
                            ownership?: ("corporate" | "personal" | "unknown")[] | null;
                            platforms?: {
                                exclude?: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                                include: "all" | ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            } | null;
                            /** @description All when left out. */
                            relyingParties?: {
                                exclude?: string[];
                                include: "all" | string[];
                            };
                            signInRisk?: ("low" | "medium" | "high")[] | null;
                            users: {
                                exclude?: {
                                    /** @description Groups of users. */
                                    groupIds?: string[];
                                    userIds?: string[];
                                };
                                include: "all" | {
                                    /** @description Groups of users. */
                                    groupIds?: string[];
                                    userIds?: string[];
                                };
                            };
                        };
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        grant: {
                            controls?: ("mfa" | "compliantDevice" | "appProtection")[];
                            /** @enum {string} */
                            kind: "block" | "require";
                            /** @enum {string} */
                            operator?: "and" | "or";
                        };
                        id: string;
                        name: string;
                        session: {
                            signInFrequencyHours?: number | null;
                        };
                        /**
                         * @description `reportOnly` policies are evaluated and logged but never decide.
                         * @enum {string}
                         */
                        state: "enabled" | "reportOnly" | "disabled";
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACCESS_POLICY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAccessPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACCESS_POLICY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateAccessPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    conditions?: {
                        clientTypes?: ("browser" | "app")[] | null;
                        networks?: {
                            exclude?: string[];
                            include: "all" | string[];
                        } | null;
                        ownership?: ("corporate" | "personal" | "unknown")[] | null;
                        platforms?: {
                            exclude?: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            include: "all" | ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        } | null;
                        /** @description All when left out. */
                        relyingParties?: {
                            exclude?: string[];
                            include: "all" | string[];
                        };
                        signInRisk?: ("low" | "medium" | "high")[] | null;
                        users: {
                            exclude?: {
                                /** @description Groups of users. */
                                groupIds?: string[];
                                userIds?: string[];
                            };
                            include: "all" | {
                                /** @description Groups of users. */
                                groupIds?: string[];
                                userIds?: string[];
                            };
                        };
                    };
                    description?: string;
                    /** @description The version you edited; another stored version is ACCESS_POLICY_VERSION_CONFLICT. */
                    expectedVersion?: number;
                    grant?: {
                        controls?: ("mfa" | "compliantDevice" | "appProtection")[];
                        /** @enum {string} */
                        kind: "block" | "require";
                        /** @enum {string} */
                        operator?: "and" | "or";
                    };
                    /** @description Unique within the tenant, compared case-insensitively; at most 128 characters. */
                    name?: string;
                    session?: {
                        signInFrequencyHours?: number | null;
                    };
                    /**
                     * @description reportOnly when left out on create.
                     * @enum {string}
                     */
                    state?: "enabled" | "reportOnly" | "disabled";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        conditions: {
                            clientTypes?: ("browser" | "app")[] | null;
                            networks?: {
                                exclude?: string[];
                                include: "all" | string[];
                            } | null;
                            ownership?: ("corporate" | "personal" | "unknown")[] | null;
                            platforms?: {
                                exclude?: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                                include: "all" | ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            } | null;
                            /** @description All when left out. */
                            relyingParties?: {
                                exclude?: string[];
                                include: "all" | string[];
                            };
                            signInRisk?: ("low" | "medium" | "high")[] | null;
                            users: {
                                exclude?: {
                                    /** @description Groups of users. */
                                    groupIds?: string[];
                                    userIds?: string[];
                                };
                                include: "all" | {
                                    /** @description Groups of users. */
                                    groupIds?: string[];
                                    userIds?: string[];
                                };
                            };
                        };
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        grant: {
                            controls?: ("mfa" | "compliantDevice" | "appProtection")[];
                            /** @enum {string} */
                            kind: "block" | "require";
                            /** @enum {string} */
                            operator?: "and" | "or";
                        };
                        id: string;
                        name: string;
                        session: {
                            signInFrequencyHours?: number | null;
                        };
                        /**
                         * @description `reportOnly` policies are evaluated and logged but never decide.
                         * @enum {string}
                         */
                        state: "enabled" | "reportOnly" | "disabled";
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description ACCESS_POLICY_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACCESS_POLICY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACCESS_POLICY_NAME_TAKEN, ACCESS_POLICY_VERSION_CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listRelyingParties: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc";
                /** @description Field to sort by. */
                sort?: "createdAt";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The OAuth client_id: the same as the id. */
                            clientId: string;
                            /** Format: date-time */
                            createdAt: string;
                            grantTypes: ("authorization_code" | "refresh_token" | "client_credentials")[];
                            /** @description Whether a client secret is set (it is shown only when created or rotated). */
                            hasSecret: boolean;
                            id: string;
                            jwks: {
                                keys: {
                                    [key: string]: unknown;
                                }[];
                            } | null;
                            name: string;
                            postLogoutRedirectUris: string[];
                            redirectUris: string[];
                            secretIssuedAt: string | null;
                            /**
                             * @description How the client authenticates at the token endpoint: client_secret_basic, client_secret_post, private_key_jwt (with `jwks`) or none (a public client, which must use PKCE).
                             * @enum {string}
                             */
                            tokenEndpointAuthMethod: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createRelyingParty: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    grantTypes: ("authorization_code" | "refresh_token" | "client_credentials")[];
                    jwks?: {
                        keys: {
                            [key: string]: unknown;
                        }[];
                    } | null;
                    name: string;
                    /** @description Where the provider may send the browser after sign-out. */
                    postLogoutRedirectUris?: string[];
                    /** @description Where the provider may send the browser back (exact match; https, or http only to loopback; no fragment). */
                    redirectUris?: string[];
                    /**
                     * @description How the client authenticates at the token endpoint: client_secret_basic, client_secret_post, private_key_jwt (with `jwks`) or none (a public client, which must use PKCE).
                     * @enum {string}
                     */
                    tokenEndpointAuthMethod: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clientSecret: string | null;
                        relyingParty: {
                            /** @description The OAuth client_id: the same as the id. */
                            clientId: string;
                            /** Format: date-time */
                            createdAt: string;
                            grantTypes: ("authorization_code" | "refresh_token" | "client_credentials")[];
                            /** @description Whether a client secret is set (it is shown only when created or rotated). */
                            hasSecret: boolean;
                            id: string;
                            jwks: {
                                keys: {
                                    [key: string]: unknown;
                                }[];
                            } | null;
                            name: string;
                            postLogoutRedirectUris: string[];
                            redirectUris: string[];
                            secretIssuedAt: string | null;
                            /**
                             * @description How the client authenticates at the token endpoint: client_secret_basic, client_secret_post, private_key_jwt (with `jwks`) or none (a public client, which must use PKCE).
                             * @enum {string}
                             */
                            tokenEndpointAuthMethod: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description RELYING_PARTY_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getRelyingParty: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The OAuth client_id: the same as the id. */
                        clientId: string;
                        /** Format: date-time */
                        createdAt: string;
                        grantTypes: ("authorization_code" | "refresh_token" | "client_credentials")[];
                        /** @description Whether a client secret is set (it is shown only when created or rotated). */
                        hasSecret: boolean;
                        id: string;
                        jwks: {
                            keys: {
                                [key: string]: unknown;
                            }[];
                        } | null;
                        name: string;
                        postLogoutRedirectUris: string[];
                        redirectUris: string[];
                        secretIssuedAt: string | null;
                        /**
                         * @description How the client authenticates at the token endpoint: client_secret_basic, client_secret_post, private_key_jwt (with `jwks`) or none (a public client, which must use PKCE).
                         * @enum {string}
                         */
                        tokenEndpointAuthMethod: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RELYING_PARTY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteRelyingParty: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RELYING_PARTY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateRelyingParty: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    grantTypes?: ("authorization_code" | "refresh_token" | "client_credentials")[];
                    jwks?: {
                        keys: {
                            [key: string]: unknown;
                        }[];
                    } | null;
                    name?: string;
                    /** @description Where the provider may send the browser after sign-out. */
                    postLogoutRedirectUris?: string[];
                    /** @description Where the provider may send the browser back (exact match; https, or http only to loopback; no fragment). */
                    redirectUris?: string[];
                    /**
                     * @description How the client authenticates at the token endpoint: client_secret_basic, client_secret_post, private_key_jwt (with `jwks`) or none (a public client, which must use PKCE).
                     * @enum {string}
                     */
                    tokenEndpointAuthMethod?: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clientSecret: string | null;
                        relyingParty: {
                            /** @description The OAuth client_id: the same as the id. */
                            clientId: string;
                            /** Format: date-time */
                            createdAt: string;
                            grantTypes: ("authorization_code" | "refresh_token" | "client_credentials")[];
                            /** @description Whether a client secret is set (it is shown only when created or rotated). */
                            hasSecret: boolean;
                            id: string;
                            jwks: {
                                keys: {
                                    [key: string]: unknown;
                                }[];
                            } | null;
                            name: string;
                            postLogoutRedirectUris: string[];
                            redirectUris: string[];
                            secretIssuedAt: string | null;
                            /**
                             * @description How the client authenticates at the token endpoint: client_secret_basic, client_secret_post, private_key_jwt (with `jwks`) or none (a public client, which must use PKCE).
                             * @enum {string}
                             */
                            tokenEndpointAuthMethod: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description RELYING_PARTY_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RELYING_PARTY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateRelyingPartySecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clientSecret: string | null;
                        relyingParty: {
                            /** @description The OAuth client_id: the same as the id. */
                            clientId: string;
                            /** Format: date-time */
                            createdAt: string;
                            grantTypes: ("authorization_code" | "refresh_token" | "client_credentials")[];
                            /** @description Whether a client secret is set (it is shown only when created or rotated). */
                            hasSecret: boolean;
                            id: string;
                            jwks: {
                                keys: {
                                    [key: string]: unknown;
                                }[];
                            } | null;
                            name: string;
                            postLogoutRedirectUris: string[];
                            redirectUris: string[];
                            secretIssuedAt: string | null;
                            /**
                             * @description How the client authenticates at the token endpoint: client_secret_basic, client_secret_post, private_key_jwt (with `jwks`) or none (a public client, which must use PKCE).
                             * @enum {string}
                             */
                            tokenEndpointAuthMethod: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description RELYING_PARTY_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RELYING_PARTY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSignIns: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Attempts at or after this instant. */
                from?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "desc";
                outcome?: "success" | "failure" | "interrupted";
                /** @description A relying party's client id. */
                relyingPartyId?: string;
                /** @description Field to sort by. */
                sort?: "at";
                /** @description Attempts before this instant. */
                to?: string;
                userId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            at: string;
                            /** @enum {string} */
                            clientType: "browser" | "app";
                            detail: string | null;
                            deviceId: string | null;
                            failureReason: string | null;
                            id: string;
                            ip: string | null;
                            /** @enum {string} */
                            outcome: "success" | "failure" | "interrupted";
                            policies: {
                                missingControls: ("mfa" | "compliantDevice" | "appProtection")[];
                                name: string;
                                policyId: string;
                                reportOnly: boolean;
                                /** @enum {string} */
                                result: "notApplied" | "success" | "failure" | "interrupt";
                            }[];
                            relyingPartyId: string | null;
                            /** @enum {string} */
                            signInRisk: "none" | "low" | "medium" | "high";
                            userAgent: string | null;
                            userId: string | null;
                            userName: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, INVALID_FILTER, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUpstreamProviders: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc";
                /** @description Field to sort by. */
                sort?: "createdAt";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description Ward's client id at the upstream. */
                            clientId: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Whether the sign-in page offers it. */
                            enabled: boolean;
                            id: string;
                            /** @description The upstream's issuer identifier (https). */
                            issuer: string;
                            /** @description Shown on the sign-in page as "Sign in with <name>". */
                            name: string;
                            /** @description Refuse upstream identities whose email_verified claim is not true. */
                            requireVerifiedEmail: boolean;
                            scopes: string[];
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                            version: number;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createUpstreamProvider: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    clientId: string;
                    /** @description Stored sealed; never returned. */
                    clientSecret: string;
                    /** @description Default true. */
                    enabled?: boolean;
                    /** @description An https URL without query or fragment, exactly as the upstream names itself. */
                    issuer: string;
                    /** @description Unique within the tenant, compared case-insensitively; at most 100 characters. */
                    name: string;
                    /** @description Default true. */
                    requireVerifiedEmail?: boolean;
                    /** @description Scopes asked for at the upstream; must include openid. Default openid, email, profile. */
                    scopes?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Ward's client id at the upstream. */
                        clientId: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description Whether the sign-in page offers it. */
                        enabled: boolean;
                        id: string;
                        /** @description The upstream's issuer identifier (https). */
                        issuer: string;
                        /** @description Shown on the sign-in page as "Sign in with <name>". */
                        name: string;
                        /** @description Refuse upstream identities whose email_verified claim is not true. */
                        requireVerifiedEmail: boolean;
                        scopes: string[];
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description UPSTREAM_PROVIDER_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UPSTREAM_PROVIDER_LIMIT, UPSTREAM_PROVIDER_NAME_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getUpstreamProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Ward's client id at the upstream. */
                        clientId: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description Whether the sign-in page offers it. */
                        enabled: boolean;
                        id: string;
                        /** @description The upstream's issuer identifier (https). */
                        issuer: string;
                        /** @description Shown on the sign-in page as "Sign in with <name>". */
                        name: string;
                        /** @description Refuse upstream identities whose email_verified claim is not true. */
                        requireVerifiedEmail: boolean;
                        scopes: string[];
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UPSTREAM_PROVIDER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteUpstreamProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UPSTREAM_PROVIDER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateUpstreamProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    clientId?: string;
                    /** @description Stored sealed; never returned. */
                    clientSecret?: string;
                    /** @description Default true. */
                    enabled?: boolean;
                    /** @description The version you edited; another stored version is UPSTREAM_PROVIDER_VERSION_CONFLICT. */
                    expectedVersion?: number;
                    /** @description An https URL without query or fragment, exactly as the upstream names itself. */
                    issuer?: string;
                    /** @description Unique within the tenant, compared case-insensitively; at most 100 characters. */
                    name?: string;
                    /** @description Default true. */
                    requireVerifiedEmail?: boolean;
                    /** @description Scopes asked for at the upstream; must include openid. Default openid, email, profile. */
                    scopes?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Ward's client id at the upstream. */
                        clientId: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description Whether the sign-in page offers it. */
                        enabled: boolean;
                        id: string;
                        /** @description The upstream's issuer identifier (https). */
                        issuer: string;
                        /** @description Shown on the sign-in page as "Sign in with <name>". */
                        name: string;
                        /** @description Refuse upstream identities whose email_verified claim is not true. */
                        requireVerifiedEmail: boolean;
                        scopes: string[];
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every change; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description UPSTREAM_PROVIDER_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UPSTREAM_PROVIDER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UPSTREAM_PROVIDER_NAME_TAKEN, UPSTREAM_PROVIDER_VERSION_CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    whatIfSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    clientType: "browser" | "app";
                    /** @description A device id (as if it proved itself), or `unknown` (the default). */
                    device?: string;
                    /** @description The client address, IPv4 or IPv6. */
                    ip?: string;
                    /** @description Whether the user already passed MFA in the session; default false. */
                    mfaDone?: boolean;
                    /**
                     * @description The platform a user agent would claim, for an unknown device.
                     * @enum {string}
                     */
                    platform?: "linux" | "macos" | "windows" | "ios" | "ipados" | "android";
                    /** @description A relying party's client id. */
                    relyingPartyId: string;
                    /**
                     * @description Assumed risk; by default, from the user's recent failed attempts.
                     * @enum {string}
                     */
                    signInRisk?: "none" | "low" | "medium" | "high";
                    userId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        blockingPolicyIds: string[];
                        challenges: ("mfa" | "reauthenticate")[];
                        /** @enum {string} */
                        decision: "allow" | "block" | "challenge";
                        deviceId: string | null;
                        missingControls: ("mfa" | "compliantDevice" | "appProtection")[];
                        /** @description Enabled and report-only policies, by name. */
                        policies: {
                            applied: boolean;
                            blocks: boolean;
                            challenges: ("mfa" | "reauthenticate")[];
                            missingControls: ("mfa" | "compliantDevice" | "appProtection")[];
                            name: string;
                            notAppliedBecause: ("users" | "relyingParties" | "platforms" | "ownership" | "clientTypes" | "networks" | "signInRisk") | null;
                            policyId: string;
                            reportOnly: boolean;
                            /** @enum {string} */
                            result: "notApplied" | "success" | "failure" | "interrupt";
                            satisfiedControls: ("mfa" | "compliantDevice" | "appProtection")[];
                        }[];
                        satisfiedControls: ("mfa" | "compliantDevice" | "appProtection")[];
                        signInFrequencyHours: number | null;
                        /** @enum {string} */
                        signInRisk: "none" | "low" | "medium" | "high";
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND, RELYING_PARTY_NOT_FOUND, USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMyAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        displayName: string;
                        email: string;
                        enrollment: {
                            allowedPlatforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            allowPersonal: boolean;
                            /** @description Devices (not retired) the person has now. */
                            devices: number;
                            /** @description The most devices one person may have enrolled. */
                            maxDevices: number;
                        };
                        /** @description Admin roles the person also holds; empty for an employee. */
                        roles: ("globalAdmin" | "policyManager" | "helpDeskOperator" | "readOnlyAuditor")[];
                        userId: string;
                    };
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMyApps: {
        parameters: {
            query?: {
                deviceId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: ({
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: {
                                appStoreId: string;
                            };
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "appStore";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: Record<string, never>;
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "microsoftStore";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: {
                                remote: string;
                            };
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "flathub";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: {
                                channel: string;
                                classic: boolean;
                            };
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "snap";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: {
                                packageManagers: ("apt" | "dnf")[];
                            };
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "repository";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: {
                                url: string;
                            };
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "web";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        } | {
                            /** Format: date-time */
                            createdAt: string;
                            currentVersionId: string | null;
                            description: string;
                            details: Record<string, never>;
                            iconSha256: string | null;
                            id: string;
                            /** @description What the kind names the app by: bundle id, Store product id, flatpak ref, snap or package name, reverse-DNS id, or the identifier inside the package. */
                            identifier: string;
                            /** @enum {string} */
                            kind: "lineOfBusiness";
                            name: string;
                            /** @description Platforms the app is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            publisher: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every change (a published version included); send it back as `expectedVersion`. */
                            version: number;
                        })[];
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMyDevices: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc";
                /** @description Field to sort by. */
                sort?: "name";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @enum {string} */
                            complianceState: "unknown" | "compliant" | "inGracePeriod" | "noncompliant" | "error" | "notApplicable";
                            /** Format: date-time */
                            enrolledAt: string;
                            id: string;
                            lastSeenAt: string | null;
                            /** @enum {string} */
                            managementState: "enrolled" | "retirePending" | "retired";
                            manufacturer: string | null;
                            model: string | null;
                            name: string;
                            osVersion: string | null;
                            /** @enum {string} */
                            ownership: "corporate" | "personal" | "unknown";
                            /** @enum {string} */
                            platform: "linux" | "macos" | "windows" | "ios" | "ipados" | "android";
                            serialNumber: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMyDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        complianceState: "unknown" | "compliant" | "inGracePeriod" | "noncompliant" | "error" | "notApplicable";
                        /** Format: date-time */
                        enrolledAt: string;
                        id: string;
                        /** @description What the company’s IT can and cannot see and do on this device. */
                        itAccess: {
                            canDo: string[];
                            cannotDo: string[];
                            cannotSee: string[];
                            canSee: string[];
                        };
                        lastSeenAt: string | null;
                        /** @enum {string} */
                        managementState: "enrolled" | "retirePending" | "retired";
                        manufacturer: string | null;
                        model: string | null;
                        name: string;
                        osVersion: string | null;
                        /** @enum {string} */
                        ownership: "corporate" | "personal" | "unknown";
                        /** @enum {string} */
                        platform: "linux" | "macos" | "windows" | "ios" | "ipados" | "android";
                        serialNumber: string | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    explainMyDeviceCompliance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deviceId: string;
                        lastSeenAt: string | null;
                        policies: {
                            graceEndsAt: string | null;
                            policyName: string | null;
                            /** @description Failing rules first, then unknown, then passed. */
                            rules: {
                                actual: string | null;
                                expected: string;
                                /** @enum {string} */
                                outcome: "passed" | "failed" | "unknown";
                                /** @description What to do; empty when the rule passed. */
                                remediation: string;
                                ruleId: string;
                                title: string;
                            }[];
                            /** @enum {string} */
                            state: "unknown" | "compliant" | "inGracePeriod" | "noncompliant" | "error" | "notApplicable";
                        }[];
                        /** @enum {string} */
                        state: "unknown" | "compliant" | "inGracePeriod" | "noncompliant" | "error" | "notApplicable";
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    retireMyDevice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        commandId: string;
                        deviceId: string;
                        /** @enum {string} */
                        status: "queued" | "alreadyPending";
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DEVICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createMyEnrollment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Whose device it is: the company’s, or the person’s own.
                     * @enum {string}
                     */
                    ownership: "corporate" | "personal";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        appleProfileQrSvg: string | null;
                        appleProfileUrl: string | null;
                        enrollCommand: string | null;
                        qrSvg: string | null;
                        /** @description The secret token text, shown this once. */
                        text: string;
                        token: {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            maxUses: number | null;
                            name: string;
                            /**
                             * @description The ownership devices enrolled with the token get.
                             * @enum {string}
                             */
                            ownership: "corporate" | "personal";
                            revokedAt: string | null;
                            targetGroupId: string | null;
                            userId: string | null;
                            /** @description How many devices have enrolled with it. */
                            uses: number;
                        };
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ENROLLMENT_PERSONAL_NOT_ALLOWED, FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ENROLLMENT_DEVICE_LIMIT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMyPasskeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        passkeys: {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            /** @description Whether the passkey is backed up and synced between devices. */
                            synced: boolean;
                            /** @description How the browser reaches the authenticator (internal, hybrid, usb, …). */
                            transports: string[];
                        }[];
                        /** @description Unused recovery codes. */
                        recoveryCodesLeft: number;
                    };
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    registerPasskey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The challenge of the options answered. */
                    challenge: string;
                    /** @description What to call this passkey. */
                    name?: string;
                    /** @description The PublicKeyCredential from navigator.credentials.create(), as its toJSON() gives it. */
                    response: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        id: string;
                        lastUsedAt: string | null;
                        name: string;
                        /** @description Whether the passkey is backed up and synced between devices. */
                        synced: boolean;
                        /** @description How the browser reaches the authenticator (internal, hybrid, usb, …). */
                        transports: string[];
                    };
                };
            };
            /** @description PASSKEY_CHALLENGE_INVALID, PASSKEY_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PASSKEY_ALREADY_REGISTERED, PASSKEY_LIMIT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeMyPasskey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PASSKEY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    beginPasskeyRegistration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        attestation: "none";
                        authenticatorSelection: {
                            /** @enum {string} */
                            residentKey: "preferred";
                            /** @enum {string} */
                            userVerification: "required";
                        };
                        challenge: string;
                        excludeCredentials: {
                            id: string;
                            transports: string[];
                            /** @enum {string} */
                            type: "public-key";
                        }[];
                        pubKeyCredParams: {
                            alg: number;
                            /** @enum {string} */
                            type: "public-key";
                        }[];
                        rp: {
                            id: string;
                            name: string;
                        };
                        timeout: number;
                        user: {
                            displayName: string;
                            id: string;
                            name: string;
                        };
                    };
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PASSKEY_LIMIT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    generateMyRecoveryCodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Ten codes, each usable once in place of a second factor. */
                        codes: string[];
                        /** Format: date-time */
                        generatedAt: string;
                    };
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An OpenAPI 3.1 document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        openapi: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listProfiles: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                kind?: "settings" | "wifi" | "vpn" | "email" | "certificate" | "custom";
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc" | "desc";
                /** @description Profiles meant for this platform. */
                platform?: "linux" | "macos" | "windows" | "ios" | "ipados" | "android";
                /** @description Case-insensitive part of the name. */
                q?: string;
                /** @description Field to sort by. */
                sort?: "name" | "createdAt" | "updatedAt";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The body of the profile's kind. */
                            body: {
                                /** @description Values by setting id (see `GET /settings`). */
                                settings: {
                                    [key: string]: boolean | number | string;
                                };
                            } | {
                                autoJoin: boolean;
                                eap?: {
                                    /** @description A certificate profile (issued or scep) that gives the device its client certificate. */
                                    clientCertificateProfileId: string;
                                    /** @description The outer identity. May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                                    identity: string;
                                    /** @enum {string} */
                                    method: "tls";
                                    serverNames: string[];
                                    /** @description Certificate profiles (trustedRoot) that validate the RADIUS server. */
                                    trustedRootProfileIds: string[];
                                };
                                hidden: boolean;
                                /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                                passphrase?: null;
                                proxy: {
                                    /** @enum {string} */
                                    type: "none";
                                } | {
                                    host: string;
                                    port: number;
                                    /** @enum {string} */
                                    type: "manual";
                                } | {
                                    pacUrl: string;
                                    /** @enum {string} */
                                    type: "auto";
                                };
                                /** @enum {string} */
                                security: "open" | "wpa2Personal" | "wpa3Personal" | "wpa2Enterprise" | "wpa3Enterprise";
                                /** @description 1 to 32 bytes of UTF-8. */
                                ssid: string;
                            } | ({
                                authentication: {
                                    certificateProfileId: string;
                                    /** @enum {string} */
                                    method: "certificate";
                                    trustedRootProfileIds: string[];
                                } | {
                                    /** @enum {string} */
                                    method: "sharedSecret";
                                    /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                                    sharedSecret: null;
                                };
                                connectionName: string;
                                /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                                localId: string;
                                onDemand: {
                                    enabled: boolean;
                                    /** @description The first rule whose conditions all hold decides. */
                                    rules: {
                                        /** @enum {string} */
                                        action: "connect" | "disconnect" | "ignore";
                                        dnsDomains?: string[];
                                        /** @enum {string} */
                                        interfaceType?: "wifi" | "ethernet" | "any";
                                        ssids?: string[];
                                    }[];
                                };
                                remoteId: string;
                                server: string;
                                /** @enum {string} */
                                type: "ikev2";
                            } | {
                                connectionName: string;
                                /** @description Without a private key each device generates and keeps its own. */
                                interface: {
                                    addresses: string[];
                                    dns: string[];
                                    mtu?: number;
                                    /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                                    privateKey?: null;
                                };
                                onDemand: {
                                    enabled: boolean;
                                    /** @description The first rule whose conditions all hold decides. */
                                    rules: {
                                        /** @enum {string} */
                                        action: "connect" | "disconnect" | "ignore";
                                        dnsDomains?: string[];
                                        /** @enum {string} */
                                        interfaceType?: "wifi" | "ethernet" | "any";
                                        ssids?: string[];
                                    }[];
                                };
                                peers: {
                                    allowedIps: string[];
                                    endpoint: string;
                                    persistentKeepaliveSeconds?: number;
                                    /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                                    presharedKey?: null;
                                    publicKey: string;
                                }[];
                                /** @enum {string} */
                                type: "wireguard";
                            }) | {
                                accountName: string;
                                /** @enum {string} */
                                accountType: "exchange" | "imap";
                                /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                                emailAddress: string;
                                exchange?: {
                                    host: string;
                                    ssl: boolean;
                                };
                                incoming?: {
                                    host: string;
                                    port: number;
                                    ssl: boolean;
                                };
                                outgoing?: {
                                    host: string;
                                    port: number;
                                    ssl: boolean;
                                };
                                /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                                username: string;
                            } | ({
                                certificatePem: string;
                                name: string;
                                /** @enum {string} */
                                type: "trustedRoot";
                            } | {
                                /** @enum {string} */
                                scope: "device" | "user";
                                /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                                subject: string;
                                /** @enum {string} */
                                type: "issued";
                                validityDays: number;
                            } | {
                                /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                                challenge: null;
                                /** @enum {integer} */
                                keySize: 2048 | 3072 | 4096;
                                keyUsage: ("digitalSignature" | "keyEncipherment")[];
                                /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                                subject: string;
                                /** @enum {string} */
                                type: "scep";
                                url: string;
                            }) | ({
                                contentBase64: string;
                                /** @enum {string} */
                                format: "file";
                                /** @description Octal, such as 0644. */
                                mode: string;
                                path: string;
                                /** @enum {string} */
                                platform: "linux";
                            } | {
                                contentBase64: string;
                                /** @enum {string} */
                                format: "mobileconfig";
                                /** @enum {string} */
                                platform: "macos";
                            } | {
                                contentBase64: string;
                                /** @enum {string} */
                                format: "syncml";
                                /** @enum {string} */
                                platform: "windows";
                            });
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            id: string;
                            /** @enum {string} */
                            kind: "settings" | "wifi" | "vpn" | "email" | "certificate" | "custom";
                            name: string;
                            /** @description Platforms the profile is meant for; elsewhere it is not applicable. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            /** @description Paths of the secrets that are stored (`passphrase`, `peers[<publicKey>].presharedKey`, …). */
                            secretsSet: string[];
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description 1 on create, +1 on every update; send it back as `expectedVersion` to update safely. */
                            version: number;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, INVALID_FILTER, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description The body of the profile's kind, as in `Profile.body` (settings, wifi, vpn, email, certificate, custom). Secrets are given as text; on update, null keeps the stored one. Checked by the settings catalog and the kind's rules.
                     * @example {
                     *       "settings": {
                     *         "passcode.required": true,
                     *         "passcode.minimumLength": 8,
                     *         "screenLock.timeoutSeconds": 300
                     *       }
                     *     }
                     * @example {
                     *       "ssid": "Corp",
                     *       "hidden": false,
                     *       "autoJoin": true,
                     *       "security": "wpa2Personal",
                     *       "passphrase": "correct horse battery",
                     *       "proxy": {
                     *         "type": "none"
                     *       }
                     *     }
                     * @example {
                     *       "connectionName": "Corp VPN",
                     *       "onDemand": {
                     *         "enabled": false,
                     *         "rules": []
                     *       },
                     *       "type": "wireguard",
                     *       "interface": {
                     *         "addresses": [
                     *           "10.8.0.2/32"
                     *         ],
                     *         "dns": [
                     *           "10.8.0.1"
                     *         ]
                     *       },
                     *       "peers": [
                     *         {
                     *           "publicKey": "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=",
                     *           "endpoint": "vpn.example.com:51820",
                     *           "allowedIps": [
                     *             "10.0.0.0/8"
                     *           ]
                     *         }
                     *       ]
                     *     }
                     * @example {
                     *       "accountType": "imap",
                     *       "accountName": "Work mail",
                     *       "emailAddress": "{{user.email}}",
                     *       "username": "{{user.upn}}",
                     *       "incoming": {
                     *         "host": "imap.example.com",
                     *         "port": 993,
                     *         "ssl": true
                     *       },
                     *       "outgoing": {
                     *         "host": "smtp.example.com",
                     *         "port": 587,
                     *         "ssl": true
                     *       }
                     *     }
                     * @example {
                     *       "type": "trustedRoot",
                     *       "name": "Corp root",
                     *       "certificatePem": "-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n"
                     *     }
                     * @example {
                     *       "platform": "linux",
                     *       "format": "file",
                     *       "path": "/etc/example.conf",
                     *       "contentBase64": "a2V5PXZhbHVlCg==",
                     *       "mode": "0644"
                     *     }
                     */
                    body: unknown;
                    /** @description At most 2000 characters. */
                    description?: string;
                    /** @enum {string} */
                    kind: "settings" | "wifi" | "vpn" | "email" | "certificate" | "custom";
                    /** @description Unique within the tenant, compared case-insensitively; at most 128 characters. */
                    name: string;
                    /** @description Defaults to every platform the content can reach. */
                    platforms?: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The body of the profile's kind. */
                        body: {
                            /** @description Values by setting id (see `GET /settings`). */
                            settings: {
                                [key: string]: boolean | number | string;
                            };
                        } | {
                            autoJoin: boolean;
                            eap?: {
                                /** @description A certificate profile (issued or scep) that gives the device its client certificate. */
                                clientCertificateProfileId: string;
                                /** @description The outer identity. May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                                identity: string;
                                /** @enum {string} */
                                method: "tls";
                                serverNames: string[];
                                /** @description Certificate profiles (trustedRoot) that validate the RADIUS server. */
                                trustedRootProfileIds: string[];
                            };
                            hidden: boolean;
                            /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                            passphrase?: null;
                            proxy: {
                                /** @enum {string} */
                                type: "none";
                            } | {
                                host: string;
                                port: number;
                                /** @enum {string} */
                                type: "manual";
                            } | {
                                pacUrl: string;
                                /** @enum {string} */
                                type: "auto";
                            };
                            /** @enum {string} */
                            security: "open" | "wpa2Personal" | "wpa3Personal" | "wpa2Enterprise" | "wpa3Enterprise";
                            /** @description 1 to 32 bytes of UTF-8. */
                            ssid: string;
                        } | ({
                            authentication: {
                                certificateProfileId: string;
                                /** @enum {string} */
                                method: "certificate";
                                trustedRootProfileIds: string[];
                            } | {
                                /** @enum {string} */
                                method: "sharedSecret";
                                /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                                sharedSecret: null;
                            };
                            connectionName: string;
                            /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                            localId: string;
                            onDemand: {
                                enabled: boolean;
                                /** @description The first rule whose conditions all hold decides. */
                                rules: {
                                    /** @enum {string} */
                                    action: "connect" | "disconnect" | "ignore";
                                    dnsDomains?: string[];
                                    /** @enum {string} */
                                    interfaceType?: "wifi" | "ethernet" | "any";
                                    ssids?: string[];
                                }[];
                            };
                            remoteId: string;
                            server: string;
                            /** @enum {string} */
                            type: "ikev2";
                        } | {
                            connectionName: string;
                            /** @description Without a private key each device generates and keeps its own. */
                            interface: {
                                addresses: string[];
                                dns: string[];
                                mtu?: number;
                                /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                                privateKey?: null;
                            };
                            onDemand: {
                                enabled: boolean;
                                /** @description The first rule whose conditions all hold decides. */
                                rules: {
                                    /** @enum {string} */
                                    action: "connect" | "disconnect" | "ignore";
                                    dnsDomains?: string[];
                                    /** @enum {string} */
                                    interfaceType?: "wifi" | "ethernet" | "any";
                                    ssids?: string[];
                                }[];
                            };
                            peers: {
                                allowedIps: string[];
                                endpoint: string;
                                persistentKeepaliveSeconds?: number;
                                /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                                presharedKey?: null;
                                publicKey: string;
                            }[];
                            /** @enum {string} */
                            type: "wireguard";
                        }) | {
                            accountName: string;
                            /** @enum {string} */
                            accountType: "exchange" | "imap";
                            /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                            emailAddress: string;
                            exchange?: {
                                host: string;
                                ssl: boolean;
                            };
                            incoming?: {
                                host: string;
                                port: number;
                                ssl: boolean;
                            };
                            outgoing?: {
                                host: string;
                                port: number;
                                ssl: boolean;
                            };
                            /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                            username: string;
                        } | ({
                            certificatePem: string;
                            name: string;
                            /** @enum {string} */
                            type: "trustedRoot";
                        } | {
                            /** @enum {string} */
                            scope: "device" | "user";
                            /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                            subject: string;
                            /** @enum {string} */
                            type: "issued";
                            validityDays: number;
                        } | {
                            /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                            challenge: null;
                            /** @enum {integer} */
                            keySize: 2048 | 3072 | 4096;
                            keyUsage: ("digitalSignature" | "keyEncipherment")[];
                            /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                            subject: string;
                            /** @enum {string} */
                            type: "scep";
                            url: string;
                        }) | ({
                            contentBase64: string;
                            /** @enum {string} */
                            format: "file";
                            /** @description Octal, such as 0644. */
                            mode: string;
                            path: string;
                            /** @enum {string} */
                            platform: "linux";
                        } | {
                            contentBase64: string;
                            /** @enum {string} */
                            format: "mobileconfig";
                            /** @enum {string} */
                            platform: "macos";
                        } | {
                            contentBase64: string;
                            /** @enum {string} */
                            format: "syncml";
                            /** @enum {string} */
                            platform: "windows";
                        });
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        /** @enum {string} */
                        kind: "settings" | "wifi" | "vpn" | "email" | "certificate" | "custom";
                        name: string;
                        /** @description Platforms the profile is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        /** @description Paths of the secrets that are stored (`passphrase`, `peers[<publicKey>].presharedKey`, …). */
                        secretsSet: string[];
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every update; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description PROFILE_INVALID, PROFILE_SECRET_REQUIRED, PROFILE_VARIABLE_UNKNOWN, SETTING_PLATFORM_UNSUPPORTED, SETTING_UNKNOWN, SETTING_VALUE_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PROFILE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PROFILE_KIND_MISMATCH, PROFILE_NAME_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The body of the profile's kind. */
                        body: {
                            /** @description Values by setting id (see `GET /settings`). */
                            settings: {
                                [key: string]: boolean | number | string;
                            };
                        } | {
                            autoJoin: boolean;
                            eap?: {
                                /** @description A certificate profile (issued or scep) that gives the device its client certificate. */
                                clientCertificateProfileId: string;
                                /** @description The outer identity. May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                                identity: string;
                                /** @enum {string} */
                                method: "tls";
                                serverNames: string[];
                                /** @description Certificate profiles (trustedRoot) that validate the RADIUS server. */
                                trustedRootProfileIds: string[];
                            };
                            hidden: boolean;
                            /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                            passphrase?: null;
                            proxy: {
                                /** @enum {string} */
                                type: "none";
                            } | {
                                host: string;
                                port: number;
                                /** @enum {string} */
                                type: "manual";
                            } | {
                                pacUrl: string;
                                /** @enum {string} */
                                type: "auto";
                            };
                            /** @enum {string} */
                            security: "open" | "wpa2Personal" | "wpa3Personal" | "wpa2Enterprise" | "wpa3Enterprise";
                            /** @description 1 to 32 bytes of UTF-8. */
                            ssid: string;
                        } | ({
                            authentication: {
                                certificateProfileId: string;
                                /** @enum {string} */
                                method: "certificate";
                                trustedRootProfileIds: string[];
                            } | {
                                /** @enum {string} */
                                method: "sharedSecret";
                                /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                                sharedSecret: null;
                            };
                            connectionName: string;
                            /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                            localId: string;
                            onDemand: {
                                enabled: boolean;
                                /** @description The first rule whose conditions all hold decides. */
                                rules: {
                                    /** @enum {string} */
                                    action: "connect" | "disconnect" | "ignore";
                                    dnsDomains?: string[];
                                    /** @enum {string} */
                                    interfaceType?: "wifi" | "ethernet" | "any";
                                    ssids?: string[];
                                }[];
                            };
                            remoteId: string;
                            server: string;
                            /** @enum {string} */
                            type: "ikev2";
                        } | {
                            connectionName: string;
                            /** @description Without a private key each device generates and keeps its own. */
                            interface: {
                                addresses: string[];
                                dns: string[];
                                mtu?: number;
                                /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                                privateKey?: null;
                            };
                            onDemand: {
                                enabled: boolean;
                                /** @description The first rule whose conditions all hold decides. */
                                rules: {
                                    /** @enum {string} */
                                    action: "connect" | "disconnect" | "ignore";
                                    dnsDomains?: string[];
                                    /** @enum {string} */
                                    interfaceType?: "wifi" | "ethernet" | "any";
                                    ssids?: string[];
                                }[];
                            };
                            peers: {
                                allowedIps: string[];
                                endpoint: string;
                                persistentKeepaliveSeconds?: number;
                                /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                                presharedKey?: null;
                                publicKey: string;
                            }[];
                            /** @enum {string} */
                            type: "wireguard";
                        }) | {
                            accountName: string;
                            /** @enum {string} */
                            accountType: "exchange" | "imap";
                            /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                            emailAddress: string;
                            exchange?: {
                                host: string;
                                ssl: boolean;
                            };
                            incoming?: {
                                host: string;
                                port: number;
                                ssl: boolean;
                            };
                            outgoing?: {
                                host: string;
                                port: number;
                                ssl: boolean;
                            };
                            /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                            username: string;
                        } | ({
                            certificatePem: string;
                            name: string;
                            /** @enum {string} */
                            type: "trustedRoot";
                        } | {
                            /** @enum {string} */
                            scope: "device" | "user";
                            /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                            subject: string;
                            /** @enum {string} */
                            type: "issued";
                            validityDays: number;
                        } | {
                            /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                            challenge: null;
                            /** @enum {integer} */
                            keySize: 2048 | 3072 | 4096;
                            keyUsage: ("digitalSignature" | "keyEncipherment")[];
                            /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                            subject: string;
                            /** @enum {string} */
                            type: "scep";
                            url: string;
                        }) | ({
                            contentBase64: string;
                            /** @enum {string} */
                            format: "file";
                            /** @description Octal, such as 0644. */
                            mode: string;
                            path: string;
                            /** @enum {string} */
                            platform: "linux";
                        } | {
                            contentBase64: string;
                            /** @enum {string} */
                            format: "mobileconfig";
                            /** @enum {string} */
                            platform: "macos";
                        } | {
                            contentBase64: string;
                            /** @enum {string} */
                            format: "syncml";
                            /** @enum {string} */
                            platform: "windows";
                        });
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        /** @enum {string} */
                        kind: "settings" | "wifi" | "vpn" | "email" | "certificate" | "custom";
                        name: string;
                        /** @description Platforms the profile is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        /** @description Paths of the secrets that are stored (`passphrase`, `peers[<publicKey>].presharedKey`, …). */
                        secretsSet: string[];
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every update; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PROFILE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replaceProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description The body of the profile's kind, as in `Profile.body` (settings, wifi, vpn, email, certificate, custom). Secrets are given as text; on update, null keeps the stored one. Checked by the settings catalog and the kind's rules.
                     * @example {
                     *       "settings": {
                     *         "passcode.required": true,
                     *         "passcode.minimumLength": 8,
                     *         "screenLock.timeoutSeconds": 300
                     *       }
                     *     }
                     * @example {
                     *       "ssid": "Corp",
                     *       "hidden": false,
                     *       "autoJoin": true,
                     *       "security": "wpa2Personal",
                     *       "passphrase": "correct horse battery",
                     *       "proxy": {
                     *         "type": "none"
                     *       }
                     *     }
                     * @example {
                     *       "connectionName": "Corp VPN",
                     *       "onDemand": {
                     *         "enabled": false,
                     *         "rules": []
                     *       },
                     *       "type": "wireguard",
                     *       "interface": {
                     *         "addresses": [
                     *           "10.8.0.2/32"
                     *         ],
                     *         "dns": [
                     *           "10.8.0.1"
                     *         ]
                     *       },
                     *       "peers": [
                     *         {
                     *           "publicKey": "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=",
                     *           "endpoint": "vpn.example.com:51820",
                     *           "allowedIps": [
                     *             "10.0.0.0/8"
                     *           ]
                     *         }
                     *       ]
                     *     }
                     * @example {
                     *       "accountType": "imap",
                     *       "accountName": "Work mail",
                     *       "emailAddress": "{{user.email}}",
                     *       "username": "{{user.upn}}",
                     *       "incoming": {
                     *         "host": "imap.example.com",
                     *         "port": 993,
                     *         "ssl": true
                     *       },
                     *       "outgoing": {
                     *         "host": "smtp.example.com",
                     *         "port": 587,
                     *         "ssl": true
                     *       }
                     *     }
                     * @example {
                     *       "type": "trustedRoot",
                     *       "name": "Corp root",
                     *       "certificatePem": "-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n"
                     *     }
                     * @example {
                     *       "platform": "linux",
                     *       "format": "file",
                     *       "path": "/etc/example.conf",
                     *       "contentBase64": "a2V5PXZhbHVlCg==",
                     *       "mode": "0644"
                     *     }
                     */
                    body: unknown;
                    /** @description At most 2000 characters. */
                    description?: string;
                    /** @description The version you edited; another stored version is PROFILE_VERSION_CONFLICT. */
                    expectedVersion?: number;
                    /** @enum {string} */
                    kind: "settings" | "wifi" | "vpn" | "email" | "certificate" | "custom";
                    /** @description Unique within the tenant, compared case-insensitively; at most 128 characters. */
                    name: string;
                    /** @description Defaults to every platform the content can reach. */
                    platforms?: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The body of the profile's kind. */
                        body: {
                            /** @description Values by setting id (see `GET /settings`). */
                            settings: {
                                [key: string]: boolean | number | string;
                            };
                        } | {
                            autoJoin: boolean;
                            eap?: {
                                /** @description A certificate profile (issued or scep) that gives the device its client certificate. */
                                clientCertificateProfileId: string;
                                /** @description The outer identity. May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                                identity: string;
                                /** @enum {string} */
                                method: "tls";
                                serverNames: string[];
                                /** @description Certificate profiles (trustedRoot) that validate the RADIUS server. */
                                trustedRootProfileIds: string[];
                            };
                            hidden: boolean;
                            /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                            passphrase?: null;
                            proxy: {
                                /** @enum {string} */
                                type: "none";
                            } | {
                                host: string;
                                port: number;
                                /** @enum {string} */
                                type: "manual";
                            } | {
                                pacUrl: string;
                                /** @enum {string} */
                                type: "auto";
                            };
                            /** @enum {string} */
                            security: "open" | "wpa2Personal" | "wpa3Personal" | "wpa2Enterprise" | "wpa3Enterprise";
                            /** @description 1 to 32 bytes of UTF-8. */
                            ssid: string;
                        } | ({
                            authentication: {
                                certificateProfileId: string;
                                /** @enum {string} */
                                method: "certificate";
                                trustedRootProfileIds: string[];
                            } | {
                                /** @enum {string} */
                                method: "sharedSecret";
                                /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                                sharedSecret: null;
                            };
                            connectionName: string;
                            /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                            localId: string;
                            onDemand: {
                                enabled: boolean;
                                /** @description The first rule whose conditions all hold decides. */
                                rules: {
                                    /** @enum {string} */
                                    action: "connect" | "disconnect" | "ignore";
                                    dnsDomains?: string[];
                                    /** @enum {string} */
                                    interfaceType?: "wifi" | "ethernet" | "any";
                                    ssids?: string[];
                                }[];
                            };
                            remoteId: string;
                            server: string;
                            /** @enum {string} */
                            type: "ikev2";
                        } | {
                            connectionName: string;
                            /** @description Without a private key each device generates and keeps its own. */
                            interface: {
                                addresses: string[];
                                dns: string[];
                                mtu?: number;
                                /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                                privateKey?: null;
                            };
                            onDemand: {
                                enabled: boolean;
                                /** @description The first rule whose conditions all hold decides. */
                                rules: {
                                    /** @enum {string} */
                                    action: "connect" | "disconnect" | "ignore";
                                    dnsDomains?: string[];
                                    /** @enum {string} */
                                    interfaceType?: "wifi" | "ethernet" | "any";
                                    ssids?: string[];
                                }[];
                            };
                            peers: {
                                allowedIps: string[];
                                endpoint: string;
                                persistentKeepaliveSeconds?: number;
                                /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                                presharedKey?: null;
                                publicKey: string;
                            }[];
                            /** @enum {string} */
                            type: "wireguard";
                        }) | {
                            accountName: string;
                            /** @enum {string} */
                            accountType: "exchange" | "imap";
                            /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                            emailAddress: string;
                            exchange?: {
                                host: string;
                                ssl: boolean;
                            };
                            incoming?: {
                                host: string;
                                port: number;
                                ssl: boolean;
                            };
                            outgoing?: {
                                host: string;
                                port: number;
                                ssl: boolean;
                            };
                            /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                            username: string;
                        } | ({
                            certificatePem: string;
                            name: string;
                            /** @enum {string} */
                            type: "trustedRoot";
                        } | {
                            /** @enum {string} */
                            scope: "device" | "user";
                            /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                            subject: string;
                            /** @enum {string} */
                            type: "issued";
                            validityDays: number;
                        } | {
                            /** @description Write-only: always null when read (see `secretsSet`). On update, null keeps the stored secret. */
                            challenge: null;
                            /** @enum {integer} */
                            keySize: 2048 | 3072 | 4096;
                            keyUsage: ("digitalSignature" | "keyEncipherment")[];
                            /** @description May use variables: {{user.email}}, {{user.displayName}}, {{user.upn}}, {{device.serial}}, {{device.name}}, {{device.id}}, {{device.model}}. */
                            subject: string;
                            /** @enum {string} */
                            type: "scep";
                            url: string;
                        }) | ({
                            contentBase64: string;
                            /** @enum {string} */
                            format: "file";
                            /** @description Octal, such as 0644. */
                            mode: string;
                            path: string;
                            /** @enum {string} */
                            platform: "linux";
                        } | {
                            contentBase64: string;
                            /** @enum {string} */
                            format: "mobileconfig";
                            /** @enum {string} */
                            platform: "macos";
                        } | {
                            contentBase64: string;
                            /** @enum {string} */
                            format: "syncml";
                            /** @enum {string} */
                            platform: "windows";
                        });
                        /** Format: date-time */
                        createdAt: string;
                        description: string;
                        id: string;
                        /** @enum {string} */
                        kind: "settings" | "wifi" | "vpn" | "email" | "certificate" | "custom";
                        name: string;
                        /** @description Platforms the profile is meant for; elsewhere it is not applicable. */
                        platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                        /** @description Paths of the secrets that are stored (`passphrase`, `peers[<publicKey>].presharedKey`, …). */
                        secretsSet: string[];
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description 1 on create, +1 on every update; send it back as `expectedVersion` to update safely. */
                        version: number;
                    };
                };
            };
            /** @description PROFILE_INVALID, PROFILE_SECRET_REQUIRED, PROFILE_VARIABLE_UNKNOWN, SETTING_PLATFORM_UNSUPPORTED, SETTING_UNKNOWN, SETTING_VALUE_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PROFILE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PROFILE_IN_USE, PROFILE_KIND_MISMATCH, PROFILE_NAME_TAKEN, PROFILE_VERSION_CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PROFILE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PROFILE_IN_USE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listProfileAssignments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            filter: {
                                filterId: string;
                                /**
                                 * @description `include`: only devices the filter matches; `exclude`: only those it does not.
                                 * @enum {string}
                                 */
                                mode: "include" | "exclude";
                            } | null;
                            id: string;
                            /**
                             * @description Profiles and compliance policies are always `required`.
                             * @enum {string}
                             */
                            intent: "required" | "available" | "uninstall" | "availableWithoutEnrollment";
                            /** @description The profile's or compliance policy's id. */
                            itemId: string;
                            /** @enum {string} */
                            itemKind: "profile" | "compliancePolicy" | "app";
                            /**
                             * @description Exclude wins: a device reached by an exclude assignment of an item does not get it.
                             * @enum {string}
                             */
                            mode: "include" | "exclude";
                            /** @description `allUsers`: every device that has a primary user; `allDevices`: every device; a group of users reaches their devices. */
                            target: {
                                groupId: string;
                                /** @enum {string} */
                                type: "group";
                            } | {
                                /** @enum {string} */
                                type: "allUsers";
                            } | {
                                /** @enum {string} */
                                type: "allDevices";
                            };
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PROFILE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createProfileAssignment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    filter?: {
                        filterId: string;
                        /**
                         * @description `include`: only devices the filter matches; `exclude`: only those it does not.
                         * @enum {string}
                         */
                        mode: "include" | "exclude";
                    } | null;
                    /**
                     * @description Profiles and compliance policies are always `required`.
                     * @enum {string}
                     */
                    intent?: "required" | "available" | "uninstall" | "availableWithoutEnrollment";
                    /**
                     * @description Exclude wins: a device reached by an exclude assignment of an item does not get it.
                     * @enum {string}
                     */
                    mode?: "include" | "exclude";
                    /** @description `{ "type": "group", "groupId": … }`, `{ "type": "allUsers" }` or `{ "type": "allDevices" }`. One assignment per item and target. */
                    target: {
                        groupId?: string;
                        /** @enum {string} */
                        type: "group" | "allUsers" | "allDevices";
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        filter: {
                            filterId: string;
                            /**
                             * @description `include`: only devices the filter matches; `exclude`: only those it does not.
                             * @enum {string}
                             */
                            mode: "include" | "exclude";
                        } | null;
                        id: string;
                        /**
                         * @description Profiles and compliance policies are always `required`.
                         * @enum {string}
                         */
                        intent: "required" | "available" | "uninstall" | "availableWithoutEnrollment";
                        /** @description The profile's or compliance policy's id. */
                        itemId: string;
                        /** @enum {string} */
                        itemKind: "profile" | "compliancePolicy" | "app";
                        /**
                         * @description Exclude wins: a device reached by an exclude assignment of an item does not get it.
                         * @enum {string}
                         */
                        mode: "include" | "exclude";
                        /** @description `allUsers`: every device that has a primary user; `allDevices`: every device; a group of users reaches their devices. */
                        target: {
                            groupId: string;
                            /** @enum {string} */
                            type: "group";
                        } | {
                            /** @enum {string} */
                            type: "allUsers";
                        } | {
                            /** @enum {string} */
                            type: "allDevices";
                        };
                    };
                };
            };
            /** @description ASSIGNMENT_FILTER_INVALID, ASSIGNMENT_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ASSIGNMENT_FILTER_NOT_FOUND, ASSIGNMENT_GROUP_NOT_FOUND, ASSIGNMENT_ITEM_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ASSIGNMENT_EXISTS */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getProfileSettingStatus: {
        parameters: {
            query?: {
                /** @description `csv` answers with the report as CSV, as does `Accept: text/csv`; `json` (the default) wins over the Accept header. */
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description Devices where the setting is withheld because another profile sets it differently. */
                            conflict: number;
                            failed: number;
                            name: string;
                            notApplicable: number;
                            settingId: string;
                            succeeded: number;
                        }[];
                        nextCursor: null;
                    };
                    "text/csv": string;
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PROFILE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PROFILE_KIND_MISMATCH */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getProfileStatus: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description `csv` answers with the report as CSV, as does `Accept: text/csv`; `json` (the default) wins over the Accept header. */
                format?: "json" | "csv";
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc";
                /** @description Field to sort by. */
                sort?: "deviceId";
                /** @description Only devices in this status. */
                status?: "pending" | "succeeded" | "failed" | "conflict" | "notApplicable" | "removing";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Devices by status. */
                        counts: {
                            conflict: number;
                            failed: number;
                            notApplicable: number;
                            pending: number;
                            removing: number;
                            succeeded: number;
                        };
                        items: {
                            /**
                             * @description What the server wants the device to do with the profile.
                             * @enum {string}
                             */
                            action: "install" | "remove" | "notApplicable";
                            conflicts: {
                                /** @description Every profile that sets it on this device, this one included. */
                                profileIds: string[];
                                settingId: string;
                            }[];
                            /** Format: date-time */
                            desiredAt: string;
                            desiredHash: string | null;
                            deviceId: string;
                            deviceName: string | null;
                            error: string | null;
                            reason: string | null;
                            reportedAt: string | null;
                            reportedHash: string | null;
                            reportedStatus: ("succeeded" | "failed" | "notApplicable" | "removed") | null;
                            /** @description Per-setting outcomes the device reported. */
                            settings: {
                                error?: string;
                                id: string;
                                /** @enum {string} */
                                status: "succeeded" | "failed" | "notApplicable";
                            }[];
                            /**
                             * @description `pending`: the device has not confirmed the current version; `conflict`: settings collide with another profile and were withheld; `removing`: no longer assigned, awaiting removal.
                             * @enum {string}
                             */
                            status: "pending" | "succeeded" | "failed" | "conflict" | "notApplicable" | "removing";
                        }[];
                        nextCursor: string | null;
                        profileId: string;
                    };
                    "text/csv": string;
                };
            };
            /** @description INVALID_CURSOR, INVALID_FILTER, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PROFILE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getComplianceHistory: {
        parameters: {
            query?: {
                /** @description Days up to and including today (UTC). */
                days?: number;
                /** @description `csv` answers with the report as CSV, as does `Accept: text/csv`; `json` (the default) wins over the Accept header. */
                format?: "json" | "csv";
                /** @description One compliance policy's history: devices by their state against it. Absent: devices by their overall state. */
                policyId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A calendar day in UTC, YYYY-MM-DD. */
                        fromDay: string;
                        /** @description One per day from fromDay to toDay, oldest first. */
                        points: {
                            byState: {
                                compliant: number;
                                error: number;
                                inGracePeriod: number;
                                noncompliant: number;
                                notApplicable: number;
                                unknown: number;
                            } | null;
                            /** @description A calendar day in UTC, YYYY-MM-DD. */
                            day: string;
                            total: number | null;
                        }[];
                        policyId: string | null;
                        policyName: string | null;
                        /** @description A calendar day in UTC, YYYY-MM-DD. */
                        toDay: string;
                    };
                    "text/csv": string;
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description COMPLIANCE_POLICY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportComplianceHistory: {
        parameters: {
            query?: {
                /** @description Days up to and including today (UTC). */
                days?: number;
                /** @description One compliance policy's history: devices by their state against it. Absent: devices by their overall state. */
                policyId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description COMPLIANCE_POLICY_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getComplianceOverview: {
        parameters: {
            query?: {
                /** @description CSV only: which table of the overview the file holds. */
                by?: "state" | "platform" | "policy" | "rule";
                /** @description `csv` answers with the report as CSV, as does `Accept: text/csv`; `json` (the default) wins over the Accept header. */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        byPlatform: {
                            /** @description Devices by state. */
                            byState: {
                                compliant: number;
                                error: number;
                                inGracePeriod: number;
                                noncompliant: number;
                                notApplicable: number;
                                unknown: number;
                            };
                            /** @enum {string} */
                            platform: "linux" | "macos" | "windows" | "ios" | "ipados" | "android";
                            total: number;
                        }[];
                        /** @description Devices by their state against each policy. */
                        byPolicy: {
                            /** @description Devices by state. */
                            byState: {
                                compliant: number;
                                error: number;
                                inGracePeriod: number;
                                noncompliant: number;
                                notApplicable: number;
                                unknown: number;
                            };
                            policyId: string;
                            policyName: string;
                            total: number;
                        }[];
                        /** @description Most failures first. */
                        byRule: {
                            /** @description Devices by outcome. */
                            counts: {
                                failed: number;
                                passed: number;
                                unknown: number;
                            };
                            policyId: string;
                            policyName: string;
                            ruleId: string;
                            title: string;
                        }[];
                        /** @description Devices by state. */
                        byState: {
                            compliant: number;
                            error: number;
                            inGracePeriod: number;
                            noncompliant: number;
                            notApplicable: number;
                            unknown: number;
                        };
                        /** @description Devices (not retired). */
                        total: number;
                    };
                    "text/csv": string;
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDeviceOverview: {
        parameters: {
            query?: {
                /** @description UTC days of enrollments, today included. */
                days?: number;
                /** @description OS versions named per platform; the rest are counted as `other`. */
                osVersionsPerPlatform?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Devices by compliance state (not retired). */
                        byComplianceState: {
                            compliant: number;
                            error: number;
                            inGracePeriod: number;
                            noncompliant: number;
                            notApplicable: number;
                            unknown: number;
                        };
                        /** @description Devices by management state, retired ones included. */
                        byManagementState: {
                            enrolled: number;
                            retired: number;
                            retirePending: number;
                        };
                        /** @description Devices by ownership (not retired). */
                        byOwnership: {
                            corporate: number;
                            personal: number;
                            unknown: number;
                        };
                        /** @description Devices by platform (not retired). */
                        byPlatform: {
                            android: number;
                            ios: number;
                            ipados: number;
                            linux: number;
                            macos: number;
                            windows: number;
                        };
                        /** @description Every day of the period, oldest first, today last. */
                        enrollmentsPerDay: {
                            count: number;
                            /** @description YYYY-MM-DD, UTC. */
                            day: string;
                        }[];
                        /** Format: date-time */
                        generatedAt: string;
                        /** @description The most common OS versions of each platform that has devices. */
                        osVersions: {
                            /** @description Devices of the platform on versions not named. */
                            other: number;
                            /** @enum {string} */
                            platform: "linux" | "macos" | "windows" | "ios" | "ipados" | "android";
                            total: number;
                            /** @description Most devices first. */
                            versions: {
                                count: number;
                                osVersion: string | null;
                            }[];
                        }[];
                        /** @description Remote actions queued or sent and not yet answered, by type. */
                        pendingActions: {
                            clearPasscode: number;
                            disableLostMode: number;
                            enableLostMode: number;
                            lock: number;
                            refreshInventory: number;
                            restart: number;
                            retire: number;
                            runScript: number;
                            shutdown: number;
                            sync: number;
                            wipe: number;
                        };
                        retired: number;
                        /** @description Devices under management (not retired) within your device scope. */
                        total: number;
                    };
                };
            };
            /** @description INVALID_FILTER, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDevicesInGrace: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                /** @description `csv` answers with the report as CSV, as does `Accept: text/csv`; `json` (the default) wins over the Accept header. */
                format?: "json" | "csv";
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc";
                /** @description Only this policy. */
                policyId?: string;
                /** @description Field to sort by. */
                sort?: "deadline";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /**
                             * Format: date-time
                             * @description When the device becomes noncompliant unless fixed.
                             */
                            deadline: string;
                            deviceId: string;
                            deviceName: string;
                            failedRules: {
                                ruleId: string;
                                title: string;
                            }[];
                            /** Format: date-time */
                            failingSince: string;
                            /** @enum {string} */
                            platform: "linux" | "macos" | "windows" | "ios" | "ipados" | "android";
                            policyId: string;
                            policyName: string;
                        }[];
                        nextCursor: string | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description INVALID_CURSOR, INVALID_FILTER, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getProfileStatusOverview: {
        parameters: {
            query?: {
                /** @description `csv` answers with the report as CSV, as does `Accept: text/csv`; `json` (the default) wins over the Accept header. */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description Devices by status. */
                            counts: {
                                conflict: number;
                                failed: number;
                                notApplicable: number;
                                pending: number;
                                removing: number;
                                succeeded: number;
                            };
                            /** @enum {string} */
                            kind: "settings" | "wifi" | "vpn" | "email" | "certificate" | "custom";
                            name: string;
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            profileId: string;
                            /** @description Devices that have the profile in their desired state or are removing it. */
                            total: number;
                        }[];
                    };
                    "text/csv": string;
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSettings: {
        parameters: {
            query?: {
                /** @description Only settings of this category. */
                category?: "passcode" | "encryption" | "firewall" | "screenLock" | "osUpdate" | "restrictions" | "softwareUpdate" | "lockScreen";
                /** @description Only settings this platform can take. */
                platform?: "linux" | "macos" | "windows" | "ios" | "ipados" | "android";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @enum {string} */
                            category: "passcode" | "encryption" | "firewall" | "screenLock" | "osUpdate" | "restrictions" | "softwareUpdate" | "lockScreen";
                            default: boolean | number | string;
                            description: string;
                            /** @description Stable dotted id used in profiles, reports and on the wire: `passcode.minimumLength`. */
                            id: string;
                            /** @description Where the setting lands in each platform's own payload. */
                            mappings: {
                                android?: {
                                    /** @description Where the platform's meaning or unit differs from the catalog's. */
                                    note?: string;
                                    /** @description The Android Management API policy field. */
                                    policyField: string;
                                };
                                apple?: {
                                    key: string;
                                    /** @description Where the platform's meaning or unit differs from the catalog's. */
                                    note?: string;
                                    payloadType: string;
                                    platforms: ("macos" | "ios" | "ipados")[];
                                };
                                linux?: {
                                    /** @description What the agent drives. */
                                    mechanism: string;
                                    /** @description Where the platform's meaning or unit differs from the catalog's. */
                                    note?: string;
                                };
                                windows?: {
                                    /** @description The CSP node (OMA-URI). */
                                    cspPath: string;
                                    /** @description Where the platform's meaning or unit differs from the catalog's. */
                                    note?: string;
                                };
                            };
                            name: string;
                            /** @description Platforms that can take the setting. */
                            platforms: ("linux" | "macos" | "windows" | "ios" | "ipados" | "android")[];
                            /** @description The value type and what values are allowed; profiles outside this are refused with SETTING_VALUE_INVALID. */
                            value: {
                                /** @enum {string} */
                                type: "boolean";
                            } | {
                                max: number;
                                min: number;
                                /** @enum {string} */
                                type: "integer";
                                /** @enum {string} */
                                unit: "seconds" | "days" | "characters" | "count";
                            } | {
                                /** @enum {string} */
                                type: "enum";
                                values: string[];
                            } | {
                                /** @description Variables such as `{{device.serial}}` are allowed. */
                                maxLength: number;
                                /** @enum {string} */
                                type: "string";
                            };
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        createdAt: string;
                        id: string;
                        name: string;
                        slug: string;
                    };
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TENANT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listApiTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            revokedAt: string | null;
                            role: ("globalAdmin" | "policyManager" | "helpDeskOperator" | "readOnlyAuditor") | null;
                            scopeGroupIds: string[] | null;
                            /** @description The admin who owns the token. */
                            userId: string;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createApiToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    expiresInDays: number;
                    name: string;
                    /** @description Whose token it is; defaults to the caller. Only global admins create tokens for others. */
                    ownerUserId?: string;
                    /**
                     * @description globalAdmin, policyManager, helpDeskOperator or readOnlyAuditor.
                     * @enum {string}
                     */
                    role: "globalAdmin" | "policyManager" | "helpDeskOperator" | "readOnlyAuditor";
                    scopeGroupIds?: string[] | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The secret bearer token. It is not stored and cannot be shown again. */
                        bearer: string;
                        token: {
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            expiresAt: string;
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            revokedAt: string | null;
                            role: ("globalAdmin" | "policyManager" | "helpDeskOperator" | "readOnlyAuditor") | null;
                            scopeGroupIds: string[] | null;
                            /** @description The admin who owns the token. */
                            userId: string;
                        };
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description GROUP_NOT_FOUND, USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeApiToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description API_TOKEN_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, requested with the same sort and order. */
                cursor?: string;
                department?: string;
                disabled?: boolean;
                /** @description Members of this group. */
                groupId?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
                order?: "asc" | "desc";
                /** @description Case-insensitive part of the e-mail or display name. */
                q?: string;
                /** @description Field to sort by. */
                sort?: "email" | "displayName" | "createdAt";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attributes: {
                                [key: string]: string;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            department: string | null;
                            disabled: boolean;
                            displayName: string;
                            email: string;
                            employeeId: string | null;
                            givenName: string | null;
                            id: string;
                            jobTitle: string | null;
                            surname: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description INVALID_CURSOR, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Extra directory attributes, usable in group rules as `user.attributes.NAME`. */
                    attributes?: {
                        [key: string]: string;
                    };
                    department?: string | null;
                    disabled?: boolean;
                    displayName: string;
                    email: string;
                    employeeId?: string | null;
                    givenName?: string | null;
                    jobTitle?: string | null;
                    surname?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attributes: {
                            [key: string]: string;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        department: string | null;
                        disabled: boolean;
                        displayName: string;
                        email: string;
                        employeeId: string | null;
                        givenName: string | null;
                        id: string;
                        jobTitle: string | null;
                        surname: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description USER_EMAIL_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attributes: {
                            [key: string]: string;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        department: string | null;
                        disabled: boolean;
                        displayName: string;
                        email: string;
                        employeeId: string | null;
                        givenName: string | null;
                        id: string;
                        jobTitle: string | null;
                        surname: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description LAST_GLOBAL_ADMIN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Extra directory attributes, usable in group rules as `user.attributes.NAME`. */
                    attributes?: {
                        [key: string]: string;
                    };
                    department?: string | null;
                    disabled?: boolean;
                    displayName?: string;
                    email?: string;
                    employeeId?: string | null;
                    givenName?: string | null;
                    jobTitle?: string | null;
                    surname?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attributes: {
                            [key: string]: string;
                        };
                        /** Format: date-time */
                        createdAt: string;
                        department: string | null;
                        disabled: boolean;
                        displayName: string;
                        email: string;
                        employeeId: string | null;
                        givenName: string | null;
                        id: string;
                        jobTitle: string | null;
                        surname: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description USER_EMAIL_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    wipeUserApps: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    deviceTag?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Every live registration the wipe reached, those already waiting for a wipe included. */
                        registrations: {
                            appIdentifier: string;
                            appVersion: string;
                            clientId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            deviceId: string | null;
                            deviceName: string | null;
                            /** @description The random tag of the installation (one browser profile or machine); it names no hardware. */
                            deviceTag: string;
                            id: string;
                            lastCheckInAt: string | null;
                            lastUsedAt: string | null;
                            osName: string | null;
                            osVersion: string | null;
                            /** @enum {string} */
                            platform: "web" | "electron" | "node";
                            /** @description A P-256 public key as a JWK; private members are refused. */
                            publicKey: {
                                /** @enum {string} */
                                crv: "P-256";
                                /** @enum {string} */
                                kty: "EC";
                                /** @description The x coordinate, 32 bytes base64url. */
                                x: string;
                                /** @description The y coordinate, 32 bytes base64url. */
                                y: string;
                            };
                            reported: {
                                configurationVersion: string | null;
                                encrypted: boolean | null;
                                flagged: ("jailbroken" | "appVersionTooLow" | "sdkVersionTooLow" | "pinRetriesExceeded" | "offlineTooLong")[];
                                jailbroken: boolean | null;
                                pinSet: boolean | null;
                                policyVersion: string | null;
                            };
                            sdkVersion: string;
                            /** @description The highest check-in sequence accepted. */
                            sequence: number;
                            /**
                             * @description active; wipePending (the key share is withheld until the app confirms); wiped (never revived).
                             * @enum {string}
                             */
                            state: "active" | "wipePending" | "wiped";
                            /** Format: date-time */
                            updatedAt: string;
                            userId: string;
                            wipe: {
                                confirmedAt: string | null;
                                error: string | null;
                                id: string;
                                outcome: ("succeeded" | "failed" | "superseded") | null;
                                /** Format: date-time */
                                requestedAt: string;
                                requestedBy: string;
                                /**
                                 * @description registration: this app's corporate data; user: everything of the corporate identity in the app.
                                 * @enum {string}
                                 */
                                scope: "registration" | "user";
                            } | null;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setUserPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The new password; a strong one is generated when absent. */
                    password?: string;
                    /** @description Also remove the user's authenticator app (a lost phone). */
                    resetTotp?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Whether Ward generated it. */
                        generated: boolean;
                        /** @description The password, shown this once. */
                        password: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    importUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description CSV, UTF-8, first line names the columns. */
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created: number;
                        /** @description Group memberships added. */
                        memberships: number;
                        unchanged: number;
                        updated: number;
                    };
                };
            };
            /** @description IMPORT_INVALID, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TOKEN_EXPIRED, TOKEN_REVOKED, UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    liveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            [key: string]: string;
                        };
                        /** @enum {string} */
                        status: "ok" | "unavailable";
                    };
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus exposition text. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCrl: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A DER-encoded X.509 CRL (RFC 5280). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pkix-crl": string;
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    readiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            [key: string]: string;
                        };
                        /** @enum {string} */
                        status: "ok" | "unavailable";
                    };
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            [key: string]: string;
                        };
                        /** @enum {string} */
                        status: "ok" | "unavailable";
                    };
                };
            };
        };
    };
    sdkCheckIn: {
        parameters: {
            query?: never;
            header: {
                "ward-registration": string;
                /** @description base64url of the ES256 signature (r‖s, 64 bytes) over the exact body bytes. */
                "ward-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The app's own version. */
                    appVersion: string;
                    configurationVersion: string | null;
                    policyVersion: string | null;
                    registrationId: string;
                    /** @description The Ward SDK's version. */
                    sdkVersion: string;
                    /** Format: date-time */
                    sentAt: string;
                    /** @description One more than the previous check-in this installation signed. */
                    sequence: number;
                    state: {
                        encrypted: boolean;
                        /** @description Reasons the SDK raised; any one makes the registration unprotected for conditional access. */
                        flagged: ("jailbroken" | "appVersionTooLow" | "sdkVersionTooLow" | "pinRetriesExceeded" | "offlineTooLong")[];
                        jailbroken: boolean;
                        pinSet: boolean;
                    };
                    /** @description Use since the last accepted check-in; left out: none. */
                    usage?: {
                        /** @description UTC days the app was used on since then. */
                        activeDays: string[];
                        lastUsedAt: string | null;
                        /** @description Launches since the last accepted check-in. */
                        launches: number;
                    };
                    wipeConfirmation?: {
                        error?: string;
                        /** @enum {string} */
                        outcome: "succeeded" | "failed";
                        wipeId: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checkInIntervalSeconds: number;
                        configuration: {
                            [key: string]: string;
                        } | null;
                        configurationVersion: string;
                        keyShare: string | null;
                        policy: {
                            /** @enum {string} */
                            clipboard: "allApps" | "managedApps" | "managedAppsWithPasteIn" | "blocked";
                            conditionalLaunch: {
                                /** @enum {string} */
                                jailbroken: "block" | "warn" | "wipe";
                                /** @enum {string} */
                                maxPinRetries: "block" | "wipe";
                                minAppVersion: string | null;
                                minSdkVersion: string | null;
                            };
                            encryptData: boolean;
                            /** @description The identifiers that count as managed for clipboard and sharing decisions. */
                            managedApps: string[];
                            offline: {
                                accessCheckAfterMinutes: number;
                                wipeAfterDays: number;
                            };
                            pin: {
                                biometricAllowed: boolean;
                                maxRetries: number;
                                minLength: number;
                                recheckAfterMinutes: number;
                                required: boolean;
                                /** @enum {string} */
                                type: "numeric" | "passcode";
                            };
                            printBlocked: boolean;
                            saveAsBlocked: boolean;
                            screenCaptureBlocked: boolean;
                            shareToUnmanagedBlocked: boolean;
                        } | null;
                        policyVersion: string;
                        /** Format: date-time */
                        serverTime: string;
                        wipe: {
                            /** @enum {string} */
                            scope: "registration" | "user";
                            wipeId: string;
                        } | null;
                    };
                };
            };
            /** @description SDK_CHECK_IN_STALE, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description SDK_SIGNATURE_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description SDK_REGISTRATION_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description SDK_CHECK_IN_REPLAYED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description SDK_REGISTRATION_WIPED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sdkRegister: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The catalog identifier of the app (`com.ward.notes-demo`). */
                    appId: string;
                    /** @description The app's own version. */
                    appVersion: string;
                    /** @description What the user would call this installation (`Firefox on Linux`). */
                    deviceName?: string;
                    /** @description A random value the SDK makes once per installation (base64url); it names no hardware. */
                    deviceTag: string;
                    /** @description linux, macos, windows, … */
                    osName?: string;
                    /** @description The operating system's version. */
                    osVersion?: string;
                    /** @enum {string} */
                    platform: "web" | "electron" | "node";
                    /** @description A P-256 public key as a JWK; private members are refused. */
                    publicKey: {
                        /** @enum {string} */
                        crv: "P-256";
                        /** @enum {string} */
                        kty: "EC";
                        /** @description The x coordinate, 32 bytes base64url. */
                        x: string;
                        /** @description The y coordinate, 32 bytes base64url. */
                        y: string;
                    };
                    /** @description The Ward SDK's version. */
                    sdkVersion: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checkInIntervalSeconds: number;
                        /** @description The app configuration: key → value, user variables already filled in. */
                        configuration: {
                            [key: string]: string;
                        };
                        configurationVersion: string;
                        /** @description The server's key share: 32 bytes base64url. */
                        keyShare: string;
                        policy: {
                            /** @enum {string} */
                            clipboard: "allApps" | "managedApps" | "managedAppsWithPasteIn" | "blocked";
                            conditionalLaunch: {
                                /** @enum {string} */
                                jailbroken: "block" | "warn" | "wipe";
                                /** @enum {string} */
                                maxPinRetries: "block" | "wipe";
                                minAppVersion: string | null;
                                minSdkVersion: string | null;
                            };
                            encryptData: boolean;
                            /** @description The identifiers that count as managed for clipboard and sharing decisions. */
                            managedApps: string[];
                            offline: {
                                accessCheckAfterMinutes: number;
                                wipeAfterDays: number;
                            };
                            pin: {
                                biometricAllowed: boolean;
                                maxRetries: number;
                                minLength: number;
                                recheckAfterMinutes: number;
                                required: boolean;
                                /** @enum {string} */
                                type: "numeric" | "passcode";
                            };
                            printBlocked: boolean;
                            saveAsBlocked: boolean;
                            screenCaptureBlocked: boolean;
                            shareToUnmanagedBlocked: boolean;
                        };
                        policyVersion: string;
                        registrationId: string;
                        /** Format: date-time */
                        serverTime: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checkInIntervalSeconds: number;
                        /** @description The app configuration: key → value, user variables already filled in. */
                        configuration: {
                            [key: string]: string;
                        };
                        configurationVersion: string;
                        /** @description The server's key share: 32 bytes base64url. */
                        keyShare: string;
                        policy: {
                            /** @enum {string} */
                            clipboard: "allApps" | "managedApps" | "managedAppsWithPasteIn" | "blocked";
                            conditionalLaunch: {
                                /** @enum {string} */
                                jailbroken: "block" | "warn" | "wipe";
                                /** @enum {string} */
                                maxPinRetries: "block" | "wipe";
                                minAppVersion: string | null;
                                minSdkVersion: string | null;
                            };
                            encryptData: boolean;
                            /** @description The identifiers that count as managed for clipboard and sharing decisions. */
                            managedApps: string[];
                            offline: {
                                accessCheckAfterMinutes: number;
                                wipeAfterDays: number;
                            };
                            pin: {
                                biometricAllowed: boolean;
                                maxRetries: number;
                                minLength: number;
                                recheckAfterMinutes: number;
                                required: boolean;
                                /** @enum {string} */
                                type: "numeric" | "passcode";
                            };
                            printBlocked: boolean;
                            saveAsBlocked: boolean;
                            screenCaptureBlocked: boolean;
                            shareToUnmanagedBlocked: boolean;
                        };
                        policyVersion: string;
                        registrationId: string;
                        /** Format: date-time */
                        serverTime: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_PROTECTION_NOT_ASSIGNED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description APP_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAVAILABLE */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
