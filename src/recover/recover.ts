// recover(): rebuilds an outlet's archive as record files from the Wayback Machine (CDX listing,
// best capture per article, `id_` replay) or from local WARC/WACZ files, through a site profile.
// Resumable (SQLite state beside the output), atomic file writes, a manifest and a summary.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeRecord } from '../corpus/record.js';
import type { Article } from '../corpus/types.js';
import { normalizeDatePrefix } from '../lib/calendar-date.js';
import { BackfileError, NetworkError, UsageError } from '../lib/errors.js';
import { formatDuration, Progress } from '../lib/progress.js';
import { type CdxQuery, cdxRows, type IdRange, idPrefixes, parseIdRange } from './cdx.js';
import { profileByName } from './extract/profiles.js';
import type { ExtractedArticle, ExtractOutcome, SiteProfile } from './extract/types.js';
import { HttpClient, type HttpClientOptions, type HttpStats } from './http.js';
import { type ArticleStatus, RecoverState } from './state.js';
import { captureKey, captureUrl, cdxTimestamp, parseReplayUrl, replayPath } from './url.js';
import { readWarcFile } from './warc.js';

export const DEFAULT_WAYBACK_BASE = 'https://web.archive.org';

/** Articles failing one after another (after all retries) before the run stops. */
const MAX_FAILURES_IN_A_ROW = 12;

export interface RecoverOptions {
  /** A profile name ("hkcnews", "generic:<host>") or a profile. */
  site: string | SiteProfile;
  /** Output folder: articles/<range>/article_<id>.md, the manifest and the state file go there. */
  out: string;
  from?: 'wayback' | 'warc';
  /** .warc, .warc.gz or .wacz files (with from: 'warc'). */
  warcFiles?: string[];
  /** "174-49122", "32181" or a range. */
  ids?: string | IdRange;
  /** Captures from this date on (YYYY-MM-DD or 1–14 digits), inclusive. */
  since?: string;
  /** Captures up to this date, inclusive. */
  until?: string;
  /** Where the Wayback Machine is (tests point it at a fake); default BACKFILE_WAYBACK_BASE or the real one. */
  waybackBase?: string;
  /** Politeness and retry settings of the HTTP client (rates, timeouts, 429 wait). */
  http?: HttpClientOptions;
  /** Articles fetched at once (default 6). */
  concurrency?: number;
  /** Captures tried per article before it counts as unavailable (default 6). */
  maxCapturesPerArticle?: number;
  /** Rows per CDX request (default 5,000). */
  cdxPageSize?: number;
  /** Also write the corpus's placeholder record for an article whose captures hold no article. */
  keepEmpty?: boolean;
  /** Try again the articles an earlier run found unavailable or empty. */
  retryUnavailable?: boolean;
  /**
   * Replace records already in the output folder that this tool did not write (or that were edited
   * since). Without it they are kept as they are (status 'kept') and not fetched.
   */
  overwrite?: boolean;
  /** State file (default <out>/.backfile-recover.sqlite). */
  statePath?: string;
  quiet?: boolean;
  progressStream?: NodeJS.WriteStream;
  signal?: AbortSignal;
}

export interface ArticleOutcome {
  id: number;
  status: ArticleStatus;
  capture?: string;
  sha256?: string;
  reason?: string;
}

export interface RecoverSummary {
  /** Articles considered (listed by CDX or found in the WARC files, within --ids). */
  total: number;
  recovered: number;
  /** Placeholder records written (keepEmpty). */
  empty: number;
  unavailable: ArticleOutcome[];
  failed: ArticleOutcome[];
  /** Articles already finished by an earlier run and not fetched again. */
  resumed: number;
  /** Records already in the output folder, not written by this tool, left as they are. */
  kept: number;
  manifestPath: string;
  elapsedMs: number;
  http?: HttpStats;
}

interface Context {
  profile: SiteProfile;
  out: string;
  state: RecoverState;
  keepEmpty: boolean;
  overwrite: boolean;
}

/** Where an article's record goes, relative to the output folder. */
function recordPath(ctx: Context, id: number): string {
  return join('articles', ctx.profile.rangeFolder(id), `article_${id}.md`);
}

/**
 * Keeps a record already in the output folder that this tool did not write, or that was edited
 * since it wrote it (its hash differs from the state's): recovering into a backup to fill its gaps
 * must not replace the backup's own records. True when the article was kept.
 */
function keepForeignRecord(ctx: Context, id: number): boolean {
  if (ctx.overwrite) return false;
  const rel = recordPath(ctx, id);
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(ctx.out, rel));
  } catch {
    return false;
  }
  const written = ctx.state.article(id);
  // this tool's own record, as it wrote it
  if (written?.status !== 'kept' && written?.sha256 && written.sha256 === sha256(bytes)) return false;
  ctx.state.setOutcome(id, 'kept', {
    path: rel,
    sha256: sha256(bytes),
    reason: 'a record already in the output folder, not written by recover (--overwrite replaces it)',
  });
  return true;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Writes through a temp file in the same folder, then renames: a reader never sees half a file. */
export function writeFileAtomic(path: string, bytes: Buffer | string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

/** Deletes temp files a killed run may have left. */
function removeStaleTemps(dir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const p = join(dir, name);
    if (name.endsWith('.tmp')) rmSync(p, { force: true });
    else if (statSync(p).isDirectory()) removeStaleTemps(p);
  }
}

/** Decodes page bytes with the charset the headers or a <meta> name (UTF-8 by default). */
export function decodePage(body: Buffer, contentType = ''): string {
  let charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  if (!charset) {
    const head = body.subarray(0, 2048).toString('latin1');
    charset = /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1];
  }
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

function buildArticle(id: number, extracted: ExtractedArticle, timestamp: string, original: string): Article {
  return {
    id,
    title: extracted.title,
    date: extracted.date,
    lastUpdated: extracted.lastUpdated,
    author: extracted.author,
    category: extracted.category,
    tags: extracted.tags,
    url: captureUrl(timestamp, original),
    captureTimestamp: timestamp,
    originalUrl: original,
    body: extracted.body,
    extra: [],
  };
}

function writeArticle(
  ctx: Context,
  article: Article,
  status: ArticleStatus,
  reason?: string,
): ArticleOutcome {
  if (keepForeignRecord(ctx, article.id)) return { id: article.id, status: 'kept' };
  const folder = join(ctx.out, 'articles', ctx.profile.rangeFolder(article.id));
  mkdirSync(folder, { recursive: true });
  const rel = recordPath(ctx, article.id);
  const bytes = serializeRecord(article);
  const hash = sha256(bytes);
  ctx.state.noteWriting(article.id, rel, hash);
  writeFileAtomic(join(ctx.out, rel), bytes);
  ctx.state.setOutcome(article.id, status, {
    capture: article.url,
    original: article.originalUrl,
    timestamp: article.captureTimestamp,
    path: rel,
    sha256: hash,
    reason,
  });
  return { id: article.id, status, capture: article.url, sha256: hash, reason };
}

interface Candidate {
  timestamp: string;
  original: string;
}

/** One article through the Wayback Machine: newest usable capture first, older ones on failure. */
async function recoverFromWayback(
  ctx: Context,
  client: HttpClient,
  base: string,
  id: number,
  candidates: Candidate[],
  maxCaptures: number,
): Promise<ArticleOutcome> {
  const reasons: string[] = [];
  let placeholder: { extracted: ExtractedArticle; cand: Candidate } | undefined;
  const seen = new Set<string>();
  let tried = 0;
  for (const cand of candidates) {
    const key = `${cand.timestamp} ${captureKey(cand.original)}`;
    if (seen.has(key)) continue; // http/https or www forms of one capture
    seen.add(key);
    if (tried++ >= maxCaptures) break;
    let path = replayPath(cand.timestamp, cand.original);
    let timestamp = cand.timestamp;
    let outcome: ExtractOutcome | undefined;
    for (let hop = 0; hop < 4; hop++) {
      const res = await client.get(`${base}${path}`, 'page');
      if (res.status >= 300 && res.status < 400) {
        const location = String(res.headers.location ?? '');
        const target = parseReplayUrl(location.replace(/^https?:\/\/[^/]+(?=\/web\/)/, ''));
        // the replay moved us to a nearby capture of the same page: follow it; anything else is a
        // redirect capture (the site answered with a redirect), which holds no article
        if (target && captureKey(target.original) === captureKey(cand.original)) {
          path = replayPath(target.timestamp, target.original);
          timestamp = target.timestamp;
          continue;
        }
        outcome = { ok: false, reason: `redirect capture (HTTP ${res.status} to ${location || 'nowhere'})` };
        break;
      }
      if (res.status !== 200) {
        outcome = { ok: false, reason: `capture answered HTTP ${res.status}` };
        break;
      }
      if (res.body.length === 0) {
        outcome = { ok: false, reason: 'empty capture' };
        break;
      }
      const html = decodePage(res.body, String(res.headers['content-type'] ?? ''));
      outcome = ctx.profile.extract({ html, originalUrl: cand.original, timestamp, id });
      break;
    }
    outcome ??= { ok: false, reason: 'too many replay redirects' };
    if (outcome.ok) {
      return writeArticle(ctx, buildArticle(id, outcome.article, timestamp, cand.original), 'recovered');
    }
    reasons.push(`${cand.timestamp}: ${outcome.reason}`);
    if (!placeholder && outcome.placeholder)
      placeholder = { extracted: outcome.placeholder, cand: { ...cand, timestamp } };
  }
  return unavailable(ctx, id, reasons, placeholder);
}

function unavailable(
  ctx: Context,
  id: number,
  reasons: string[],
  placeholder: { extracted: ExtractedArticle; cand: Candidate } | undefined,
): ArticleOutcome {
  const reason = reasons.length ? reasons.join('; ') : 'no capture';
  if (ctx.keepEmpty && placeholder) {
    const { extracted, cand } = placeholder;
    return writeArticle(ctx, buildArticle(id, extracted, cand.timestamp, cand.original), 'empty', reason);
  }
  ctx.state.setOutcome(id, 'unavailable', { reason });
  return { id, status: 'unavailable', reason };
}

/** Runs tasks with at most `limit` at once, in order of the list. */
async function pool<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      if (signal?.aborted) return;
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(runners);
}

function resolveIds(ids: RecoverOptions['ids']): IdRange | undefined {
  if (ids === undefined) return undefined;
  if (typeof ids !== 'string') return ids;
  try {
    return parseIdRange(ids);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function dateDigits(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    // a calendar date (YYYY, YYYY-MM or YYYY-MM-DD, one that exists), then its digits for the CDX API
    if (normalizeDatePrefix(value) === undefined) throw new Error(`not a date: "${value}"`);
    return cdxTimestamp(value);
  } catch {
    throw new UsageError(`--${name} takes a date like 2021-07-12, not "${value}"`);
  }
}

export async function recover(opts: RecoverOptions): Promise<RecoverSummary> {
  const started = Date.now();
  const profile = typeof opts.site === 'string' ? profileByName(opts.site) : opts.site;
  const from = opts.from ?? (opts.warcFiles?.length ? 'warc' : 'wayback');
  if (from === 'warc' && !opts.warcFiles?.length)
    throw new UsageError('--from warc needs at least one WARC/WACZ file');
  const ids = resolveIds(opts.ids);
  const since = dateDigits(opts.since, 'since');
  const until = dateDigits(opts.until, 'until');
  mkdirSync(opts.out, { recursive: true });
  removeStaleTemps(join(opts.out, 'articles'));
  const state = new RecoverState(opts.statePath ?? join(opts.out, '.backfile-recover.sqlite'));
  const ctx: Context = {
    profile,
    out: opts.out,
    state,
    keepEmpty: opts.keepEmpty ?? false,
    overwrite: opts.overwrite ?? false,
  };
  const progress = new Progress({
    label: 'recover',
    unit: 'articles',
    silent: opts.quiet,
    stream: opts.progressStream,
  });
  const outcomes: ArticleOutcome[] = [];
  let resumed = 0;
  let client: HttpClient | undefined;
  try {
    if (from === 'wayback') {
      const base = (opts.waybackBase ?? process.env.BACKFILE_WAYBACK_BASE ?? DEFAULT_WAYBACK_BASE).replace(
        /\/$/,
        '',
      );
      client = new HttpClient({
        // as many connections as workers: a request never waits in the pool after the rate limiter
        // let it go, so requests reach the server as evenly as they were started
        maxSockets: opts.concurrency ?? 6,
        ...opts.http,
        onWait: (reason, ms) => {
          opts.http?.onWait?.(reason, ms);
          if (ms >= 5000 && !opts.quiet)
            (opts.progressStream ?? process.stderr).write(`\n${reason} ${formatDuration(ms)}\n`);
        },
      });
      // 1. listing (skipped for the queries a previous run finished)
      const prefixes = ids ? idPrefixes(ids) : [''];
      // the CDX index keys URLs by SURT, which drops the scheme and "www.": prefixes that differ
      // only there list the same rows, so each is asked once
      const asked = new Set<string>();
      for (const idPrefix of prefixes) {
        for (const prefix of profile.cdxPrefixes(idPrefix)) {
          const canonical = captureKey(prefix);
          if (asked.has(canonical)) continue;
          asked.add(canonical);
          const query: CdxQuery = {
            prefix,
            from: since,
            to: until,
            pageSize: opts.cdxPageSize,
            filters: ['mimetype:text/html'],
          };
          const signature = JSON.stringify(query);
          // a retry lists again: captures made since the last run are what it hopes for
          if (!opts.retryUnavailable && state.listingDone(signature)) continue;
          let batch: { id: number; timestamp: string; original: string }[] = [];
          for await (const row of cdxRows(client, base, query)) {
            const id = profile.articleId(row.original);
            if (id === undefined || (ids && (id < ids.from || id > ids.to))) continue;
            if (row.mimetype && !/html/i.test(row.mimetype)) continue;
            batch.push({ id, timestamp: row.timestamp, original: row.original });
            if (batch.length >= 1000) {
              state.addCaptures(batch);
              batch = [];
            }
            if (opts.signal?.aborted) break;
          }
          state.addCaptures(batch);
          if (opts.signal?.aborted) break;
          state.markListingDone(signature);
        }
      }
      // 2. articles
      const all = state.all(ids);
      const todo = state.todo(ids, opts.retryUnavailable ?? false, opts.overwrite ?? false);
      resumed = all.length - todo.length;
      progress.setTotal(all.length);
      if (resumed) progress.tick(resumed);
      const maxCaptures = opts.maxCapturesPerArticle ?? 6;
      // when the archive stops answering altogether, stop rather than fail every article in turn
      let failedInARow = 0;
      const stop = new AbortController();
      opts.signal?.addEventListener('abort', () => stop.abort());
      await pool(
        todo,
        opts.concurrency ?? 6,
        async (id) => {
          // a record the output folder already holds is not fetched (see keepForeignRecord)
          if (keepForeignRecord(ctx, id)) {
            outcomes.push({ id, status: 'kept' });
            progress.tick();
            return;
          }
          const caps = state
            .captures(id)
            .filter(
              (c) =>
                (!since || c.timestamp >= since.padEnd(14, '0')) &&
                (!until || c.timestamp <= until.padEnd(14, '9')),
            );
          // of two forms of one capture the https one first (what the corpus records)
          caps.sort((a, b) =>
            a.timestamp === b.timestamp
              ? Number(b.original.startsWith('https:')) - Number(a.original.startsWith('https:'))
              : b.timestamp.localeCompare(a.timestamp),
          );
          let outcome: ArticleOutcome;
          try {
            outcome = await recoverFromWayback(ctx, client!, base, id, caps, maxCaptures);
          } catch (err) {
            const message =
              err instanceof BackfileError ? err.message : String((err as Error).message ?? err);
            if (!(err instanceof NetworkError) && !(err instanceof BackfileError)) throw err;
            state.setOutcome(id, 'failed', { reason: message });
            outcome = { id, status: 'failed', reason: message };
          }
          failedInARow = outcome.status === 'failed' ? failedInARow + 1 : 0;
          if (failedInARow >= MAX_FAILURES_IN_A_ROW) stop.abort();
          outcomes.push(outcome);
          progress.tick();
        },
        stop.signal,
      );
      if (failedInARow >= MAX_FAILURES_IN_A_ROW) {
        throw new NetworkError(
          `stopped after ${failedInARow} articles in a row could not be fetched (last: ${outcomes.at(-1)?.reason}); ` +
            'the Wayback Machine may be down or refusing us: run the same command later to go on where it stopped',
        );
      }
    } else {
      resumed = await recoverFromWarc(ctx, opts.warcFiles ?? [], ids, since, until, progress, opts.signal);
    }
    const manifestPath = writeManifest(ctx, ids);
    const finalRows = state.all(ids);
    const summary: RecoverSummary = {
      total: finalRows.length,
      recovered: finalRows.filter((r) => r.status === 'recovered').length,
      empty: finalRows.filter((r) => r.status === 'empty').length,
      unavailable: finalRows
        .filter((r) => r.status === 'unavailable' || r.status === 'empty')
        .map((r) => ({ id: r.id, status: r.status, reason: r.reason ?? undefined })),
      failed: finalRows
        .filter((r) => r.status === 'failed' || r.status === 'pending')
        .map((r) => ({ id: r.id, status: r.status, reason: r.reason ?? 'not finished' })),
      resumed,
      kept: finalRows.filter((r) => r.status === 'kept').length,
      manifestPath,
      elapsedMs: Date.now() - started,
      http: client?.stats,
    };
    progress.finish(
      `recover: ${summary.recovered.toLocaleString('en')} recovered, ${summary.unavailable.length.toLocaleString('en')} unavailable` +
        `${summary.empty ? ` (${summary.empty} kept as empty records)` : ''}, ${summary.failed.length} failed` +
        `${summary.kept ? `, ${summary.kept} already in the output folder and kept (--overwrite replaces them)` : ''}` +
        // the counts are of the whole output: say how much of it this run found done
        `${resumed ? ` (${resumed.toLocaleString('en')} of these done by an earlier run)` : ''} in ${formatDuration(summary.elapsedMs)}; manifest ${manifestPath}`,
    );
    return summary;
  } finally {
    progress.finish();
    client?.close();
    state.close();
  }
}

async function recoverFromWarc(
  ctx: Context,
  files: string[],
  ids: IdRange | undefined,
  since: string | undefined,
  until: string | undefined,
  progress: Progress,
  signal?: AbortSignal,
): Promise<number> {
  const { state, profile } = ctx;
  const alreadyDone = new Set(
    state
      .all(ids)
      .filter((r) => r.status === 'recovered')
      .map((r) => r.id),
  );
  // what went wrong per article, and the newest placeholder, until a capture with an article turns up
  const misses = new Map<
    number,
    { reasons: string[]; placeholder?: { extracted: ExtractedArticle; cand: Candidate } }
  >();
  const wanted = (uri: string) => {
    const id = profile.articleId(uri);
    return id !== undefined && (!ids || (id >= ids.from && id <= ids.to));
  };
  // files are read again on a resumed run (local, no network); records whose capture is already
  // written are not extracted again
  for (const file of files) {
    for await (const cap of readWarcFile(file, wanted)) {
      if (signal?.aborted) return alreadyDone.size;
      const id = profile.articleId(cap.original)!;
      if (since && cap.timestamp < since.padEnd(14, '0')) continue;
      if (until && cap.timestamp > until.padEnd(14, '9')) continue;
      state.ensureArticle(id);
      const prior = state.article(id);
      // a record the output folder held before is not extracted again (see keepForeignRecord)
      if (prior?.status === 'kept' && !ctx.overwrite) continue;
      // the newest capture with an article wins, whatever the order of files and records
      if (
        prior?.status === 'recovered' &&
        prior.timestamp &&
        !newer(cap, prior.timestamp, prior.original ?? '')
      )
        continue;
      let reason: string | undefined;
      if (cap.status >= 300 && cap.status < 400) reason = `redirect capture (HTTP ${cap.status})`;
      else if (cap.status !== 200) reason = `capture answered HTTP ${cap.status}`;
      else if (cap.body.length === 0) reason = 'empty capture';
      else if (cap.contentType && !/html/i.test(cap.contentType)) reason = `not a page (${cap.contentType})`;
      if (!reason) {
        const outcome = profile.extract({
          html: decodePage(cap.body, cap.contentType),
          originalUrl: cap.original,
          timestamp: cap.timestamp,
          id,
        });
        if (outcome.ok) {
          const first = prior?.status !== 'recovered';
          writeArticle(ctx, buildArticle(id, outcome.article, cap.timestamp, cap.original), 'recovered');
          misses.delete(id);
          if (first) progress.tick();
          continue;
        }
        reason = outcome.reason;
        const miss = misses.get(id) ?? { reasons: [] };
        if (outcome.placeholder && (!miss.placeholder || cap.timestamp > miss.placeholder.cand.timestamp)) {
          miss.placeholder = {
            extracted: outcome.placeholder,
            cand: { timestamp: cap.timestamp, original: cap.original },
          };
        }
        misses.set(id, miss);
      }
      if (prior?.status === 'recovered') continue;
      const miss = misses.get(id) ?? { reasons: [] };
      miss.reasons.push(`${cap.timestamp}: ${reason}`);
      misses.set(id, miss);
    }
  }
  for (const [id, miss] of misses) {
    const status = state.article(id)?.status;
    if (status === 'recovered' || status === 'kept') continue;
    unavailable(ctx, id, miss.reasons.sort().reverse(), miss.placeholder);
    progress.tick();
  }
  progress.setTotal(state.all(ids).length);
  return alreadyDone.size;
}

function newer(cap: { timestamp: string; original: string }, ts: string, original: string): boolean {
  if (cap.timestamp !== ts) return cap.timestamp > ts;
  return cap.original.startsWith('https:') && !original.startsWith('https:');
}

/** id, status, capture, sha256, reason: one line per article, tab-separated, sorted by id. */
function writeManifest(ctx: Context, ids: IdRange | undefined): string {
  const lines = ['id\tstatus\tcapture\tsha256\treason'];
  for (const r of ctx.state.all(ids)) {
    const clean = (s: string | null) => (s ?? '').replace(/[\t\r\n]+/g, ' ');
    lines.push([r.id, r.status, clean(r.capture), clean(r.sha256), clean(r.reason)].join('\t'));
  }
  const path = join(ctx.out, 'manifest.tsv');
  writeFileAtomic(path, `${lines.join('\n')}\n`);
  return path;
}
