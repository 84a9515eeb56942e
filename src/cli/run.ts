import type { CliProcess } from './cli-process';
import { UserError, USER_ERRORS } from './user-error';
import { analyzeCommand } from './commands/analyze';
import { checkCommand } from './commands/check';
import { demoCommand } from './commands/demo';
import { devCommand } from './commands/dev';
import { extensionCommand } from './commands/extension';
import { mergeReportsCommand } from './commands/merge-reports';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], proc: CliProcess): Promise<number>;
}

const COMMANDS: Command[] = [analyzeCommand, checkCommand, demoCommand, devCommand, extensionCommand, mergeReportsCommand];

export function helpText(): string {
  const lines = ['Usage: mesop-devtools <command> [options]', '', 'Commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  lines.push('', 'Run `mesop-devtools <command> --help` for its options.');
  return lines.join('\n') + '\n';
}

/** Exit codes: 0 ok, 1 a budget failed, 2 user error (one line, no stack), 3 internal error. */
export async function run(proc: CliProcess): Promise<number> {
  const [name, ...args] = proc.argv.slice(2);
  if (!name || name === '--help' || name === '-h') {
    proc.stdout.write(helpText());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UserError(USER_ERRORS.USAGE, `unknown command "${name}"`, `commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
    if (args.includes('--help') || args.includes('-h')) {
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
