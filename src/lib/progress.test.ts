import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, Progress, type ProgressOptions } from './progress.js';

/** A stream that keeps what is written, with the given width; a clock the test moves. */
function fake(columns?: number) {
  const writes: string[] = [];
  const stream = {
    isTTY: true,
    columns,
    write(chunk: string) {
      writes.push(chunk);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  const clock = { t: 1_000_000 };
  return { writes, stream, clock, now: () => clock.t };
}

/** The line a terminal shows after one tick of `done` records, `ms` after the start. */
function drawn(opts: Partial<ProgressOptions> & { columns?: number; done: number; ms: number }): string {
  const f = fake(opts.columns);
  const p = new Progress({
    unit: 'records',
    label: 'import',
    stream: f.stream,
    now: f.now,
    tty: true,
    ...opts,
  });
  f.clock.t += opts.ms;
  p.tick(opts.done);
  assert.equal(f.writes.length, 1);
  const line = f.writes[0]!;
  assert.ok(line.startsWith('\r\x1b[K'), 'the line is cleared before it is drawn');
  return line.slice(4);
}

test('on a terminal the bar line fits its width: it never wraps (a wrapped line is not cleared)', () => {
  for (const columns of [200, 120, 80, 60, 40, 30, 20, 10]) {
    const line = drawn({ columns, total: 49_118, done: 12_345, ms: 5_000 });
    assert.ok(line.length < columns, `${columns} columns: ${JSON.stringify(line)} (${line.length})`);
  }
  // wide enough: everything, with the full bar
  const wide = drawn({ columns: 200, total: 49_118, done: 12_345, ms: 5_000 });
  assert.match(wide, /^import \[█{7}·{21}\] {2}25% 12,345\/49,118 records · 2,469 records\/s · ETA 14\.9 s$/);
  // 80 columns: the bar is shortened, the rest kept while it fits
  const eighty = drawn({ columns: 80, total: 49_118, done: 12_345, ms: 5_000 });
  assert.match(
    eighty,
    /^import \[[█·]{10,27}\] {2}25% 12,345\/49,118 records · (2,469 records\/s · )?ETA 14\.9 s$/,
  );
  // narrow: the bar goes before the counts do
  assert.equal(
    drawn({ columns: 40, total: 49_118, done: 12_345, ms: 5_000 }),
    'import  25% 12,345/49,118 records',
  );
  // with no width known, 80 columns are assumed
  assert.ok(drawn({ total: 49_118, done: 12_345, ms: 5_000 }).length < 80);
});

test('with the total unknown (a tarball), no bar and no "ETA ?", on a terminal or in a pipe', () => {
  assert.equal(drawn({ columns: 100, done: 12_345, ms: 5_000 }), 'import 12,345 records · 2,469 records/s');
  const f = fake();
  const pipe = new Progress({ unit: 'records', label: 'check', stream: f.stream, now: f.now, tty: false });
  f.clock.t += 6_000;
  pipe.tick(600);
  assert.deepEqual(f.writes, ['check: 600 records, 100 records/s\n']);
  const known = new Progress({
    unit: 'records',
    label: 'check',
    stream: f.stream,
    now: f.now,
    tty: false,
    total: 1_200,
  });
  f.clock.t += 6_000;
  known.tick(600);
  assert.equal(f.writes[1], 'check: 600/1,200 records, 100 records/s, ETA 6.0 s\n');
});

test('a stage line fits the terminal too; finish clears the bar and prints the summary', () => {
  const f = fake(30);
  const p = new Progress({ unit: 'records', label: 'import', stream: f.stream, now: f.now, tty: true });
  p.stage('compacting the search index');
  assert.equal(f.writes[0], '\r\x1b[Kimport: compacting the search');
  p.finish('imported: 3 records');
  assert.deepEqual(f.writes.slice(1), ['\r\x1b[K', 'imported: 3 records\n']);
});

test('formatDuration: milliseconds, seconds to a tenth, then minutes and seconds rounded as a whole', () => {
  assert.equal(formatDuration(850), '850 ms');
  assert.equal(formatDuration(3_720), '3.7 s');
  assert.equal(formatDuration(59_940), '59.9 s');
  assert.equal(formatDuration(59_960), '1 min 0 s');
  assert.equal(formatDuration(83_400), '1 min 23 s');
  assert.equal(formatDuration(179_600), '3 min 0 s', 'never 2 min 60 s');
  assert.equal(formatDuration(3_600_000 + 5 * 60_000), '1 h 5 min');
  assert.equal(formatDuration(-1), '?');
});
