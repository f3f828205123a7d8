import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../lib/errors.js';
import { closest, parseFlags } from './args.js';

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  page: { type: 'string' },
} as const;

/** The UsageError parseFlags throws for these arguments. */
function usageErrorOf(argv: string[]): UsageError {
  try {
    parseFlags(argv, OPTIONS, 'search');
  } catch (err) {
    assert.ok(err instanceof UsageError, String(err));
    return err;
  }
  assert.fail(`no error for ${argv.join(' ')}`);
}

test('flags and positionals are read as parseArgs reads them', () => {
  const { values, positionals } = parseFlags(
    ['國安法', '--db', 'x.db', '--json', '記者', '--page=2'],
    OPTIONS,
    'search',
  );
  assert.deepEqual({ ...values }, { db: 'x.db', json: true, page: '2' });
  assert.deepEqual(positionals, ['國安法', '記者']);
  assert.deepEqual(parseFlags(['a', '--', '--json', '-b'], OPTIONS, 'search').positionals, [
    'a',
    '--json',
    '-b',
  ]);
});

test('an argument that starts with a dash and no letter is text, in its place: an excluded term', () => {
  const { values, positionals } = parseFlags(
    ['警察', '-催淚彈', '--json', '－水炮', '-1', '-'],
    OPTIONS,
    'search',
  );
  assert.deepEqual(positionals, ['警察', '-催淚彈', '－水炮', '-1', '-']);
  assert.deepEqual({ ...values }, { json: true });
  // a query of exclusions only is a query
  assert.deepEqual(parseFlags(['-國安法', '--db', 'x'], OPTIONS, 'search').positionals, ['-國安法']);
});

test('every mistake is one line naming the command, with what to do', () => {
  const unknown = usageErrorOf(['--bogus', 'x']);
  assert.equal(unknown.message, 'unknown option --bogus (see backfile search --help)');
  assert.equal(unknown.command, 'search');
  assert.equal(unknown.exitCode, 2);
  assert.equal(
    usageErrorOf(['x', '--jsn']).message,
    'unknown option --jsn; did you mean --json? (see backfile search --help)',
  );
  assert.match(
    usageErrorOf(['警察', '-lam']).message,
    /^unknown option -lam; text that starts with - goes after --: backfile search -- -lam /,
  );
  assert.match(usageErrorOf(['x', '--db']).message, /^--db needs a value/);
  assert.match(usageErrorOf(['x', '--json=yes']).message, /^--json takes no value/);
  assert.match(usageErrorOf(['x', '--page', '-1']).message, /^--page takes a value, not "-1"/);
  assert.match(usageErrorOf(['x', '--db', '-國安法']).message, /^--db takes a value, not "-國安法"/);
  for (const argv of [['--bogus'], ['x', '--db'], ['-lam']]) {
    assert.doesNotMatch(usageErrorOf(argv).message, /\n/, argv.join(' '));
  }
});

test('closest: the same word in another case, else the nearest within two edits', () => {
  const commands = ['check', 'import', 'search', 'serve', 'recover'];
  assert.equal(closest('Search', commands), 'search');
  assert.equal(closest('serch', commands), 'search');
  assert.equal(closest('chek', commands), 'check');
  assert.equal(closest('imprt', commands), 'import');
  assert.equal(closest('xyz', commands), undefined);
  assert.equal(closest('ls', commands), undefined);
});
