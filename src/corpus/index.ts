// The corpus package: the one reader and writer of the record format, its sources, body parts,
// anomalies and the `check` report.

export * from './anomalies.js';
export * from './body.js';
export * from './byline.js';
export * from './check.js';
export * from './figure.js';
export * from './hkcnews-url.js';
export * from './record.js';
export * from './records.js';
export * from './source.js';
export type * from './types.js';
