import type { ComplianceNotifier, DeliveryOutcome } from '@ward/core';
import { createSmtpMailer, type SmtpMailer, type SmtpSettings, type SmtpTimeouts } from './smtp-mailer.js';
import { createWebhookPoster, type WebhookPosterOptions } from './webhook-poster.js';

/** What the notifier sends through. */
export interface ComplianceNotifierOptions {
  /** The relay; `undefined` when none is configured, and every e-mail then fails with `SMTP_NOT_CONFIGURED`. */
  readonly smtp: SmtpSettings | undefined;
  /** Shorter in tests. */
  readonly smtpTimeouts?: SmtpTimeouts;
  readonly webhook: WebhookPosterOptions;
}

/** The outcome text when no relay is configured: stable, so the console can point at the settings. */
export const smtpNotConfigured: DeliveryOutcome = {
  ok: false,
  error: 'SMTP_NOT_CONFIGURED: no SMTP relay is configured (WARD_SMTP_HOST and WARD_SMTP_FROM), so Ward sends no e-mail.',
  retryable: false,
};

/**
 * The server's compliance notifier: e-mail through the configured SMTP relay, webhooks over
 * HTTPS. Every failure comes back as an outcome whose `error` begins with a stable code
 * (`SMTP_AUTH_FAILED: …`, `WEBHOOK_ADDRESS_FORBIDDEN: …`) for the action's record; retries are the
 * job runner's, guided by `retryable`.
 */
export function createComplianceNotifier(options: ComplianceNotifierOptions): ComplianceNotifier {
  const mailer: SmtpMailer | undefined = options.smtp === undefined ? undefined : createSmtpMailer(options.smtp, options.smtpTimeouts);
  const webhooks = createWebhookPoster(options.webhook);
  return {
    async sendEmail(message) {
      if (mailer === undefined) return smtpNotConfigured;
      const sent = await mailer.send({ to: message.to, subject: message.subject, text: message.text });
      if (!sent.ok) return { ok: false, error: `${sent.code}: ${sent.message}`, retryable: sent.details.retryable };
      const refused = sent.value.rejected.length === 0 ? '' : `; the relay refused ${sent.value.rejected.join(', ')}`;
      return { ok: true, detail: `accepted by the relay for ${sent.value.accepted.join(', ')} as ${sent.value.messageId}${refused}` };
    },
    async postWebhook(request) {
      const posted = await webhooks.post({ url: request.url, body: request.body, headers: request.headers });
      if (!posted.ok) return { ok: false, error: `${posted.code}: ${posted.message}`, retryable: posted.details.retryable };
      return { ok: true, detail: `HTTP ${posted.value.status}` };
    },
  };
}
