import type { CliProcess } from './cli-process';
import { didYouMean } from '../core';
import { UserError, USER_ERRORS } from './user-error';
import { analyzeCommand } from './commands/analyze';
import { checkCommand } from './commands/check';
import { demoCommand } from './commands/demo';
import { devCommand } from './commands/dev';
import { extensionCommand } from './commands/extension';
import { loadCommand } from './commands/load';
import { mergeReportsCommand } from './commands/merge-reports';
import { mcpCommand } from './commands/mcp';
import { TOOL_VERSION } from './tool-version';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], proc: CliProcess): Promise<number>;
}

const COMMANDS: Command[] = [
  analyzeCommand,
  checkCommand,
  demoCommand,
  devCommand,
  extensionCommand,
  loadCommand,
  mcpCommand,
  mergeReportsCommand,
];

export function helpText(): string {
  const lines = [`mesop-devtools ${TOOL_VERSION}`, '', 'Usage: mesop-devtools <command> [options]', '', 'Commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(14)} ${c.summary}`);
  lines.push(
    '',
    'Run `mesop-devtools help <command>` (or `<command> --help`) for its options;',
    '`mesop-devtools --version` prints the version.',
    'Exit codes: 0 ok, 1 an "error" budget failed, 2 a usage or config error, 3 an internal error.',
  );
  return lines.join('\n') + '\n';
}

const TOP_LEVEL_FLAGS = ['--help', '-h', '--version', '-v'];

/** An unknown command or top-level option, with the closest known one. */
function unknown(word: string): UserError {
  const isOption = word.startsWith('-');
  const candidates = isOption ? TOP_LEVEL_FLAGS : ['help', ...COMMANDS.map((c) => c.name)];
  const guess = didYouMean(
    word.replace(/^-+/, ''),
    candidates.map((c) => c.replace(/^-+/, '')),
  );
  const shown = guess && candidates.find((c) => c.replace(/^-+/, '') === guess);
  return new UserError(
    USER_ERRORS.USAGE,
    `unknown ${isOption ? 'option' : 'command'} "${word}"`,
    `${shown ? `did you mean "${shown}"? ` : ''}commands: ${COMMANDS.map((c) => c.name).join(', ')}; see mesop-devtools --help`,
  );
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw unknown(name);
  return command;
}

/** Exit codes: 0 ok, 1 a budget failed, 2 user error (one line, no stack), 3 internal error. */
export async function run(proc: CliProcess): Promise<number> {
  const [name, ...args] = proc.argv.slice(2);
  try {
    if (!name) {
      proc.stderr.write(helpText());
      return 2;
    }
    if (name === '--help' || name === '-h') {
      proc.stdout.write(helpText());
      return 0;
    }
    if (name === '--version' || name === '-v') {
      proc.stdout.write(`${TOOL_VERSION}\n`);
      return 0;
    }
    if (name === 'help') {
      if (args.length > 1)
        throw new UserError(USER_ERRORS.USAGE, 'help takes at most one command', 'e.g. mesop-devtools help check');
      proc.stdout.write(args[0] ? `${findCommand(args[0]).usage}\n` : helpText());
      return 0;
    }
    const command = findCommand(name);
    // Everything after `--` belongs to the command (dev passes it to mesop), so --help there is not ours.
    const own = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
    if (own.includes('--help') || own.includes('-h')) {
      proc.stdout.write(`${command.usage}\n`);
      return 0;
    }
    return await command.run(args, proc);
  } catch (e) {
    if (e instanceof UserError) {
      proc.stderr.write(`${e.line()}\n`);
      return 2;
    }
    throw e;
  }
}
