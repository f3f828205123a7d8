// One measured run for bench/corpus: reads and parses every record of a source in a fresh process
// and prints {records, parsed, rejected, ms, peakRssMB} as JSON (peak RSS of this process only).

import { readRecords } from '../../src/corpus/records.js';

const source = process.argv[2];
if (!source) {
  console.error('usage: read-all.ts <source>');
  process.exit(2);
}
const started = performance.now();
let records = 0;
let parsed = 0;
for await (const entry of readRecords(source)) {
  records++;
  if (entry.article) parsed++;
}
const ms = performance.now() - started;
const peakRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ records, parsed, rejected: records - parsed, ms, peakRssMB })}\n`);
