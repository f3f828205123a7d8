// Records from a source: every record file of a folder, archive or git repository, parsed, or the
// reason it could not be read or parsed. Source-level failures (a truncated archive, an unreachable
// URL) are thrown as SourceError after the records read before them.

import { type BackfileError, RecordError, toBackfileError } from '../lib/errors.js';
import { parseRecord } from './record.js';
import { readSource, type SourceOptions } from './source.js';
import type { Article } from './types.js';

export type RecordEntry =
  | { path: string; bytes: Buffer; article: Article; error?: undefined }
  | { path: string; bytes?: Buffer; article?: undefined; error: BackfileError };

/** Parses one source entry (bytes or read error) into a RecordEntry. */
export function toRecordEntry(path: string, bytes: Buffer | undefined, error?: Error): RecordEntry {
  if (error || !bytes) {
    const e =
      error instanceof RecordError
        ? error
        : new RecordError(path, error?.message ?? 'no bytes', { cause: error });
    return { path, error: e };
  }
  try {
    return { path, bytes, article: parseRecord(bytes, path) };
  } catch (err) {
    return { path, bytes, error: toBackfileError(err) };
  }
}

/** Streams the parsed records of a source (folder, .tar[.gz|.xz], git path or URL). */
export async function* readRecords(source: string, opts?: SourceOptions): AsyncGenerator<RecordEntry> {
  for await (const entry of readSource(source, opts)) {
    yield toRecordEntry(entry.path, entry.bytes, entry.error);
  }
}
