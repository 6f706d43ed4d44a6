import { expect } from 'chai';
import Database from 'better-sqlite3';
import { sqlKey } from '../../../engine/history/record-values';

/** Every row of a one-column INTEGER table as SQLite stores it: the value read back as text, and its storage type. */
function storedAs(keys: readonly unknown[]): { text: string | null; type: string }[] {
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, key INTEGER)');
    const insert = db.prepare('INSERT INTO t (n, key) VALUES (?, ?)');
    keys.forEach((key, index) => insert.run(index + 1, key));
    return db.prepare('SELECT CAST(key AS TEXT) AS text, typeof(key) AS type FROM t ORDER BY n').all() as { text: string | null; type: string }[];
  } finally {
    db.close();
  }
}

describe('binding history keys as numbers (sqlKey)', () => {
  const keys = ['2251799813685249', '9007199254740991', '1', '0', '0042', '', 'abc', '12a', '9007199254740993', '12345678901234567', '-5', ' 7', null];

  it('stores every key in an INTEGER column exactly as its text would be stored, so readers get the same strings back', () => {
    expect(storedAs(keys.map((key) => sqlKey(key)))).to.deep.equal(storedAs(keys));
  });

  it('turns a Zeebe key into the number a JS number holds exactly, and leaves anything else as it came', () => {
    expect(sqlKey('2251799813685249')).to.equal(2251799813685249);
    expect(sqlKey('9007199254740991')).to.equal(Number.MAX_SAFE_INTEGER);
    // one past 2^53 would round: it stays text (SQLite converts it exactly)
    expect(sqlKey('9007199254740993')).to.equal('9007199254740993');
    for (const other of ['', 'abc', '12a', '-5', ' 7', '12345678901234567']) expect(sqlKey(other)).to.equal(other);
    expect(sqlKey(null)).to.equal(null);
    expect(sqlKey(undefined)).to.equal(undefined);
  });

  it('finds the row a text key stored when the key is bound as a number, in a WHERE on the rowid and on an index', () => {
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE t (key INTEGER PRIMARY KEY, parent INTEGER); CREATE INDEX t_by_parent ON t (parent)');
      db.prepare('INSERT INTO t (key, parent) VALUES (?, ?)').run('2251799813685260', '2251799813685255');
      expect(db.prepare('SELECT CAST(key AS TEXT) AS key FROM t WHERE key = ?').get(sqlKey('2251799813685260'))).to.deep.equal({ key: '2251799813685260' });
      expect(db.prepare('SELECT CAST(key AS TEXT) AS key FROM t WHERE parent = ?').get(sqlKey('2251799813685255'))).to.deep.equal({ key: '2251799813685260' });
    } finally {
      db.close();
    }
  });
});
