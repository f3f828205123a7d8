// `backfile check` as a library: streams every record of a source, parses it, checks that it
// writes back byte for byte, tallies anomalies, and reports. Counts always add up:
// records (files read) = parsed + rejected.

import { type BackfileError, toBackfileError } from '../lib/errors.js';
import { formatDuration, Progress } from '../lib/progress.js';
import { ANOMALY_KINDS, type AnomalyKind, AnomalyTally } from './anomalies.js';
import { serializeRecord } from './record.js';
import { toRecordEntry } from './records.js';
import { countRecords, describeSource, readSource, type SourceKind, type SourceOptions } from './source.js';

export interface CheckOptions extends SourceOptions {
  /** Show a progress bar / progress lines on stderr (default true). */
  progress?: boolean;
  /** Examples kept per anomaly kind (default 5). */
  maxExamples?: number;
  /** Stream for progress (default stderr). */
  progressStream?: NodeJS.WriteStream;
}

export interface CheckReport {
  source: string;
  kind: SourceKind;
  /** Files read (record files seen, readable or not). */
  records: number;
  parsed: number;
  /** Files that could not be read or parsed, with the reason. */
  rejected: { path: string; reason: string }[];
  /** Parsed records whose serializeRecord output equals the file's bytes. */
  roundTripIdentical: number;
  /** Parsed records that did not write back identically (a bug in backfile: please report). */
  roundTripDifferent: { path: string; reason: string }[];
  /** Anomaly kind → number of records (every kind, 0 included). */
  anomalies: Record<AnomalyKind, number>;
  /** Anomaly kind → a few example ids. */
  anomalyExamples: Partial<Record<AnomalyKind, string[]>>;
  /** Set when the source broke part-way (truncated archive, unreachable URL). */
  sourceError?: string;
  elapsedMs: number;
}

/** Reads, parses, round-trips and tallies every record of a source. */
export async function checkCorpus(source: string, opts: CheckOptions = {}): Promise<CheckReport> {
  const started = Date.now();
  const description = describeSource(source);
  const progress = new Progress({
    unit: 'records',
    label: 'check',
    silent: opts.progress === false,
    ...(opts.progressStream ? { stream: opts.progressStream } : {}),
  });
  const onStatus =
    opts.onStatus ??
    (opts.progress === false ? undefined : (line: string) => process.stderr.write(`${line}\n`));
  const sourceOptions: SourceOptions = { ...opts };
  if (onStatus) sourceOptions.onStatus = onStatus;
  countRecords(source)
    .then((n) => {
      if (n !== undefined) progress.setTotal(n);
    })
    .catch(() => {});
  const tally = new AnomalyTally(opts.maxExamples ?? 5);
  const report: CheckReport = {
    source,
    kind: description.kind,
    records: 0,
    parsed: 0,
    rejected: [],
    roundTripIdentical: 0,
    roundTripDifferent: [],
    anomalies: Object.fromEntries(Object.keys(ANOMALY_KINDS).map((k) => [k, 0])) as Record<
      AnomalyKind,
      number
    >,
    anomalyExamples: {},
    elapsedMs: 0,
  };
  try {
    for await (const entry of readSource(source, sourceOptions)) {
      report.records++;
      const rec = toRecordEntry(entry.path, entry.bytes, entry.error);
      if (rec.error) {
        report.rejected.push({ path: rec.path, reason: rec.error.message });
      } else {
        report.parsed++;
        try {
          if (serializeRecord(rec.article).equals(rec.bytes)) report.roundTripIdentical++;
          else report.roundTripDifferent.push({ path: rec.path, reason: 'bytes differ' });
        } catch (err) {
          report.roundTripDifferent.push({ path: rec.path, reason: toBackfileError(err).message });
        }
        tally.add(rec.article, rec.path);
      }
      progress.tick();
    }
  } catch (err) {
    const e: BackfileError = toBackfileError(err);
    report.sourceError = e.message;
  }
  const found = tally.result();
  for (const kind of Object.keys(ANOMALY_KINDS) as AnomalyKind[]) {
    // every kind is listed, 0 included, so a reader sees what was looked for
    report.anomalies[kind] = found[kind]?.count ?? 0;
    if (found[kind]) report.anomalyExamples[kind] = found[kind].examples;
  }
  report.elapsedMs = Date.now() - started;
  // nothing read: no summary (the caller says what is wrong with the source)
  progress.finish(
    report.records === 0
      ? undefined
      : `check: ${report.records.toLocaleString('en')} records read in ${formatDuration(report.elapsedMs)}` +
          (report.rejected.length ? `, ${report.rejected.length.toLocaleString('en')} rejected` : ''),
  );
  return report;
}

/** 0 when every file parsed (and wrote back identically), 1 otherwise or, when strict, on any anomaly. */
export function checkExitCode(report: CheckReport, strict = false): number {
  if (report.rejected.length || report.sourceError || report.roundTripDifferent.length) return 1;
  if (strict && Object.values(report.anomalies).some((n) => n > 0)) return 1;
  return 0;
}

const MAX_LISTED = 50;

/** Columns a string takes on a terminal: East Asian wide characters take two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000
        ? 2
        : 1;
  }
  return w;
}

function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function num(n: number): string {
  return n.toLocaleString('en');
}

/** The human report. */
export function formatCheckReport(report: CheckReport): string {
  const lines: string[] = [];
  lines.push(`Source: ${report.source} (${report.kind})`);
  const rows: [string, string][] = [
    ['files read', num(report.records)],
    ['parsed', num(report.parsed)],
    ['rejected', num(report.rejected.length)],
    ['round-trip identical', `${num(report.roundTripIdentical)} of ${num(report.parsed)} parsed`],
  ];
  for (const [label, value] of rows) lines.push(`  ${label.padEnd(22)} ${value}`);
  if (report.sourceError) lines.push('', `Source error: ${report.sourceError}`);
  if (report.rejected.length) {
    lines.push('', 'Rejected files:');
    for (const r of report.rejected.slice(0, MAX_LISTED)) lines.push(`  ${r.path}: ${r.reason}`);
    if (report.rejected.length > MAX_LISTED) {
      lines.push(`  … and ${num(report.rejected.length - MAX_LISTED)} more (--json lists them all)`);
    }
  }
  if (report.roundTripDifferent.length) {
    lines.push('', 'Records that do not write back byte for byte (a backfile bug; please report):');
    for (const r of report.roundTripDifferent.slice(0, MAX_LISTED)) lines.push(`  ${r.path}: ${r.reason}`);
  }
  lines.push('', 'Anomalies (records, with example ids):');
  const kinds = Object.keys(ANOMALY_KINDS) as AnomalyKind[];
  const width = Math.max(...kinds.map((k) => displayWidth(ANOMALY_KINDS[k])));
  let any = false;
  for (const kind of kinds) {
    const count = report.anomalies[kind];
    if (!count) continue;
    any = true;
    const examples = report.anomalyExamples[kind] ?? [];
    const eg = examples.length ? `   e.g. ${examples.join(', ')}${count > examples.length ? ', …' : ''}` : '';
    lines.push(`  ${padDisplay(ANOMALY_KINDS[kind], width)} ${num(count).padStart(7)}${eg}`);
  }
  if (!any) lines.push('  none');
  const absent = kinds
    .filter((k) => !report.anomalies[k])
    .map((k) => ANOMALY_KINDS[k].replace(/ \(.*\)$/, ''));
  if (any && absent.length) lines.push(`  none found: ${absent.join('; ')}`);
  lines.push('', `Time: ${formatDuration(report.elapsedMs)}`);
  return lines.join('\n');
}
