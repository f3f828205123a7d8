import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, inflateRawSync, constants as zlibConstants } from 'node:zlib';
import Database from 'better-sqlite3';
import { BODY_INFLATE_VERSION, loadBodyInflate } from './store.js';
import { warningsDuring, withOtherBuild } from './testing/native-builds.js';

// The extension is built by `npm run build` where zlib's headers are (zlib1g-dev; .ci/run installs
// them); a test run without it tries to build it.
const root = fileURLToPath(new URL('../..', import.meta.url));
if (!existsSync(`${root}/build/body-inflate.so`)) {
  spawnSync(process.execPath, ['scripts/build-native.mjs'], { cwd: root, stdio: 'inherit' });
}
const built = existsSync(`${root}/build/body-inflate.so`);
const skip = built ? false : 'build/body-inflate.so could not be built here (no zlib headers?)';

/** Texts like stored bodies: Han, Latin and markup, as UTF-16LE, of several sizes. */
function bodies(): Buffer[] {
  let seed = 11;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  return [0, 1, 40, 700, 3000, 20000, 90000].map((n) => {
    let text = '';
    for (let i = 0; i < n; i++) {
      const r = next() % 100;
      text += r < 70 ? String.fromCharCode(0x4e00 + (next() % 3000)) : r < 90 ? 'abc xyz '[r % 8]! : '\n';
    }
    return deflateRawSync(Buffer.from(text, 'utf16le'));
  });
}

test('inflate_raw gives what node:zlib gives, whole and for a first part', { skip }, () => {
  const db = new Database(':memory:');
  assert.equal(loadBodyInflate(db), true);
  const whole = db.prepare('SELECT inflate_raw(?)').pluck();
  const part = db.prepare('SELECT inflate_raw(?, ?)').pluck();
  for (const blob of bodies()) {
    assert.deepEqual(whole.get(blob), inflateRawSync(blob), `whole, ${blob.length} bytes`);
    for (const n of [1, 2, 100, 1024, 1536, blob.length - 1, blob.length, blob.length + 10]) {
      if (n < 1) continue;
      const want =
        n >= blob.length
          ? inflateRawSync(blob)
          : inflateRawSync(blob.subarray(0, n), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
      assert.deepEqual(part.get(blob, n), want, `first ${n} of ${blob.length} bytes`);
    }
  }
  // 0 or less reads it all; NULL stays NULL
  const blob = bodies()[4]!;
  assert.deepEqual(part.get(blob, 0), inflateRawSync(blob));
  assert.equal(whole.get(null), null);
  db.close();
});

test('inflate_raw refuses what is not a whole raw deflate stream, and goes on working', { skip }, () => {
  const db = new Database(':memory:');
  assert.equal(loadBodyInflate(db), true);
  const whole = db.prepare('SELECT inflate_raw(?)').pluck();
  const blob = bodies()[5]!;
  assert.throws(() => whole.get(blob.subarray(0, blob.length >> 1)), /ends early/);
  assert.throws(() => whole.get(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00])), /not a raw deflate stream/);
  assert.deepEqual(whole.get(blob), inflateRawSync(blob));
  db.close();
});

test('a body-inflate build of another version is not used, and it is said once', { skip }, async () => {
  await withOtherBuild(
    'src/store/body-inflate.c',
    `BODY_INFLATE_VERSION=${BODY_INFLATE_VERSION + 1}`,
    'body-inflate.so',
    ['-lz'],
    async (other) => {
      const warnings = await warningsDuring(() => {
        assert.equal(loadBodyInflate(new Database(':memory:'), other), false);
        assert.equal(loadBodyInflate(new Database(':memory:'), other), false);
      });
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /version 2 of the extension; this code reads version 1/);
      assert.match(warnings[0]!, /snippets inflate bodies with node:zlib/);
    },
  );
});
