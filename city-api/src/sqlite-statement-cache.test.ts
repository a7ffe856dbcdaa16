import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCityDb } from './city-db';
import { cachePreparedStatements } from './sqlite-statement-cache';

describe('prepared statements kept per connection (issue 19 load)', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = cachePreparedStatements(new Database(':memory:'), 3);
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')`);
  });
  afterEach(() => db.close());

  it('hands out the statement compiled before for the same text, in its default mode', () => {
    const sql = 'SELECT id, name FROM t WHERE id = ?';
    const first = db.prepare(sql);
    expect(db.prepare(sql)).toBe(first);
    expect(db.prepare(sql).pluck().get(2)).toBe(2);
    // the earlier caller's pluck() does not leak into the next one
    expect(db.prepare(sql).get(2)).toEqual({ id: 2, name: 'b' });
    db.prepare(sql).raw();
    expect(db.prepare(sql).get(3)).toEqual({ id: 3, name: 'c' });
    db.prepare(sql).expand();
    expect(db.prepare(sql).get(1)).toEqual({ id: 1, name: 'a' });
    // writes too
    expect(db.prepare('UPDATE t SET name = ? WHERE id = ?')).toBe(db.prepare('UPDATE t SET name = ? WHERE id = ?'));
  });

  it('never hands out a statement still iterating; a fresh one instead', () => {
    const sql = 'SELECT id FROM t ORDER BY id';
    const it1 = db.prepare(sql).pluck().iterate();
    expect(it1.next().value).toBe(1);
    const other = db.prepare(sql);
    expect(other.busy).toBe(false);
    expect(other.all()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect([...it1]).toEqual([2, 3]);
  });

  it('keeps at most max texts, least recently used dropped', () => {
    const a = db.prepare('SELECT 1');
    db.prepare('SELECT 2');
    db.prepare('SELECT 3');
    db.prepare('SELECT 1');
    db.prepare('SELECT 4'); // drops SELECT 2
    expect(db.prepare('SELECT 1')).toBe(a);
    const two = db.prepare('SELECT 2');
    expect(db.prepare('SELECT 2')).toBe(two);
  });

  it('a kept statement sees a schema change (a migration adding a column)', () => {
    const sql = 'SELECT * FROM t WHERE id = ?';
    expect(db.prepare(sql).get(1)).toEqual({ id: 1, name: 'a' });
    db.exec(`ALTER TABLE t ADD COLUMN town TEXT DEFAULT 'siegburg'`);
    expect(db.prepare(sql).get(1)).toEqual({ id: 1, name: 'a', town: 'siegburg' });
  });

  it('is on every city database (openCityDb)', () => {
    const city = openCityDb(':memory:');
    try {
      expect(city.prepare('SELECT id FROM kiosks WHERE id = ?')).toBe(city.prepare('SELECT id FROM kiosks WHERE id = ?'));
    } finally {
      city.close();
    }
  });
});
