import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseTargetOf, redactUrl } from './database-target.js';

describe('databaseTargetOf', () => {
  it('defaults to ward.db in the data directory', () => {
    expect(databaseTargetOf(undefined, '/srv/ward')).toEqual({ dialect: 'sqlite', open: { sqlitePath: '/srv/ward/ward.db' }, sqlitePath: '/srv/ward/ward.db', description: 'SQLite /srv/ward/ward.db' });
  });

  it('reads sqlite: URLs, relative to the working directory', () => {
    expect(databaseTargetOf('sqlite:db/x.db', '/srv').sqlitePath).toBe(resolve('db/x.db'));
    expect(databaseTargetOf('sqlite:///abs/x.db', '/srv').sqlitePath).toBe('/abs/x.db');
  });

  it('describes PostgreSQL without the password', () => {
    const target = databaseTargetOf('postgres://ward:s3cret@db:5432/ward', '/srv');
    expect(target.dialect).toBe('postgres');
    expect(target.open).toEqual({ url: 'postgres://ward:s3cret@db:5432/ward' });
    expect(target.description).toBe('PostgreSQL postgres://ward:***@db:5432/ward');
    expect(redactUrl('not a url')).toBe('(unparseable URL)');
  });
});
