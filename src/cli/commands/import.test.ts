// `backfile import`'s Ctrl-C: the first stops after the records written so far, the second quits at
// once (by the signal: status 130 for Ctrl-C) and removes what an unfinished first import wrote beside the database.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { serializeRecord } from '../../corpus/record.js';
import { importCorpus } from '../../store/import.js';
import { fixtureArticle } from '../../store/test-fixtures.js';
import { writtenBy } from '../testing/output.js';
import { interruptHandler } from './import.js';

const work = mkdtempSync(join(tmpdir(), 'backfile-cli-import-'));
after(() => rmSync(work, { recursive: true, force: true }));

const src = join(work, 'src');
mkdirSync(join(src, 'articles'), { recursive: true });
for (let i = 0; i < 30; i++) {
  const a = fixtureArticle(7000 + i, { text: `第 ${i} 篇。` });
  writeFileSync(join(src, 'articles', `article_${a.id}.md`), serializeRecord(a));
}

/** What fn writes on stderr (the handler's line), and fn's result. */
function stderrOf<T>(fn: () => T): { value: T; err: string } {
  const { value, text } = writtenBy('stderr', fn);
  return { value, err: text };
}

const filesOf = (name: string) => readdirSync(work).filter((f) => f.startsWith(name));

test('a second Ctrl-C during a first import quits by the signal and removes its unfinished files', async () => {
  const db = join(work, 'first.db');
  const controller = new AbortController();
  const codes: string[] = [];
  // the signal ends everything where it is raised: here, the import with it
  class Quit extends Error {}
  const onSignal = interruptHandler(db, controller, (signal) => {
    codes.push(signal);
    throw new Quit();
  });
  let during: string[] = [];
  let said = '';
  await assert.rejects(
    importCorpus(db, src, {
      quiet: true,
      batchSize: 5,
      signal: controller.signal,
      onBatch: () => {
        // the first Ctrl-C only asks the import to stop
        assert.match(stderrOf(onSignal).err, /stopping after the records read so far/);
        assert.deepEqual(codes, []);
        during = filesOf('first.db');
        const write = process.stderr.write.bind(process.stderr);
        process.stderr.write = ((chunk: string) => {
          said += chunk;
          return true;
        }) as typeof process.stderr.write;
        try {
          onSignal();
        } finally {
          process.stderr.write = write;
        }
      },
    }),
    Quit,
  );
  assert.deepEqual(codes, ['SIGINT']);
  assert.ok(during.includes('first.db.partial') && during.includes('first.db.partial.chars'), String(during));
  assert.equal(said, 'quit: the unfinished import was removed; run it again to import\n');
  assert.deepEqual(filesOf('first.db'), []);
});

test('a second signal during an update quits by it and leaves the database and its journal', async () => {
  const db = join(work, 'kept.db');
  await importCorpus(db, src, { quiet: true });
  // a journal beside the database is what rolls back an interrupted transaction: never removed
  writeFileSync(`${db}-journal`, '');
  const controller = new AbortController();
  const codes: string[] = [];
  const onSignal = interruptHandler(db, controller, (signal) => codes.push(signal));
  stderrOf(() => onSignal('SIGTERM'));
  const { err } = stderrOf(() => onSignal('SIGTERM'));
  assert.deepEqual(codes, ['SIGTERM'], 'quits by the signal it was sent');
  assert.equal(err, 'quit: the database keeps the records written so far; run it again to complete it\n');
  assert.deepEqual(filesOf('kept.db').sort(), ['kept.db', 'kept.db-journal']);
});
