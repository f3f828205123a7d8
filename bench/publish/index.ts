// bench/publish: `backfile publish` on the full corpus (src/publish/static-site.ts): the whole
// reader written as a static copy, timed, with pages a second, size and peak RSS; as the baseline
// in the same run, `cp -r` of the copy it wrote (the same files written without making them); and
// a check of the copy as a browser reading it from the disk would do it: every href, src and
// action of every page that is not an outside address must be a relative link to a file of the
// copy. Writes bench/results/publish.json.

import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeStaticSite } from '../../src/publish/static-site.js';
import { openStore } from '../../src/store/store.js';
import { fullDb } from '../support/full-db.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ATTRIBUTE_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const work = mkdtempSync(join(tmpdir(), 'backfile-bench-publish-'));
const site = join(work, 'site');
const db = await fullDb();
const store = openStore(db, { readonly: true });
try {
  const started = performance.now();
  let last = 0;
  const summary = await writeStaticSite(store, site, {
    onProgress: (done, known) => {
      if (performance.now() - last < 10_000) return;
      last = performance.now();
      console.log(`  ${done.toLocaleString('en')} of ${known.toLocaleString('en')} known`);
    },
  });
  const ms = performance.now() - started;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  spawnSync('sync');
  const copyStarted = performance.now();
  const cp = spawnSync('cp', ['-r', site, join(work, 'copy')]);
  spawnSync('sync');
  const copyMs = performance.now() - copyStarted;
  if (cp.status !== 0) throw new Error(`cp -r failed: ${cp.stderr}`);
  rmSync(join(work, 'copy'), { recursive: true, force: true });

  // the copy's links, checked on the files (not with the exporter's own map)
  const checkStarted = performance.now();
  let links = 0;
  const broken: string[] = [];
  const files = (readdirSync(site, { recursive: true }) as string[]).filter((f) => f.endsWith('.html'));
  const exists = new Map<string, boolean>();
  for (const file of files) {
    const html = readFileSync(join(site, file), 'utf8');
    for (const m of html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) {
      // the attribute as a browser reads it (the pages escape &, <, >, " and ')
      const value = m[1]!.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ATTRIBUTE_ENTITIES[e]!);
      if (/^(?:https?:|mailto:|#)/.test(value)) continue;
      links++;
      const target = join(dirname(join(site, file)), decodeURIComponent(value.split('#')[0]!));
      let ok = exists.get(target);
      if (ok === undefined) {
        ok = !value.startsWith('/') && existsSync(target) && statSync(target).isFile();
        exists.set(target, ok);
      }
      if (!ok && broken.length < 20) broken.push(`${file}: ${value}`);
    }
  }
  const checkMs = performance.now() - checkStarted;

  const mb = summary.bytes / 1024 / 1024;
  console.log(
    `publish: ${summary.pages.toLocaleString('en')} pages (${summary.articles.toLocaleString('en')} articles) and ${(summary.files - summary.pages).toLocaleString('en')} other files (downloads, stylesheet, script, manifest), ${mb.toFixed(0)} MB, in ${(ms / 1000).toFixed(1)} s (${Math.round(summary.pages / (ms / 1000))} pages/s), peak RSS ${rssMb.toFixed(0)} MB`,
  );
  console.log(
    `baseline, cp -r of the copy: ${(copyMs / 1000).toFixed(1)} s (publish takes ${(ms / copyMs).toFixed(1)}× as long)`,
  );
  console.log(
    `links: ${links.toLocaleString('en')} internal links in ${files.length.toLocaleString('en')} pages checked on the files in ${(checkMs / 1000).toFixed(1)} s: ${broken.length ? `BROKEN, e.g. ${broken.slice(0, 5).join('; ')}` : 'every one leads to a file of the copy'}; left as text: ${JSON.stringify(summary.unlinked)}; pages mended after the crawl: ${summary.mended}; failed: ${summary.failed.length}`,
  );
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    join(root, 'bench/results/publish.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        pages: summary.pages,
        articles: summary.articles,
        files: summary.files,
        megabytes: Math.round(mb),
        ms: Math.round(ms),
        pagesPerSecond: Math.round(summary.pages / (ms / 1000)),
        peakRssMb: Math.round(rssMb),
        copyMs: Math.round(copyMs),
        ratioToCopy: Math.round((ms / copyMs) * 10) / 10,
        links,
        broken,
        unlinked: summary.unlinked,
        mended: summary.mended,
        failed: summary.failed,
      },
      null,
      2,
    )}\n`,
  );
  if (broken.length || summary.failed.length) process.exitCode = 1;
} finally {
  store.close();
  rmSync(work, { recursive: true, force: true });
}
