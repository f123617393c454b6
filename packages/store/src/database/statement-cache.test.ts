import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

function openMemory(): Database.Database {
  const db = new Database(':memory:');
  db.exec('create table t (id integer primary key, name text not null)');
  db.exec("insert into t (name) values ('a'), ('b'), ('c')");
  return db;
}

describe('statement cache', () => {
  it('prepares a SQL text once and hands the same statement out again', () => {
    const cached = withStatementCache(openMemory(), 4);
    const select = cached.prepare('select name from t where id = ?');
    expect(cached.prepare('select name from t where id = ?')).toBe(select);
    expect(select.all([2])).toEqual([{ name: 'b' }]);
    expect(cached.prepare('select name from t where id = ?').all([3])).toEqual([{ name: 'c' }]);
    const insert = cached.prepare('insert into t (name) values (?)');
    expect(insert.reader).toBe(false);
    expect(insert.run(['d']).changes).toBe(1);
    expect(cached.prepare('insert into t (name) values (?)')).toBe(insert);
    cached.close();
  });

  it('lets the least recently used statement go once it holds its size', () => {
    const cached = withStatementCache(openMemory(), 2);
    const one = cached.prepare('select 1 as n');
    const two = cached.prepare('select 2 as n');
    expect(cached.prepare('select 1 as n')).toBe(one);
    cached.prepare('select 3 as n');
    // "select 2" was used least recently: it went; "select 1" stayed.
    expect(cached.prepare('select 1 as n')).toBe(one);
    const twoAgain = cached.prepare('select 2 as n');
    expect(twoAgain).not.toBe(two);
    expect(twoAgain.all([])).toEqual([{ n: 2 }]);
    cached.close();
  });

  it('prepares a fresh statement while the cached one is still being iterated', () => {
    const cached = withStatementCache(openMemory());
    const sql = 'select name from t order by id';
    const iterating = cached.prepare(sql).iterate([]);
    expect(iterating.next().value).toEqual({ name: 'a' });
    const meanwhile = cached.prepare(sql);
    expect(meanwhile.all([])).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    expect([...iterating]).toEqual([{ name: 'b' }, { name: 'c' }]);
    cached.close();
  });

  it('keeps a cached statement right after the schema changed under it', () => {
    const db = openMemory();
    const cached = withStatementCache(db);
    expect(cached.prepare('select * from t where id = ?').all([1])).toEqual([{ id: 1, name: 'a' }]);
    db.exec("alter table t add column note text not null default 'n'");
    expect(cached.prepare('select * from t where id = ?').all([1])).toEqual([{ id: 1, name: 'a', note: 'n' }]);
    cached.close();
  });

  it('closes the connection with the cache', () => {
    const db = openMemory();
    const cached = withStatementCache(db);
    cached.prepare('select 1');
    cached.close();
    expect(db.open).toBe(false);
  });

  it('refuses a size that holds nothing', () => {
    expect(() => withStatementCache(openMemory(), 0)).toThrow(RangeError);
    expect(() => withStatementCache(openMemory(), 1.5)).toThrow(RangeError);
  });
});
