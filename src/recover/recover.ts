// recover(): rebuilds an outlet's archive as record files from the Wayback Machine (CDX listing,
// best capture per article, `id_` replay) or from local WARC/WACZ files, through a site profile.
// Resumable (SQLite state beside the output), atomic file writes, a manifest and a summary.
// A record names the capture it was made from: a Wayback capture URL (as the corpus's records do),
// or, for a WARC record that is not a Wayback replay, the original URL with `captured` (WARC-Date)
// and `capture_source` (`warc:<file name>#<WARC-Record-ID>`).

import { createHash } from 'node:crypto';
import {
  type Dirent,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { articleIdFromPath, parseRecord, serializeRecord } from '../corpus/record.js';
import type { Article } from '../corpus/types.js';
import { normalizeDatePrefix } from '../lib/calendar-date.js';
import { BackfileError, fileError, NetworkError, UsageError } from '../lib/errors.js';
import { formatDuration, Progress } from '../lib/progress.js';
import { type CdxQuery, cdxRows, type IdRange, idPrefixes, parseIdRange } from './cdx.js';
import { profileByName } from './extract/profiles.js';
import type { ExtractedArticle, ExtractOutcome, SiteProfile } from './extract/types.js';
import { HttpClient, type HttpClientOptions, type HttpStats } from './http.js';
import { type ArticleStatus, RecoverState } from './state.js';
import { captureKey, captureUrl, cdxTimestamp, PUBLIC_WAYBACK, parseReplayUrl, replayPath } from './url.js';
import { checkWarcFile, readWarcFile, type WarcCapture, warcCaptureSource } from './warc.js';

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
  /** The record files in the output folder by id (see findRecords), with those this run wrote. */
  existing: Map<number, string>;
  /** Articles whose record this run wrote. */
  written: Set<number>;
}

/** Where a new record of an article goes, relative to the output folder. */
function canonicalPath(profile: SiteProfile, id: number): string {
  return join('articles', profile.rangeFolder(id), `article_${id}.md`);
}

/** Where an article's record is, relative to the output folder: where the folder holds it, else its own place. */
function recordPath(ctx: Context, id: number): string {
  return ctx.existing.get(id) ?? canonicalPath(ctx.profile, id);
}

/** The article id of a record file not named article_<id>.md, from its original_url (undefined when it is not a record). */
function idInFrontmatter(path: string, profile: SiteProfile): number | undefined {
  try {
    return profile.articleId(parseRecord(readFileSync(path), path).originalUrl);
  } catch {
    return undefined;
  }
}

/**
 * The record files already in the output folder, by article id, whatever their layout (the corpus's
 * articles/<range>/, one flat folder, …): files named article_<id>.md, and other .md files whose
 * frontmatter's original_url gives an id. Of several files of one id, the one at the profile's own
 * place wins, else the first by path. Hidden files and folders (the state file, .git) are passed
 * over; temp files a killed run left are deleted.
 */
function findRecords(out: string, profile: SiteProfile): Map<number, string> {
  const found = new Map<number, string>();
  const walk = (rel: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(out, rel), { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = rel ? join(rel, entry.name) : entry.name;
      if (entry.isDirectory()) {
        walk(path);
        continue;
      }
      if (!entry.isFile()) continue;
      if (/\.(md|tsv)\.\d+\.tmp$/.test(entry.name)) {
        rmSync(join(out, path), { force: true });
        continue;
      }
      if (!entry.name.endsWith('.md')) continue;
      const id = articleIdFromPath(entry.name) ?? idInFrontmatter(join(out, path), profile);
      if (id === undefined) continue;
      const before = found.get(id);
      if (before === undefined || (path === canonicalPath(profile, id) && before !== path))
        found.set(id, path);
    }
  };
  walk('');
  return found;
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

/** "20250101000000" → "2025-01-01T00:00:00Z". */
function isoTime(timestamp: string): string {
  const t = timestamp.padEnd(14, '0');
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}Z`;
}

/**
 * The record of a capture. A Wayback capture is named by its capture URL, as in the corpus; any other
 * (`source` set) by the original URL, `captured` and `capture_source`: no Wayback URL is made up for it.
 */
function buildArticle(id: number, extracted: ExtractedArticle, cand: Candidate): Article {
  const article: Article = {
    id,
    title: extracted.title,
    date: extracted.date,
    lastUpdated: extracted.lastUpdated,
    author: extracted.author,
    category: extracted.category,
    tags: extracted.tags,
    url: cand.source === undefined ? captureUrl(cand.timestamp, cand.original) : cand.original,
    captureTimestamp: cand.timestamp,
    originalUrl: cand.original,
    body: extracted.body,
    extra: [],
  };
  if (cand.source !== undefined) {
    article.captured = isoTime(cand.timestamp);
    article.captureSource = cand.source;
  }
  return article;
}

/** Turns one captured page into article fields, its links and images written for the kind of capture. */
function extractCapture(ctx: Context, id: number, html: string, cand: Candidate): ExtractOutcome {
  return ctx.profile.extract({
    html,
    originalUrl: cand.original,
    timestamp: cand.timestamp,
    id,
    links: cand.source === undefined ? 'capture' : 'original',
  });
}

function writeArticle(
  ctx: Context,
  article: Article,
  status: ArticleStatus,
  reason?: string,
): ArticleOutcome {
  if (keepForeignRecord(ctx, article.id)) return { id: article.id, status: 'kept' };
  // a record the folder held (--overwrite, or this tool's own) is replaced where it is
  const rel = recordPath(ctx, article.id);
  mkdirSync(dirname(join(ctx.out, rel)), { recursive: true });
  const bytes = serializeRecord(article);
  const hash = sha256(bytes);
  ctx.state.noteWriting(article.id, rel, hash);
  writeFileAtomic(join(ctx.out, rel), bytes);
  ctx.existing.set(article.id, rel);
  ctx.written.add(article.id);
  const capture = article.captureSource ?? article.url;
  ctx.state.setOutcome(article.id, status, {
    capture,
    original: article.originalUrl,
    timestamp: article.captureTimestamp,
    path: rel,
    sha256: hash,
    reason,
  });
  return { id: article.id, status, capture, sha256: hash, reason };
}

/**
 * One capture of an article: a Wayback capture (`source` undefined), or one that is not on the
 * Wayback Machine, such as a WARC record of one's own crawl, named by `source`
 * (`warc:<file name>#<WARC-Record-ID>`).
 */
interface Candidate {
  /** When it was captured, 14 digits. */
  timestamp: string;
  original: string;
  source?: string;
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
      outcome = extractCapture(ctx, id, html, { ...cand, timestamp });
      break;
    }
    outcome ??= { ok: false, reason: 'too many replay redirects' };
    if (outcome.ok) {
      return writeArticle(ctx, buildArticle(id, outcome.article, { ...cand, timestamp }), 'recovered');
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
    return writeArticle(ctx, buildArticle(id, extracted, cand), 'empty', reason);
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
  // every input is checked (there, readable, a WARC/WACZ file, whole) before anything is written,
  // and before the output folder is made: a refused file leaves nothing behind
  if (from === 'warc') for (const file of opts.warcFiles ?? []) await checkWarcFile(file);
  mkdirSync(opts.out, { recursive: true });
  const existing = findRecords(opts.out, profile);
  const state = new RecoverState(opts.statePath ?? join(opts.out, '.backfile-recover.sqlite'));
  const ctx: Context = {
    profile,
    out: opts.out,
    state,
    keepEmpty: opts.keepEmpty ?? false,
    overwrite: opts.overwrite ?? false,
    existing,
    written: new Set(),
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
  } catch (err) {
    throw stoppedWithManifest(ctx, ids, err);
  } finally {
    progress.finish();
    client?.close();
    state.close();
  }
}

/**
 * A run stopped by an error after it may have written records (a WARC file found corrupt only as it
 * is read, an archive that stopped answering): the manifest is written all the same, and the error's
 * one line says how many records this run wrote and where they are listed. A bug is passed on as it is.
 */
function stoppedWithManifest(ctx: Context, ids: IdRange | undefined, err: unknown): unknown {
  let manifest: string | undefined;
  try {
    manifest = writeManifest(ctx, ids);
  } catch {
    // the error that stopped the run is the one to tell
  }
  const e = err instanceof BackfileError ? err : fileError(err);
  if (!e || !manifest) return err;
  const n = ctx.written.size;
  const done =
    n === 0
      ? `no record was written before it; ${manifest} lists the articles' state`
      : `${n.toLocaleString('en')} record${n === 1 ? ' was' : 's were'} written before it, listed in ${manifest}`;
  return new BackfileError(e.code, `${e.message} (${done})`, { cause: err });
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
    const original = warcOriginal(uri);
    const id = original === undefined ? undefined : profile.articleId(original);
    return id !== undefined && (!ids || (id >= ids.from && id <= ids.to));
  };
  // files are read again on a resumed run (local, no network); records whose capture is already
  // written are not extracted again. Each file was checked whole before the run began.
  for (const file of files) {
    for await (const cap of readWarcFile(file, wanted, { checked: true })) {
      if (signal?.aborted) return alreadyDone.size;
      const cand = warcCandidate(cap);
      const id = profile.articleId(cand.original)!;
      if (since && cand.timestamp < since.padEnd(14, '0')) continue;
      if (until && cand.timestamp > until.padEnd(14, '9')) continue;
      state.ensureArticle(id);
      const prior = state.article(id);
      // a record the output folder held before is not extracted again (see keepForeignRecord)
      if (prior?.status === 'kept' && !ctx.overwrite) continue;
      // the newest capture with an article wins, whatever the order of files and records; a record
      // an earlier version wrote from this very capture with a made-up Wayback URL is written again
      const madeUp =
        cand.source !== undefined &&
        prior?.timestamp === cand.timestamp &&
        prior.capture?.startsWith(`${PUBLIC_WAYBACK}/web/`) === true;
      if (
        prior?.status === 'recovered' &&
        prior.timestamp &&
        !madeUp &&
        !newer(cand, prior.timestamp, prior.original ?? '')
      )
        continue;
      let reason: string | undefined;
      if (cap.status >= 300 && cap.status < 400) reason = `redirect capture (HTTP ${cap.status})`;
      else if (cap.status !== 200) reason = `capture answered HTTP ${cap.status}`;
      else if (cap.body.length === 0) reason = 'empty capture';
      else if (cap.contentType && !/html/i.test(cap.contentType)) reason = `not a page (${cap.contentType})`;
      if (!reason) {
        const outcome = extractCapture(ctx, id, decodePage(cap.body, cap.contentType), cand);
        if (outcome.ok) {
          const first = prior?.status !== 'recovered';
          writeArticle(ctx, buildArticle(id, outcome.article, cand), 'recovered');
          misses.delete(id);
          if (first) progress.tick();
          continue;
        }
        reason = outcome.reason;
        const miss = misses.get(id) ?? { reasons: [] };
        if (outcome.placeholder && (!miss.placeholder || cand.timestamp > miss.placeholder.cand.timestamp)) {
          miss.placeholder = { extracted: outcome.placeholder, cand };
        }
        misses.set(id, miss);
      }
      if (prior?.status === 'recovered') continue;
      const miss = misses.get(id) ?? { reasons: [] };
      miss.reasons.push(`${cand.timestamp}: ${reason}`);
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

/**
 * The original URL a WARC record captured: its target URI, or the page a Wayback replay
 * (`https://web.archive.org/web/<14 digits>[mode]/<url>`) shows. Undefined for a replay URL without a
 * full timestamp (a redirect to the nearest capture, not a capture).
 */
function warcOriginal(uri: string): string | undefined {
  const replay = parseReplayUrl(uri);
  if (!replay) return uri;
  return /^\d{14}$/.test(replay.timestamp) ? replay.original : undefined;
}

/**
 * A WARC record as a capture. A record of a Wayback replay is that Wayback capture (its timestamp is
 * the replay URL's, not the WARC-Date of the replay's download); any other record is a capture of its
 * own, at its WARC-Date, named by its file and WARC-Record-ID.
 */
function warcCandidate(cap: WarcCapture): Candidate {
  const replay = parseReplayUrl(cap.original);
  if (replay) return { timestamp: replay.timestamp, original: replay.original };
  return { timestamp: cap.timestamp, original: cap.original, source: warcCaptureSource(cap) };
}

function newer(cap: { timestamp: string; original: string }, ts: string, original: string): boolean {
  if (cap.timestamp !== ts) return cap.timestamp > ts;
  return cap.original.startsWith('https:') && !original.startsWith('https:');
}

/**
 * One line per article, tab-separated, sorted by id: id, status, capture (a Wayback capture URL, or
 * `warc:<file name>#<WARC-Record-ID>`), sha256, reason, original (the URL captured), captured (when,
 * UTC) and path (of the record file, relative to the output folder).
 */
function writeManifest(ctx: Context, ids: IdRange | undefined): string {
  const lines = ['id\tstatus\tcapture\tsha256\treason\toriginal\tcaptured\tpath'];
  for (const r of ctx.state.all(ids)) {
    const clean = (s: string | null) => (s ?? '').replace(/[\t\r\n]+/g, ' ');
    const captured = r.timestamp && r.capture ? isoTime(r.timestamp) : '';
    lines.push(
      [
        r.id,
        r.status,
        clean(r.capture),
        clean(r.sha256),
        clean(r.reason),
        clean(r.capture ? r.original : null),
        captured,
        clean(r.path),
      ].join('\t'),
    );
  }
  const path = join(ctx.out, 'manifest.tsv');
  writeFileAtomic(path, `${lines.join('\n')}\n`);
  return path;
}
