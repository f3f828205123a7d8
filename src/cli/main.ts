// backfile's command line: picks the command, hands it its arguments, and maps every error to one
// clear line and an exit code. Each command lives in ./commands/<name>.ts and only parses flags
// and calls the library.

import { fileError, toBackfileError, UsageError } from '../lib/errors.js';
import { closest } from './args.js';

export interface Command {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  check: () => import('./commands/check.js'),
  import: () => import('./commands/import.js'),
  search: () => import('./commands/search.js'),
  export: () => import('./commands/export.js'),
  publish: () => import('./commands/publish.js'),
  serve: () => import('./commands/serve.js'),
  recover: () => import('./commands/recover.js'),
};

async function help(): Promise<string> {
  const lines = [
    "backfile: keep a closed newsroom's record alive (Citizen News, 眾新聞).",
    '',
    'Usage: backfile <command> [options]',
    '',
    'Commands:',
  ];
  for (const [name, load] of Object.entries(COMMANDS)) {
    try {
      const { command } = await load();
      lines.push(`  ${name.padEnd(9)} ${command.summary}`);
    } catch {
      // a command whose module is missing is simply not listed
    }
  }
  lines.push('', 'Run `backfile <command> --help` for its options.');
  return lines.join('\n');
}

async function version(): Promise<string> {
  const { createRequire } = await import('node:module');
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

/** The command of a name, or a usage error naming the one most likely meant. */
async function commandNamed(name: string): Promise<Command> {
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load) return (await load()).command;
  if (name.startsWith('-')) throw new UsageError(`unknown option ${name} (see backfile --help)`);
  const near = closest(name, Object.keys(COMMANDS));
  throw new UsageError(
    `unknown command "${name}"; ${near ? `did you mean "${near}"?` : 'run `backfile --help` for the list'}`,
  );
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    process.stdout.write(`${await help()}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${await version()}\n`);
    return 0;
  }
  // `backfile help search` is `backfile search --help`
  const command = await commandNamed(name === 'help' ? rest[0]! : name);
  // --help and --version mean that wherever they stand among the options (not after --)
  const end = rest.indexOf('--');
  const flags = end < 0 ? rest : rest.slice(0, end);
  if (name === 'help' || flags.includes('--help') || flags.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  if (flags.includes('--version')) {
    process.stdout.write(`${await version()}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    // a usage error names its command: `backfile search: --sort takes …`
    if (err instanceof UsageError) err.command ??= name;
    throw err;
  }
}

/** Runs the CLI and sets the process exit code; errors become one line on stderr. */
export async function runCli(argv: string[]): Promise<void> {
  // output piped into a reader that stops early (`backfile search … | head`): nothing more to say;
  // output that cannot be written (a full disk: `… > /dev/full`) is one line and exit 74
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    const e = fileError(err, 'the output') ?? toBackfileError(err);
    process.stderr.write(`backfile: ${e.message}\n`);
    process.exit(e.exitCode);
  });
  try {
    process.exitCode = await main(argv);
  } catch (err) {
    const e = toBackfileError(err);
    const who = e instanceof UsageError && e.command ? `backfile ${e.command}` : 'backfile';
    process.stderr.write(`${who}: ${e.message}\n`);
    if (process.env.BACKFILE_DEBUG) console.error(err);
    process.exitCode = e.exitCode;
  }
}
