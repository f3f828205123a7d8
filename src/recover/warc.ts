// Local capture input, no network: `.warc`, `.warc.gz` (warcio's WARCParser, which un-gzips member
// by member and de-chunks bodies) and `.wacz` (a ZIP holding archive/*.warc[.gz]; Node has no ZIP
// reader, so yauzl reads the entries as streams without unpacking the archive to disk). A file cut
// short is refused before any of it is read: a broken gzip stream, or a plain WARC record whose block
// goes past the end of the file.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { type Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { WARCParser } from 'warcio';
import yauzl from 'yauzl';
import { SourceError } from '../lib/errors.js';

export interface WarcCapture {
  /** The record's WARC-Target-URI. */
  original: string;
  /** WARC-Date as 14 digits. */
  timestamp: string;
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
  wanted: (uri: string) => boolean,
): AsyncIterable<WarcCapture> {
  const parser = new WARCParser(stream);
  let records = 0;
  for await (const record of parser) {
    // what does not start with a WARC header is not a WARC file (warcio reads it as one empty record)
    if (!record.warcType) throw new SourceError(`${source} is not a WARC file: no WARC record header`);
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
    yield {
      original: uri,
      timestamp: warcDateToTimestamp(record.warcDate ?? ''),
      status,
      contentType: get('content-type') ?? '',
      location: get('location'),
      body,
      source,
    };
  }
  if (records === 0) throw new SourceError(`${source} holds no WARC record (an empty or cut-short file?)`);
}

/**
 * Reads a gzip file to its end: warcio stops quietly where gzip data breaks off, which would pass a
 * download cut short for a complete file with fewer captures.
 */
async function checkGzipWhole(path: string): Promise<void> {
  try {
    await pipeline(createReadStream(path), createGunzip(), new Writable({ write: (_c, _e, done) => done() }));
  } catch (err) {
    throw new SourceError(`${path} is cut short or corrupt (${(err as Error).message}); download it again`, {
      cause: err,
    });
  }
}

/** Bytes read at a time to find a record's header block (a longer header is read in larger steps). */
const HEADER_CHUNK = 16 * 1024;
const HEADER_MAX = 1024 * 1024;

/**
 * Walks an uncompressed WARC file from record to record by the Content-Length of each header, without
 * reading the blocks: warcio reads a record cut short as a complete one with a shorter body, which
 * would pass a download cut short for a complete file. A record may lack only its closing blank lines
 * at the very end. What does not start as a WARC file is left to the parser to refuse.
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
      if (start === head.length && offset + bytesRead >= size) return; // blank lines at the end
      const end = head.indexOf('\r\n\r\n', start);
      if (end < 0 && bytesRead === buf.length && buf.length < HEADER_MAX) {
        buf = Buffer.alloc(buf.length * 4);
        continue;
      }
      const header = head.subarray(start, end < 0 ? head.length : end).toString('latin1');
      if (!header.startsWith('WARC/')) {
        if (records === 0) return;
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

/** Every response record whose target URI `wanted` accepts, from one .warc/.warc.gz/.wacz file. */
export async function* readWarcFile(
  path: string,
  wanted: (uri: string) => boolean,
): AsyncIterable<WarcCapture> {
  try {
    if (/\.wacz$/i.test(path)) {
      const zip = await openZip(path);
      try {
        let found = 0;
        for await (const entry of zipEntries(zip)) {
          if (!/^archive\/.+\.warc(\.gz)?$/i.test(entry.fileName)) continue;
          found++;
          yield* recordsOf(await entryStream(zip, entry), `${path}!${entry.fileName}`, wanted);
        }
        if (found === 0) throw new SourceError(`${path}: no archive/*.warc.gz inside this WACZ file`);
      } finally {
        zip.close();
      }
    } else if (/\.warc(\.gz)?$/i.test(path)) {
      if (/\.gz$/i.test(path)) await checkGzipWhole(path);
      else await checkWarcWhole(path);
      yield* recordsOf(createReadStream(path), path, wanted);
    } else {
      throw new SourceError(`${path}: not a .warc, .warc.gz or .wacz file`);
    }
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new SourceError(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
}
