// Local capture input, no network: `.warc`, `.warc.gz` (warcio's WARCParser, which un-gzips member
// by member and de-chunks bodies) and `.wacz` (a ZIP holding archive/*.warc[.gz]; Node has no ZIP
// reader, so yauzl reads the entries as streams without unpacking the archive to disk).
// checkWarcFile() refuses a file that is missing, unreadable, not a WARC/WACZ file or cut short (a
// broken gzip stream, a plain WARC record whose block goes past the end of the file, a ZIP without
// its central directory) before any of it is read for its records.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { WARCParser } from 'warcio';
import yauzl from 'yauzl';
import { NotFoundError, SourceError } from '../lib/errors.js';

export interface WarcCapture {
  /** The record's WARC-Target-URI. */
  original: string;
  /** WARC-Date as 14 digits. */
  timestamp: string;
  /** The record's WARC-Record-ID without its angle brackets (`urn:uuid:…`), when it has one. */
  recordId?: string;
  /** Where the record starts in its file (in the compressed bytes of a .warc.gz). */
  offset: number;
  /** The file's name without its folder, `x.wacz!archive/data.warc.gz` inside a WACZ. */
  fileName: string;
  status: number;
  /** Content-Type of the HTTP answer. */
  contentType: string;
  location?: string;
  /** The payload, de-chunked and decoded from its Content-Encoding. */
  body: Buffer;
  /** "file" or "file!archive/x.warc.gz", for messages. */
  source: string;
}

/** "2021-07-12T04:55:22Z" → "20210712045522". */
export function warcDateToTimestamp(date: string): string {
  return date
    .replace(/[^0-9]/g, '')
    .slice(0, 14)
    .padEnd(14, '0');
}

async function* recordsOf(
  stream: Readable,
  source: string,
  fileName: string,
  wanted: (uri: string) => boolean,
): AsyncIterable<WarcCapture> {
  const parser = new WARCParser(stream);
  let records = 0;
  for await (const record of parser) {
    // what does not start with a WARC header is not a WARC file (warcio reads it as one empty record)
    if (!record.warcType) {
      if (records === 0) throw new SourceError(`${source} is not a WARC file: no WARC record header`);
      throw new SourceError(
        `${source} is corrupt: no WARC record header at record ${records + 1} (after ${records} record${records === 1 ? '' : 's'}); download it again`,
      );
    }
    const offset = parser.offset;
    records++;
    if (record.warcType !== 'response') continue;
    const uri = record.warcTargetURI ?? '';
    if (!uri || !wanted(uri)) {
      await record.skipFully();
      continue;
    }
    const info = record.getResponseInfo();
    const status = Number(info?.status ?? 0);
    const headers = info?.headers;
    const get = (name: string): string | undefined => {
      if (!headers) return undefined;
      const v = (headers as { get(n: string): string | null }).get(name);
      return v ?? undefined;
    };
    // contentText/readFully(true) de-chunk and decode gzip/deflate; warcio has no Brotli
    const body = Buffer.from(await record.readFully(true));
    const recordId = record.warcHeader('WARC-Record-ID')?.replace(/^<|>$/g, '') || undefined;
    yield {
      original: uri,
      timestamp: warcDateToTimestamp(record.warcDate ?? ''),
      recordId,
      offset,
      fileName,
      status,
      contentType: get('content-type') ?? '',
      location: get('location'),
      body,
      source,
    };
  }
  if (records === 0) throw new SourceError(`${source} holds no WARC record (an empty or cut-short file?)`);
}

/** The first bytes of a WARC file: a record header, perhaps after blank lines. */
function startsAsWarc(head: Buffer): boolean {
  let i = 0;
  while (i < head.length && (head[i] === 0x0d || head[i] === 0x0a)) i++;
  return head.subarray(i, i + 5).toString('latin1') === 'WARC/';
}

/**
 * Reads a stream (a .warc.gz file, or a WACZ entry) to its end through gunzip when `gzip`: warcio
 * stops quietly where gzip data breaks off, which would pass a download cut short for a complete file
 * with fewer captures. Then checks that what it holds starts as a WARC file.
 */
async function checkStreamWhole(source: Readable, gzip: boolean, name: string, size: number): Promise<void> {
  if (size === 0) {
    source.destroy();
    throw new SourceError(`${name} holds no WARC record (an empty or cut-short file?)`);
  }
  let head = Buffer.alloc(0);
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      if (head.length < 64) head = Buffer.concat([head, chunk]).subarray(0, 64);
      done();
    },
  });
  try {
    if (gzip) await pipeline(source, createGunzip(), sink);
    else await pipeline(source, sink);
  } catch (err) {
    throw new SourceError(`${name} is cut short or corrupt (${(err as Error).message}); download it again`, {
      cause: err,
    });
  }
  if (head.every((b) => b === 0x0d || b === 0x0a)) {
    throw new SourceError(`${name} holds no WARC record (an empty or cut-short file?)`);
  }
  if (!startsAsWarc(head)) throw new SourceError(`${name} is not a WARC file: no WARC record header`);
}

/** Bytes read at a time to find a record's header block (a longer header is read in larger steps). */
const HEADER_CHUNK = 16 * 1024;
const HEADER_MAX = 1024 * 1024;

/**
 * Walks an uncompressed WARC file from record to record by the Content-Length of each header, without
 * reading the blocks: warcio reads a record cut short as a complete one with a shorter body, which
 * would pass a download cut short for a complete file. A record may lack only its closing blank lines
 * at the very end.
 */
async function checkWarcWhole(path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    let offset = 0;
    let records = 0;
    let buf = Buffer.alloc(HEADER_CHUNK);
    while (offset < size) {
      const { bytesRead } = await file.read(buf, 0, buf.length, offset);
      const head = buf.subarray(0, bytesRead);
      let start = 0;
      while (start < head.length && (head[start] === 0x0d || head[start] === 0x0a)) start++;
      if (start === head.length && offset + bytesRead >= size) break; // blank lines at the end
      const end = head.indexOf('\r\n\r\n', start);
      if (end < 0 && bytesRead === buf.length && buf.length < HEADER_MAX) {
        buf = Buffer.alloc(buf.length * 4);
        continue;
      }
      const header = head.subarray(start, end < 0 ? head.length : end).toString('latin1');
      if (!header.startsWith('WARC/')) {
        if (records === 0) throw new SourceError(`${path} is not a WARC file: no WARC record header`);
        throw new SourceError(
          `${path} is corrupt: no WARC record header at byte ${offset + start} (after ${records} record${records === 1 ? '' : 's'}); download it again`,
        );
      }
      const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(header);
      if (end < 0 || !length) {
        throw new SourceError(
          `${path} is cut short or corrupt: record ${records + 1} at byte ${offset + start} has ${end < 0 ? 'no end to its header' : 'no Content-Length'}; download it again`,
        );
      }
      const blockEnd = offset + end + 4 + Number(length[1]);
      if (blockEnd > size) {
        throw new SourceError(
          `${path} is cut short: record ${records + 1} declares ${Number(length[1]).toLocaleString('en')} bytes, but the file ends ${(blockEnd - size).toLocaleString('en')} bytes before them; download it again`,
        );
      }
      records++;
      offset = blockEnd;
    }
    if (records === 0) throw new SourceError(`${path} holds no WARC record (an empty or cut-short file?)`);
  } finally {
    await file.close();
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    );
  });
}

async function* zipEntries(zip: yauzl.ZipFile): AsyncIterable<yauzl.Entry> {
  const queue: (yauzl.Entry | null | Error)[] = [];
  let wake: (() => void) | undefined;
  const push = (item: yauzl.Entry | null | Error) => {
    queue.push(item);
    wake?.();
  };
  zip.on('entry', (e: yauzl.Entry) => push(e));
  zip.on('end', () => push(null));
  zip.on('error', (err: Error) => push(err));
  zip.readEntry();
  for (;;) {
    if (queue.length === 0) await new Promise<void>((r) => (wake = r));
    wake = undefined;
    const item = queue.shift();
    if (item === undefined) continue;
    if (item === null) return;
    if (item instanceof Error) throw item;
    yield item;
    zip.readEntry();
  }
}

function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)));
  });
}

const WACZ_WARC_ENTRY = /^archive\/.+\.warc(\.gz)?$/i;

/**
 * Reads a WACZ file's entries: a ZIP without its central directory (a download cut short) cannot be
 * opened, and each archive/*.warc.gz is read through gunzip to its end.
 */
async function checkWaczWhole(path: string): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (err) {
    throw new SourceError(
      `${path} is not a WACZ file, or is cut short (${(err as Error).message}); download it again`,
      { cause: err },
    );
  }
  try {
    let found = 0;
    for await (const entry of zipEntries(zip)) {
      if (!WACZ_WARC_ENTRY.test(entry.fileName)) continue;
      found++;
      const name = `${path}!${entry.fileName}`;
      const stream = await entryStream(zip, entry);
      await checkStreamWhole(stream, /\.gz$/i.test(entry.fileName), name, entry.uncompressedSize);
    }
    if (found === 0) throw new SourceError(`${path}: no archive/*.warc.gz inside this WACZ file`);
  } finally {
    zip.close();
  }
}

type WarcKind = 'warc' | 'warc.gz' | 'wacz';

function kindOf(path: string): WarcKind | undefined {
  if (/\.wacz$/i.test(path)) return 'wacz';
  if (/\.warc\.gz$/i.test(path)) return 'warc.gz';
  if (/\.warc$/i.test(path)) return 'warc';
  return undefined;
}

/** A file system error on an input file as one clear line: not found (exit 3) or unreadable. */
function inputError(path: string, err: unknown): SourceError | NotFoundError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new NotFoundError(`no such file: ${path}`, { cause: err });
  if (code === 'EACCES' || code === 'EPERM') {
    return new SourceError(`cannot read ${path}: permission denied`, { cause: err });
  }
  if (code === 'EISDIR') {
    return new SourceError(`${path} is a folder, not a .warc, .warc.gz or .wacz file`, { cause: err });
  }
  return new SourceError(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
}

/**
 * Checks one input file before any of it is used: it exists, can be read, is a .warc, .warc.gz or
 * .wacz file that starts as one, and is whole (see checkStreamWhole, checkWarcWhole, checkWaczWhole).
 * Reads a gzip file or a WACZ once through; walks a plain WARC by its record headers only.
 */
export async function checkWarcFile(path: string): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    throw inputError(path, err);
  }
  if (info.isDirectory()) throw new SourceError(`${path} is a folder, not a .warc, .warc.gz or .wacz file`);
  if (!info.isFile()) throw new SourceError(`${path} is not a file`);
  const kind = kindOf(path);
  if (!kind) throw new SourceError(`${path}: not a .warc, .warc.gz or .wacz file`);
  try {
    if (kind === 'wacz') await checkWaczWhole(path);
    else if (kind === 'warc.gz') await checkStreamWhole(createReadStream(path), true, path, info.size);
    else await checkWarcWhole(path);
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw inputError(path, err);
  }
}

/** The capture's name in a record and a manifest: `warc:<file name>#<WARC-Record-ID>` (or `#offset=<n>`). */
export function warcCaptureSource(capture: Pick<WarcCapture, 'fileName' | 'recordId' | 'offset'>): string {
  return `warc:${capture.fileName}#${capture.recordId ?? `offset=${capture.offset}`}`;
}

/**
 * Every response record whose target URI `wanted` accepts, from one .warc/.warc.gz/.wacz file. The
 * file is checked first (checkWarcFile) unless `checked` says the caller has done so.
 */
export async function* readWarcFile(
  path: string,
  wanted: (uri: string) => boolean,
  opts: { checked?: boolean } = {},
): AsyncIterable<WarcCapture> {
  if (!opts.checked) await checkWarcFile(path);
  const name = basename(path);
  try {
    if (kindOf(path) === 'wacz') {
      const zip = await openZip(path);
      try {
        let found = 0;
        for await (const entry of zipEntries(zip)) {
          if (!WACZ_WARC_ENTRY.test(entry.fileName)) continue;
          found++;
          const stream = await entryStream(zip, entry);
          yield* recordsOf(stream, `${path}!${entry.fileName}`, `${name}!${entry.fileName}`, wanted);
        }
        if (found === 0) throw new SourceError(`${path}: no archive/*.warc.gz inside this WACZ file`);
      } finally {
        zip.close();
      }
    } else {
      yield* recordsOf(createReadStream(path), path, name, wanted);
    }
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw inputError(path, err);
  }
}
