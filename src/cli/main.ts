// backfile's command line: picks the command, hands it its arguments, and maps every error to one
// clear line and an exit code. Each command lives in ./commands/<name>.ts and only parses flags
// and calls the library.

import { fileError, toBackfileError, UsageError } from '../lib/errors.js';

export interface Command {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  check: () => import('./commands/check.js'),
  import: () => import('./commands/import.js'),
  search: () => import('./commands/search.js'),
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

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${await help()}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    const { createRequire } = await import('node:module');
    const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) throw new UsageError(`unknown command "${name}"; run \`backfile --help\` for the list`);
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  return command.run(rest);
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
    process.stderr.write(`backfile: ${e.message}\n`);
    if (process.env.BACKFILE_DEBUG) console.error(err);
    process.exitCode = e.exitCode;
  }
}
