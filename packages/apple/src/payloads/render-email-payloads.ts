import type { RenderedEmail } from '@ward/core';
import type { ApplePlatform } from './apple-platform.js';
import type { BuiltPayload, PayloadFactory } from './payload-factory.js';

/** Why an Exchange ActiveSync account does not apply to a Mac. */
export const EAS_ON_MACOS_NOT_APPLICABLE = 'macOS has no Exchange ActiveSync payload (com.apple.eas.account is iOS and iPadOS only).';

/**
 * An Exchange ActiveSync account (com.apple.eas.account.yaml; iOS and iPadOS only) or an IMAP/SMTP
 * account (com.apple.mail.managed.yaml). No password travels: the user types it on the device.
 */
export function renderEmailPayloads(factory: PayloadFactory, email: RenderedEmail, platform: ApplePlatform): BuiltPayload[] | { readonly notApplicable: string } {
  if (email.accountType === 'exchange') {
    if (platform === 'macos') return { notApplicable: EAS_ON_MACOS_NOT_APPLICABLE };
    if (email.exchange === undefined) throw new Error('an exchange account without its server');
    return [
      factory.payload('eas', 'com.apple.eas.account', email.accountName, {
        EmailAddress: email.emailAddress,
        Host: email.exchange.host,
        SSL: email.exchange.ssl,
        UserName: email.username,
      }),
    ];
  }
  if (email.incoming === undefined || email.outgoing === undefined) throw new Error('an IMAP account without its servers');
  return [
    factory.payload('mail', 'com.apple.mail.managed', email.accountName, {
      EmailAccountDescription: email.accountName,
      EmailAccountType: 'EmailTypeIMAP',
      EmailAddress: email.emailAddress,
      IncomingMailServerAuthentication: 'EmailAuthPassword',
      IncomingMailServerHostName: email.incoming.host,
      IncomingMailServerPortNumber: email.incoming.port,
      IncomingMailServerUseSSL: email.incoming.ssl,
      IncomingMailServerUsername: email.username,
      OutgoingMailServerAuthentication: 'EmailAuthPassword',
      OutgoingMailServerHostName: email.outgoing.host,
      OutgoingMailServerPortNumber: email.outgoing.port,
      OutgoingMailServerUseSSL: email.outgoing.ssl,
      OutgoingMailServerUsername: email.username,
      OutgoingPasswordSameAsIncomingPassword: true,
    }),
  ];
}
