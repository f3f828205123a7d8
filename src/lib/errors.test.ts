import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { BackfileError, fileError, toBackfileError } from './errors.js';

test('file system errors a user can fix become io errors (exit 74) that name the file and the reason', () => {
  // (tests run as root, whom permissions do not stop: the errors are made as Node makes them)
  const readOnly = Object.assign(new Error("EROFS: read-only file system, mkdir '/mnt/cd/out'"), {
    code: 'EROFS',
    syscall: 'mkdir',
    path: '/mnt/cd/out',
  });
  const e = toBackfileError(readOnly);
  assert.equal(e.code, 'io');
  assert.equal(e.exitCode, 74);
  assert.equal(e.message, 'cannot create the folder /mnt/cd/out: the file system is read-only');
  assert.equal(e.cause, readOnly);
  const denied = Object.assign(new Error("EACCES: permission denied, open '/x/y.md'"), {
    code: 'EACCES',
    syscall: 'open',
    path: '/x/y.md',
  });
  assert.equal(toBackfileError(denied).message, 'cannot open /x/y.md: permission denied');
  const full = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', syscall: 'write', path: '/x/db' });
  assert.equal(toBackfileError(full).message, 'cannot write /x/db: the disk is full');
});

test('SQLite refusing to write a read-only database is an io error, not an unexpected one', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (x)');
  db.pragma('query_only = 1');
  let thrown: unknown;
  try {
    db.exec('INSERT INTO t VALUES (1)');
  } catch (err) {
    thrown = err;
  }
  db.close();
  const e = toBackfileError(thrown);
  assert.equal(e.code, 'io', String(thrown));
  assert.match(e.message, /read-only/);
});

test('anything else stays an unexpected (internal) error; BackfileErrors pass through', () => {
  assert.equal(fileError(new Error('plain')), null);
  assert.equal(toBackfileError(new TypeError('x is undefined')).code, 'internal');
  const own = new BackfileError('usage', 'bad flag');
  assert.equal(toBackfileError(own), own);
  assert.equal(fileError(Object.assign(new Error('no'), { code: 'ENOENT' })), null);
});
