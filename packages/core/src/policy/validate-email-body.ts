import { bool, integer, invalid, objectAt, oneOf, text } from './field-reader.js';
import { emailAccountTypes, type EmailBody, type MailServer } from './model.js';
import { isEmailAddress, isHost } from './wire-formats.js';

/**
 * An e-mail account: Exchange ActiveSync (one host) or IMAP with SMTP. The address and user name
 * are usually variables (`{{user.email}}`); written literally, the address must look like one.
 */
export function validateEmailBody(value: unknown, path: string): EmailBody {
  const body = objectAt(value, path, ['accountType', 'accountName', 'emailAddress', 'username', 'exchange', 'incoming', 'outgoing']);
  const accountType = oneOf(body, 'accountType', path, emailAccountTypes);
  const accountName = text(body, 'accountName', path, { max: 128, template: true });
  const emailAddress = text(body, 'emailAddress', path, { max: 254, template: true, pattern: (t) => t.includes('{{') || isEmailAddress(t), patternHint: 'an e-mail address or a variable such as {{user.email}}' });
  const username = text(body, 'username', path, { max: 256, template: true });
  const base = { accountType, accountName, emailAddress, username };
  if (accountType === 'exchange') {
    for (const key of ['incoming', 'outgoing']) if (body[key] !== undefined) invalid(`${path}.${key}`, 'belongs to IMAP accounts; Exchange uses exchange.host');
    const exchange = objectAt(body.exchange, `${path}.exchange`, ['host', 'ssl']);
    return { ...base, exchange: { host: host(exchange, `${path}.exchange`), ssl: bool(exchange, 'ssl', `${path}.exchange`, true) } };
  }
  if (body.exchange !== undefined) invalid(`${path}.exchange`, 'belongs to Exchange accounts; IMAP uses incoming and outgoing');
  return { ...base, incoming: server(body.incoming, `${path}.incoming`), outgoing: server(body.outgoing, `${path}.outgoing`) };
}

function server(value: unknown, path: string): MailServer {
  const s = objectAt(value, path, ['host', 'port', 'ssl']);
  return { host: host(s, path), port: integer(s, 'port', path, 1, 65535), ssl: bool(s, 'ssl', path, true) };
}

function host(record: Readonly<Record<string, unknown>>, path: string): string {
  return text(record, 'host', path, { max: 253, pattern: isHost, patternHint: 'a host name or IP address' });
}
