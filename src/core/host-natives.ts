/**
 * Native helpers a host may lend the core. The core is pure TypeScript (no Node, no DOM), so its
 * base64 and UTF-8 counting are JavaScript loops; a host that has faster native ones (Node:
 * `Buffer.from(s, 'base64')`, `Buffer.byteLength`) installs them once at start-up, and the core
 * uses them where the results are provably identical, falling back to its own code otherwise.
 * Measured on a 20 MB body: the JS base64 loop ~5 ns/char, Buffer ~0.15 ns/char (docs/benchmarks.md: whole decode).
 */
export interface HostNatives {
  /**
   * Decodes base64 of either alphabet, skipping characters it does not know (as Buffer does). The
   * core checks the output length and uses its own decoder, with its reason, on any mismatch.
   */
  base64Decode?: (text: string) => Uint8Array;
  /** Exact UTF-8 length; lone surrogates count 3 bytes (U+FFFD), as TextEncoder and Buffer.byteLength do. */
  utf8Length?: (text: string) => number;
}

export const hostNatives: HostNatives = {};

/** Installs (or, with `{}` values set to undefined, removes) native helpers for this process or worker. */
export function useHostNatives(natives: HostNatives): void {
  hostNatives.base64Decode = natives.base64Decode;
  hostNatives.utf8Length = natives.utf8Length;
}
