// Flag parsing shared by the commands: node's parseArgs reads the arguments (as tokens, leniently),
// and every mistake becomes one line: an unknown option (with the closest known one), a missing
// value, a value given to a switch. An argument that starts with a dash but not with a letter
// (-國安法, an excluded search term; -1) is text, not an option, wherever it stands.

import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../lib/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

/** A usage error of a command, pointing at its help: `backfile <command>: <message> (see …)`. */
export function usageError(command: string, message: string): UsageError {
  return new UsageError(`${message} (see backfile ${command} --help)`, { command });
}

/** An argument that starts with one dash and then no letter: text (an excluded term, -1), not an option. */
export function isDashText(arg: string): boolean {
  return arg.length > 1 && arg[0] === '-' && !/[A-Za-z-]/.test(arg[1]!);
}

/** The parsed flags and positional arguments of a command; every mistake is a UsageError. */
export function parseFlags<T extends Options>(argv: string[], options: T, command: string): Parsed<T> {
  const { tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  let lastIndex = -1; // a short option group (-國安法) is one token per character, of one argument
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const arg = argv[token.index]!;
    const option = Object.hasOwn(options, token.name) ? options[token.name]! : undefined;
    if (!option) {
      if (isDashText(arg)) {
        if (token.index !== lastIndex) positionals.push(arg);
        lastIndex = token.index;
        continue;
      }
      throw unknownOption(command, arg, token.rawName, Object.keys(options));
    }
    let value: string | boolean;
    if (option.type === 'boolean') {
      if (token.value !== undefined) throw usageError(command, `${token.rawName} takes no value`);
      value = true;
    } else {
      if (token.value === undefined) throw usageError(command, `${token.rawName} needs a value`);
      // a value that starts with a dash (--page -1) was most likely meant otherwise: said plainly
      if (!token.inlineValue && token.value.startsWith('-'))
        throw usageError(command, `${token.rawName} takes a value, not "${token.value}"`);
      value = token.value;
    }
    values[token.name] = option.multiple ? [...((values[token.name] as unknown[]) ?? []), value] : value;
  }
  for (const [name, option] of Object.entries(options)) {
    if (values[name] === undefined && option.default !== undefined) values[name] = option.default;
  }
  return { values, positionals } as unknown as Parsed<T>;
}

function unknownOption(command: string, arg: string, rawName: string, known: string[]): UsageError {
  if (rawName.startsWith('--')) {
    const near = closest(rawName.slice(2), known);
    return usageError(command, `unknown option ${rawName}${near ? `; did you mean --${near}?` : ''}`);
  }
  // -lam: an option mistyped, or text (an excluded word) that has to come after --
  return usageError(
    command,
    `unknown option ${arg}; text that starts with - goes after --: backfile ${command} -- ${arg}`,
  );
}

/**
 * The candidate a mistyped word most likely meant: the same but for letter case, else the nearest
 * by edit distance (at most 2, and at most half the word), or undefined.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.floor(word.length / 2));
  for (const c of candidates) {
    if (c.toLowerCase() === lower) return c;
    const d = editDistance(lower, c.toLowerCase());
    if (d <= bestDistance && (best === undefined || d < bestDistance)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance: the fewest insertions, deletions and substitutions from a to b. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
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
