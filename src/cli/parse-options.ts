import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError, USER_ERRORS } from './user-error';

/** node:util parseArgs, with its errors turned into one-line user errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError(USER_ERRORS.USAGE, (e as Error).message.split('\n')[0]!, usage.split('\n')[0]);
  }
}
