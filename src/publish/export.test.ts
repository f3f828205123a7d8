import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXPORT_BATCH, EXPORT_FORMATS, exportChunks, exportText } from './export.js';
import { exportRecord as record } from './testing/records.js';

test('a large export comes in batches that make the same document', () => {
  const ids = Array.from({ length: 1234 }, (_, i) => i + 1);
  const asked: number[] = [];
  const recordsOf = (batch: readonly number[]) => {
    asked.push(batch.length);
    return batch.map((id) => record({ id }));
  };
  const chunks = [...exportChunks(EXPORT_FORMATS.csv, Int32Array.from(ids), recordsOf)];
  const full = Math.floor(1234 / EXPORT_BATCH);
  assert.deepEqual(asked, [...Array(full).fill(EXPORT_BATCH), 1234 - full * EXPORT_BATCH]);
  assert.equal(
    chunks.join(''),
    exportText(
      EXPORT_FORMATS.csv,
      ids.map((id) => record({ id })),
    ),
  );
});

test('RIS and BibTeX exports hold one entry per article, in order', () => {
  const records = [record({ id: 7 }), record({ id: 3, author: '' })];
  const ris = exportText(EXPORT_FORMATS.ris, records);
  assert.deepEqual(
    [...ris.matchAll(/^ID {2}- hkcnews(\d+)\r$/gm)].map((m) => m[1]),
    ['7', '3'],
  );
  assert.equal(ris.match(/^TY {2}- NEWS\r$/gm)?.length, 2);
  assert.equal(ris.match(/^ER {2}- \r$/gm)?.length, 2);
  const bib = exportText(EXPORT_FORMATS.bib, records);
  assert.deepEqual(
    [...bib.matchAll(/^@misc\{hkcnews(\d+),$/gm)].map((m) => m[1]),
    ['7', '3'],
  );
  assert.match(bib, /author = \{\{眾新聞 Citizen News\}\}/, 'no author: the publisher');
  assert.equal(exportText(EXPORT_FORMATS.ris, []), '', 'nothing found: an empty file');
});
