// Flag parsing shared by the commands: node's parseArgs with errors turned into UsageError.

import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../lib/errors.js';

export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    // a value that starts with a dash (--page -1) is taken for a flag: said plainly
    const ambiguous = /^Option '(--[\w-]+)[^']*' argument is ambiguous/.exec((err as Error).message);
    if (ambiguous) {
      const value = argv[argv.indexOf(ambiguous[1]!) + 1] ?? '';
      throw new UsageError(`${ambiguous[1]} takes a value, not "${value}"\n${usage}`, { cause: err });
    }
    throw new UsageError(`${(err as Error).message}\n${usage}`, { cause: err });
  }
}

/** A whole-number flag's value (at least `min`), or the fallback when the flag is not given. */
export function intFlag(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(
      `--${name} takes a whole number${min > 0 ? ` of ${min} or more` : ''}, not "${value}"`,
    );
  }
  return n;
}
