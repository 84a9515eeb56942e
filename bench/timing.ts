/** Shared timing helpers of the bench: forced GC between runs, medians, a plain text table. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { useHostNatives, type HostNatives } from '../src/core/host-natives';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function median(xs: readonly number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** One timed run after a forced GC, so one contender's garbage is not billed to the next. */
export function time(f: () => unknown): number {
  gc();
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

/** The exact UTF-8 counter Node has natively. */
export const nativeUtf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

/** What a Node host lends the core (src/core/host-natives.ts). */
export const NODE_NATIVES: HostNatives = {
  base64Decode: (s) => {
    const b = Buffer.from(s, 'base64');
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  },
  utf8Length: nativeUtf8,
};

/** `f` run with Node's natives installed in the core, then removed (the JS-only columns run without). */
export function withNatives<T>(f: () => T): () => T {
  return () => {
    useHostNatives(NODE_NATIVES);
    try {
      return f();
    } finally {
      useHostNatives({});
    }
  };
}

export function table(head: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

export const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');

/** One line of the closing summary: every figure with its target. */
export interface Figure {
  name: string;
  value: string;
  target: string;
  pass: boolean;
}

export const log = (msg: string): void => {
  process.stderr.write(msg);
};
