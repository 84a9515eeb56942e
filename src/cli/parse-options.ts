import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '../core';
import { UserError, USER_ERRORS } from './user-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs, with its errors turned into one-line user errors. The arguments are first
 * read loosely as tokens, so an unknown option gets a "did you mean" from the options this command
 * has instead of Node's multi-line text; whatever strict parsing still rejects keeps its first line.
 */
export function parseOptions<T extends Options>(args: string[], options: T, usage: string) {
  const command = /mesop-devtools (\S+)/.exec(usage)?.[1] ?? '';
  const seeHelp = command ? `see mesop-devtools ${command} --help` : 'see mesop-devtools --help';
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (!spec) {
      const guess = didYouMean(token.name, Object.keys(options));
      throw new UserError(
        USER_ERRORS.USAGE,
        `unknown option "${token.rawName}"${command ? ` for ${command}` : ''}`,
        `${guess ? `did you mean "--${guess}"? ` : ''}${seeHelp}`,
      );
    }
    if (spec.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      throw new UserError(
        USER_ERRORS.USAGE,
        `${token.rawName} needs a value`,
        `write ${token.rawName} <value>, or ${token.rawName}=<value> for a value that starts with "-"`,
      );
    }
    if (spec.type === 'boolean' && token.inlineValue) {
      throw new UserError(USER_ERRORS.USAGE, `${token.rawName} takes no value`, `write ${token.rawName} alone`);
    }
  }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError(USER_ERRORS.USAGE, (e as Error).message.split('\n')[0]!, seeHelp);
  }
}
