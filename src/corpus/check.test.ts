// checkCorpus over the real sample corpus (tarball and extracted folder) and over small fixtures.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SAMPLE_TARBALL, sampleFolder } from '../../test/support/corpus.js';
import { ANOMALY_KINDS } from './anomalies.js';
import { type CheckReport, checkCorpus, checkExitCode, formatCheckReport } from './check.js';

// Measured on hkcnews-sample.tar.xz (1,199 records).
const SAMPLE_ANOMALIES = {
  'empty-record': 91,
  'placeholder-page': 108,
  'no-date': 15,
  'no-author': 1,
  'mis-decoded': 2,
  'relative-wayback-links': 851,
  'subscription-footer': 848,
  'columnist-box': 451,
  'hugo-shortcode': 229,
  'control-characters': 3,
};

function assertSample(report: CheckReport): void {
  assert.equal(report.records, 1199);
  assert.equal(report.parsed, 1199);
  assert.deepEqual(report.rejected, []);
  assert.equal(report.roundTripIdentical, 1199);
  assert.deepEqual(report.roundTripDifferent, []);
  assert.equal(report.sourceError, undefined);
  const found = Object.fromEntries(Object.entries(report.anomalies).filter(([, n]) => n > 0));
  assert.deepEqual(found, SAMPLE_ANOMALIES);
  assert.equal(report.anomalies['duplicate-id'], 0); // every kind is listed, 0 included
  assert.equal(Object.keys(report.anomalies).length, Object.keys(ANOMALY_KINDS).length);
  assert.deepEqual([...(report.anomalyExamples['mis-decoded'] ?? [])].sort(), ['174', '43693']);
  assert.equal(checkExitCode(report), 0);
  assert.equal(checkExitCode(report, true), 1);
}

let tarReport: CheckReport | undefined;

test('the sample tarball: 1,199 records, all round-trip byte-identical, anomaly counts', async () => {
  const report = await checkCorpus(SAMPLE_TARBALL, { progress: false });
  assert.equal(report.kind, 'tar');
  assertSample(report);
  tarReport = report;
});

test('the extracted sample folder gives the same report, the same examples (the lowest ids, in order)', async () => {
  const report = await checkCorpus(sampleFolder(), { progress: false });
  assert.equal(report.kind, 'folder');
  assertSample(report);
  // a tarball is not read in id order: the examples do not depend on it
  assert.deepEqual(report.anomalyExamples, tarReport?.anomalyExamples);
  for (const examples of Object.values(report.anomalyExamples)) {
    const ids = examples.map((e) => Number.parseInt(e, 10));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
    );
  }
});

const work = mkdtempSync(join(tmpdir(), 'backfile-check-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('rejected files are listed with reasons; counts add up; exit 1', async () => {
  const dir = join(work, 'mixed');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'article_1.md'),
    '---\ntitle: "好"\ndate: "2020-01-01"\nauthor: "a"\ncategory: "c"\nurl: ""\noriginal_url: "https://www.hkcnews.com/article/1/x"\n---\n\n# 好\n',
  );
  writeFileSync(join(dir, 'article_2.md'), 'no frontmatter\n');
  writeFileSync(join(dir, 'article_3.md'), '---\ntitle: "unclosed\n---\n');
  const report = await checkCorpus(dir, { progress: false });
  assert.equal(report.records, 3);
  assert.equal(report.parsed + report.rejected.length, report.records);
  assert.deepEqual(
    report.rejected.map((r) => r.path),
    ['article_2.md', 'article_3.md'],
  );
  assert.match(report.rejected[0]!.reason, /no frontmatter/);
  assert.match(report.rejected[1]!.reason, /broken YAML/);
  assert.equal(checkExitCode(report), 1);
  const text = formatCheckReport(report);
  assert.match(text, /files read\s+3/);
  assert.match(text, /article_2\.md: no frontmatter/);
});

test('--examples 0: counts without examples, and no empty "e.g."', async () => {
  const dir = join(work, 'no-examples');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'article_1.md'),
    '---\ntitle: "好"\ndate: ""\nauthor: "a"\ncategory: "c"\nurl: ""\noriginal_url: "https://www.hkcnews.com/article/1/x"\n---\n\n# 好\n\n正文。\n',
  );
  const report = await checkCorpus(dir, { progress: false, maxExamples: 0 });
  assert.equal(report.anomalies['no-date'], 1);
  const text = formatCheckReport(report);
  assert.match(text, /no date \(articles.*\) +1\n/);
  assert.doesNotMatch(text, /e\.g\./);
});
