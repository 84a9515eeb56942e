import type { ByteAccount } from './messages';

export const emptyAccount = (total = 0): ByteAccount => ({
  total,
  states: 0,
  componentTree: 0,
  commands: 0,
  error: 0,
  other: total,
});

/** Builds an account whose `other` bucket is whatever the named buckets leave of the total. */
export function account(total: number, parts: Partial<Omit<ByteAccount, 'total' | 'other'>>): ByteAccount {
  const states = parts.states ?? 0;
  const componentTree = parts.componentTree ?? 0;
  const commands = parts.commands ?? 0;
  const error = parts.error ?? 0;
  return { total, states, componentTree, commands, error, other: total - states - componentTree - commands - error };
}

export function addAccounts(a: ByteAccount, b: ByteAccount): ByteAccount {
  return {
    total: a.total + b.total,
    states: a.states + b.states,
    componentTree: a.componentTree + b.componentTree,
    commands: a.commands + b.commands,
    error: a.error + b.error,
    other: a.other + b.other,
  };
}
