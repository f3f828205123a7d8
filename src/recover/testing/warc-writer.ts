// Writes captures as WARC response records (warcio's serializer), as .warc, .warc.gz or a .wacz
// (a ZIP with archive/data.warc.gz, pages/pages.jsonl and datapackage.json, via yazl), so that
// tests and benches can feed recovery from local files.

import { createWriteStream, writeFileSync } from 'node:fs';
import { WARCRecord, WARCSerializer } from 'warcio';
import yazl from 'yazl';
import type { FakeCapture } from './fake-wayback.js';

function isoDate(ts: string): string {
  return `${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)}T${ts.slice(8, 10)}:${ts.slice(10, 12)}:${ts.slice(12, 14)}Z`;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  301: 'Moved Permanently',
  302: 'Found',
  404: 'Not Found',
};

/** One capture as serialized WARC bytes (one gzip member per record when gzip). */
export async function warcRecordBytes(capture: FakeCapture, gzip: boolean): Promise<Uint8Array> {
  const status = capture.status ?? 200;
  const body =
    typeof capture.body === 'string' ? Buffer.from(capture.body) : (capture.body ?? Buffer.alloc(0));
  const httpHeaders: Record<string, string> = {
    'Content-Type': capture.mimetype ? `${capture.mimetype}; charset=utf-8` : 'text/html; charset=utf-8',
    'Content-Length': String(body.length),
  };
  if (capture.location) httpHeaders.Location = capture.location;
  const record = WARCRecord.create(
    {
      url: capture.original,
      date: isoDate(capture.timestamp),
      type: 'response',
      warcVersion: 'WARC/1.1',
      statusline: `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Status'}`,
      httpHeaders,
    },
    [new Uint8Array(body)],
  );
  return WARCSerializer.serialize(record, { gzip });
}

/** Writes a .warc or .warc.gz file (gzip chosen by the name). */
export async function writeWarc(path: string, captures: FakeCapture[]): Promise<void> {
  const gzip = path.endsWith('.gz');
  const parts: Uint8Array[] = [];
  for (const c of captures) parts.push(await warcRecordBytes(c, gzip));
  writeFileSync(path, Buffer.concat(parts));
}

/** Writes a WACZ 1.2 file whose archive/ holds one .warc.gz with the captures. */
export async function writeWacz(path: string, captures: FakeCapture[]): Promise<void> {
  const parts: Uint8Array[] = [];
  for (const c of captures) parts.push(await warcRecordBytes(c, true));
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.concat(parts), 'archive/data.warc.gz', { compress: false });
  const pages = captures.map((c) => JSON.stringify({ url: c.original, ts: isoDate(c.timestamp) }));
  zip.addBuffer(
    Buffer.from(`${JSON.stringify({ format: 'json-pages-1.0', id: 'pages' })}\n${pages.join('\n')}\n`),
    'pages/pages.jsonl',
  );
  zip.addBuffer(
    Buffer.from(JSON.stringify({ profile: 'data-package', wacz_version: '1.2', resources: [] })),
    'datapackage.json',
  );
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(path);
    zip.outputStream
      .pipe(out)
      .on('close', () => resolve())
      .on('error', reject);
  });
}
