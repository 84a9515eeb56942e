/**
 * The extension hook's share of a page's main thread, from a V8 CPU profile of the page (CDP
 * Profiler.start/stop on the page's session: one isolate, so the MAIN-world hook and the
 * isolated-world relay are both in it). No product change is needed: content scripts run under
 * their own `chrome-extension://<id>/...` URLs, so any hook, today's or a reworked one, is found by
 * the URLs of its frames.
 *
 * A sample is the hook's when a frame of its stack is an extension script, with one exception:
 * the original a wrapper forwards to. The hook's `send` calls the native `send` the app would
 * have called anyway (a native frame, no URL, of the same name right under the extension frame);
 * that time is counted apart (`forwardedMs`), not as the hook's. Garbage collection shows as its
 * own root node in V8's profiles, so GC the hook's garbage causes is not charged to it (an
 * undercount, the same for every hook).
 */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
/** What CDP's Profiler.stop returns (times in microseconds). */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface HookShare {
  /** Sampled time in the hook's code and what it calls (but the forwarded originals), ms. */
  hookMs: number;
  /** Time in the native originals the hook's wrappers forwarded to (the app's own cost), ms. */
  forwardedMs: number;
  /** Sampled time in JS, the VM, GC and the app, excluding (idle), ms. */
  busyMs: number;
  /** The hook's time by its outermost function ("send@main-world-hook.js"), largest first. */
  byEntry: { entry: string; ms: number }[];
}

const IDLE = '(idle)';

export function hookShare(profile: CpuProfile, isHookUrl: (url: string) => boolean): HookShare {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** Per node: undefined (not the hook's), 'hook' with its entry, or 'forwarded'. */
  const verdicts = new Map<number, { kind: 'page' | 'hook' | 'forwarded'; entry?: string }>();
  const verdictOf = (id: number) => {
    let v = verdicts.get(id);
    if (v) return v;
    // Root first: the outermost extension frame names the entry; a forwarded original under it wins.
    const chain: ProfileNode[] = [];
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) chain.push(byId.get(x)!);
    chain.reverse();
    v = { kind: 'page' };
    for (let i = 0; i < chain.length; i++) {
      const f = chain[i]!.callFrame;
      if (v.kind === 'page' && isHookUrl(f.url)) v = { kind: 'hook', entry: frameName(f) };
      else if (v.kind === 'hook' && f.url === '' && i > 0) {
        const up = chain[i - 1]!.callFrame;
        if (isHookUrl(up.url) && up.functionName === f.functionName && f.functionName !== '') {
          v = { kind: 'forwarded' };
          break;
        }
      }
    }
    verdicts.set(id, v);
    return v;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let hookUs = 0;
  let forwardedUs = 0;
  let busyUs = 0;
  const entries = new Map<string, number>();
  for (let i = 0; i < samples.length; i++) {
    // A sample stands for the time until the next one (the last: until the profile's end).
    const us = i + 1 < deltas.length ? deltas[i + 1]! : Math.max(0, profile.endTime - sampleTime(profile, i));
    const node = byId.get(samples[i]!);
    if (!node || node.callFrame.functionName === IDLE) continue;
    busyUs += us;
    const v = verdictOf(node.id);
    if (v.kind === 'hook') {
      hookUs += us;
      entries.set(v.entry!, (entries.get(v.entry!) ?? 0) + us);
    } else if (v.kind === 'forwarded') forwardedUs += us;
  }
  return {
    hookMs: hookUs / 1000,
    forwardedMs: forwardedUs / 1000,
    busyMs: busyUs / 1000,
    byEntry: [...entries].map(([entry, us]) => ({ entry, ms: us / 1000 })).sort((a, b) => b.ms - a.ms),
  };
}

function sampleTime(profile: CpuProfile, index: number): number {
  let t = profile.startTime;
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i <= index && i < deltas.length; i++) t += deltas[i]!;
  return t;
}

const frameName = (f: { functionName: string; url: string }) =>
  `${f.functionName || '(anonymous)'}@${f.url.slice(f.url.lastIndexOf('/') + 1)}`;

/** Whether a script URL is one of the extension `extensionId`'s. */
export const extensionUrl =
  (extensionId: string) =>
  (url: string): boolean =>
    url.startsWith(`chrome-extension://${extensionId}/`);
