import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { hasControlCharacters } from '@ward/core';

/** How Ward reaches its SMTP relay (from the `WARD_SMTP_*` options, see `smtp-settings.ts`). */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /**
   * `starttls`: the relay must offer STARTTLS and the upgrade must succeed; `implicit`: TLS from the
   * first byte; `opportunistic`: STARTTLS when offered, plain text otherwise.
   */
  readonly tls: 'starttls' | 'implicit' | 'opportunistic';
  readonly auth?: { readonly user: string; readonly password: string };
  /** The From header and envelope sender: `ward@example.com` or `IT <ward@example.com>`. */
  readonly from: string;
  /** CA certificates (PEM) that alone are trusted for the relay; the public roots when absent. */
  readonly caPem?: string;
}

/** Timeouts of one delivery, in milliseconds. Tests shorten them. */
export interface SmtpTimeouts {
  /** TCP (and implicit TLS) connection. */
  readonly connectionMs: number;
  /** The relay's 220 greeting after connecting. */
  readonly greetingMs: number;
  /** Silence at any later point of the conversation. */
  readonly socketMs: number;
}

/** One plain-text e-mail. */
export interface EmailMessage {
  /** One to `emailLimits.recipients` bare addresses (`user@example.com`). */
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
}

/** Why an e-mail was not sent. Stable: the job runner and the console match on these. */
export type EmailFailureCode =
  | 'SMTP_NOT_CONFIGURED'
  | 'EMAIL_RECIPIENT_INVALID'
  | 'EMAIL_HEADER_INVALID'
  | 'EMAIL_TOO_LARGE'
  | 'SMTP_AUTH_FAILED'
  | 'SMTP_TLS_FAILED'
  | 'SMTP_CONNECTION_FAILED'
  | 'SMTP_TIMEOUT'
  | 'SMTP_REJECTED'
  | 'SMTP_DEFERRED'
  | 'SMTP_FAILED';

/** A failed send; `retryable` says whether trying later can help (a timeout) or cannot (a bad password). */
export interface EmailFailure {
  readonly ok: false;
  readonly code: EmailFailureCode;
  readonly message: string;
  readonly details: { readonly retryable: boolean; readonly responseCode?: number };
}

/** What the relay accepted. */
export interface EmailSent {
  readonly messageId: string;
  readonly accepted: readonly string[];
  /** Recipients the relay refused while it took the message for the others. */
  readonly rejected: readonly string[];
}

/** The outcome of one attempt. Retries are the caller's. */
export type EmailOutcome = { readonly ok: true; readonly value: EmailSent } | EmailFailure;

/** Sends e-mail through one relay. */
export interface SmtpMailer {
  /** Sends `message` once; never throws for a relay or network problem. */
  send(message: EmailMessage): Promise<EmailOutcome>;
  /** Closes idle connections. */
  close(): void;
}

/** Bounds on what Ward sends, so a template or a list cannot make a message unbounded. */
export const emailLimits = {
  recipients: 50,
  /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets, the address at most 254. */
  addressLength: 254,
  /** The core renders subjects up to RFC 5322's line length; longer ones are a broken template. */
  subjectLength: 998,
  /** UTF-8 bytes of the body. */
  textBytes: 64 * 1024,
} as const;

const defaultTimeouts: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 };

// A bare addr-spec without quoting, comments or route syntax: nothing that could end the header.
const bareAddress = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

const failure = (code: EmailFailureCode, message: string, retryable: boolean, responseCode?: number): EmailFailure => ({
  ok: false,
  code,
  message,
  details: responseCode === undefined ? { retryable } : { retryable, responseCode },
});

/**
 * Checks a message before anything reaches the relay. Header injection is refused here rather than
 * left to the MIME encoder: a CR or LF in a subject or address is a hostile or broken template,
 * and the action should fail visibly instead of sending something else than was configured.
 */
export function checkEmailMessage(message: EmailMessage): EmailFailure | undefined {
  if (message.to.length === 0 || message.to.length > emailLimits.recipients) {
    return failure('EMAIL_RECIPIENT_INVALID', `An e-mail needs 1 to ${emailLimits.recipients} recipients, not ${message.to.length}.`, false);
  }
  for (const address of message.to) {
    if (hasControlCharacters(address) || address.length > emailLimits.addressLength || !bareAddress.test(address)) {
      return failure('EMAIL_RECIPIENT_INVALID', `${JSON.stringify(address.slice(0, 80))} is not a plain e-mail address (user@example.com, no line breaks or display name).`, false);
    }
  }
  if (hasControlCharacters(message.subject) || /[\u0085\u2028\u2029]/.test(message.subject)) {
    return failure('EMAIL_HEADER_INVALID', 'The subject contains a line break or another control character; it would break the message header.', false);
  }
  if (message.subject.length > emailLimits.subjectLength) {
    return failure('EMAIL_TOO_LARGE', `The subject is ${message.subject.length} characters; at most ${emailLimits.subjectLength} are sent.`, false);
  }
  const textBytes = Buffer.byteLength(message.text, 'utf8');
  if (textBytes > emailLimits.textBytes) {
    return failure('EMAIL_TOO_LARGE', `The body is ${textBytes} bytes; at most ${emailLimits.textBytes} are sent.`, false);
  }
  return undefined;
}

/**
 * E-mail over SMTP with nodemailer: certificate always verified, TLS as `settings.tls` says,
 * bounded timeouts, no file or URL attachments. A fresh connection per message: notifications are
 * rare, and a pooled connection would only go stale between them.
 */
export function createSmtpMailer(settings: SmtpSettings, timeouts: SmtpTimeouts = defaultTimeouts): SmtpMailer {
  const options: SMTPTransport.Options = {
    host: settings.host,
    port: settings.port,
    secure: settings.tls === 'implicit',
    requireTLS: settings.tls === 'starttls',
    opportunisticTLS: settings.tls === 'opportunistic',
    ...(settings.auth === undefined ? {} : { auth: { user: settings.auth.user, pass: settings.auth.password } }),
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    dnsTimeout: timeouts.connectionMs,
    tls: {
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      ...(settings.caPem === undefined ? {} : { ca: settings.caPem }),
    },
    logger: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  const transport = createTransport(options);

  return {
    async send(message) {
      const invalid = checkEmailMessage(message);
      if (invalid !== undefined) return invalid;
      try {
        const info = await transport.sendMail({ from: settings.from, to: [...message.to], subject: message.subject, text: message.text });
        const rejected = info.rejected.map(addressText);
        return { ok: true, value: { messageId: info.messageId, accepted: info.accepted.map(addressText), rejected } };
      } catch (error) {
        return sendFailure(error, timeouts);
      }
    },
    close() {
      transport.close();
    },
  };
}

const addressText = (address: string | { readonly address: string }): string => (typeof address === 'string' ? address : address.address);

interface NodemailerError {
  readonly code?: unknown;
  readonly responseCode?: unknown;
  readonly message: string;
}

/** nodemailer's error codes mapped onto Ward's; its messages carry the relay's reply, never the password. */
function sendFailure(error: unknown, timeouts: SmtpTimeouts): EmailFailure {
  if (!(error instanceof Error)) return failure('SMTP_FAILED', `Sending failed: ${String(error)}`, true);
  const e: NodemailerError = error;
  const code = typeof e.code === 'string' ? e.code : '';
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const reply = e.message.replace(/\s+/g, ' ').slice(0, 500);
  switch (code) {
    case 'EAUTH':
      return failure('SMTP_AUTH_FAILED', `The relay refused Ward's SMTP credentials (check WARD_SMTP_USER and WARD_SMTP_PASSWORD): ${reply}`, false, responseCode);
    case 'ETLS':
      return failure('SMTP_TLS_FAILED', `TLS with the relay failed (check WARD_SMTP_TLS and WARD_SMTP_CA_FILE): ${reply}`, true, responseCode);
    case 'ETIMEDOUT':
      return failure('SMTP_TIMEOUT', `The relay did not answer in time (connect ${timeouts.connectionMs} ms, greeting ${timeouts.greetingMs} ms, then ${timeouts.socketMs} ms of silence): ${reply}`, true);
    case 'ESOCKET':
    case 'ECONNECTION':
    case 'EDNS':
    case 'EPROTOCOL':
      // With implicit TLS a certificate problem surfaces as a socket error.
      if (/certificate|self[- ]signed|SSL|TLS|handshake/i.test(reply)) {
        return failure('SMTP_TLS_FAILED', `TLS with the relay failed (check WARD_SMTP_TLS and WARD_SMTP_CA_FILE): ${reply}`, true);
      }
      return failure('SMTP_CONNECTION_FAILED', `Cannot talk to the relay: ${reply}`, true, responseCode);
    case 'EENVELOPE':
    case 'EMESSAGE':
      // 4xx is the relay's "later", 5xx its "never" (RFC 5321 §4.2.1).
      if (responseCode !== undefined && responseCode >= 400 && responseCode < 500) return failure('SMTP_DEFERRED', `The relay deferred the message: ${reply}`, true, responseCode);
      return failure('SMTP_REJECTED', `The relay refused the message: ${reply}`, false, responseCode);
    default:
      return failure('SMTP_FAILED', `Sending failed: ${reply}`, true, responseCode);
  }
}
