// The fake Wayback Machine serving the sample corpus as article pages, in a process of its own, so
// that the times it logs are not bent by the client's event loop. Prints its URL on stdout.

import { startFakeWayback } from '../../src/recover/testing/fake-wayback.js';
import { capturesOf, loadRecords } from '../../src/recover/testing/round-trip.js';
import { SAMPLE_TARBALL } from '../../test/support/corpus.js';

const fake = await startFakeWayback({ captures: capturesOf(await loadRecords(SAMPLE_TARBALL)) });
process.stdout.write(`${fake.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
