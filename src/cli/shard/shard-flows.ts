/**
 * `check --shard i/n`: split the flows across n CI jobs. Shard i gets the i-th of n contiguous,
 * balanced blocks of the flows in config order, so the split depends only on the flow list (every
 * job computes the same one) and merging the shards' reports in shard order gives back the order
 * of one unsharded run.
 */
import { UserError, USER_ERRORS } from '../user-error';

export interface Shard {
  index: number;
  count: number;
}

const HINT = 'give --shard i/n with 1 <= i <= n, e.g. --shard 2/4';

export function parseShard(text: string): Shard {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count)
    throw new UserError(USER_ERRORS.USAGE, `bad --shard "${text}"`, HINT);
  return { index, count };
}

export function shardOf<T>(items: readonly T[], shard: Shard): T[] {
  const start = Math.floor(((shard.index - 1) * items.length) / shard.count);
  const end = Math.floor((shard.index * items.length) / shard.count);
  return items.slice(start, end);
}
