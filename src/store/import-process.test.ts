import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { serializeRecord } from '../corpus/record.js';
import { BackfileError } from '../lib/errors.js';
import { importInChildProcess } from './import-process.js';
import { openStore } from './store.js';
import { FIXTURES } from './test-fixtures.js';

const work = mkdtempSync(join(tmpdir(), 'backfile-import-process-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('an import in a child process writes the database and resolves', async () => {
  const src = join(work, 'src');
  mkdirSync(join(src, 'articles'), { recursive: true });
  for (const a of FIXTURES) writeFileSync(join(src, 'articles', `article_${a.id}.md`), serializeRecord(a));
  const db = join(work, 'child.db');
  await importInChildProcess({ dbPath: db, source: src });
  const store = openStore(db, { readonly: true });
  try {
    assert.equal(store.db.prepare('SELECT count(*) FROM articles').pluck().get(), FIXTURES.length);
  } finally {
    store.close();
  }
});

test("the child's error comes back with its code and message", async () => {
  const missing = join(work, 'no-such-corpus');
  await assert.rejects(importInChildProcess({ dbPath: join(work, 'never.db'), source: missing }), (err) => {
    assert.ok(err instanceof BackfileError);
    assert.equal(err.code, 'not-found');
    assert.match(err.message, /no-such-corpus/);
    return true;
  });
});
