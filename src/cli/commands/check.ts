// `backfile check <source> [--json] [--strict]`: reads every record of a corpus source, checks that
// each parses and writes back byte for byte, and reports rejected files and anomalies.

import { checkCorpus, checkExitCode, formatCheckReport } from '../../corpus/check.js';
import { describeSource, PUBLIC_CORPUS_URL } from '../../corpus/source.js';
import { SourceError } from '../../lib/errors.js';
import { intFlag, parseFlags, usageError } from '../args.js';
import type { Command } from '../main.js';

const usage = `Usage: backfile check <source> [--json] [--strict] [--quiet] [--examples N]

Reads every record of a corpus source, checks that it parses and writes back byte for byte, and
reports files read, parsed, rejected (with the reason), round-trip identical, and anomalies with a
few example ids. <source> is a folder, a .tar/.tar.gz/.tgz/.tar.xz archive, a git repository path,
or a git URL (cloned shallow into ~/.cache/backfile/git, or $BACKFILE_CACHE/git), e.g.
  ${PUBLIC_CORPUS_URL}

  --json        print the report as one JSON object on stdout
  --strict      exit 1 when any anomaly is found, not only when a file is rejected
  --quiet       no progress on stderr
  --examples N  example ids per anomaly kind (default 5)

Exit status: 0 every file parsed, 1 a file was rejected or the source broke part-way, after
some record files (or, with --strict, an anomaly was found), 2 usage error, 3 the source is not
found, not a corpus source, unreadable (a file that is no archive), or holds no record files.`;

export const command: Command = {
  summary: 'read a corpus, check every record round-trips, report rejects and anomalies',
  usage,
  async run(argv) {
    const { values, positionals } = parseFlags(
      argv,
      {
        json: { type: 'boolean' },
        strict: { type: 'boolean' },
        quiet: { type: 'boolean' },
        examples: { type: 'string' },
      },
      'check',
    );
    if (positionals.length !== 1) {
      throw usageError('check', 'give exactly one source (a folder, archive or git URL)');
    }
    const source = positionals[0]!;
    describeSource(source); // a source that does not exist: exit 3, as import says it
    const report = await checkCorpus(source, {
      progress: !values.quiet,
      maxExamples: intFlag(values.examples, 'examples', 5),
    });
    // a source without a single record file is a wrong path, not a sound empty corpus, and one
    // that broke before its first (a file that is no archive) is an unreadable source: one line,
    // exit 3, as for import; one that broke after some is reported with what was read
    if (report.records === 0) {
      throw new SourceError(
        report.sourceError ?? `${source} holds no record files (Markdown files, e.g. articles/article_1.md)`,
      );
    }
    process.stdout.write(
      values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatCheckReport(report)}\n`,
    );
    return checkExitCode(report, values.strict ?? false);
  },
};
