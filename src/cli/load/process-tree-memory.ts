import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Resident memory of a process and all its descendants (gunicorn's workers, Mesop's reloader child),
 * read from Linux's /proc. null elsewhere: the report then says "not measured" rather than guess.
 */
export interface TreeMemory {
  rssBytes: number;
  processes: number;
}

const PAGE_BYTES = 4096;

export function processTreeMemory(rootPid: number): TreeMemory | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentOf(Number(name));
    if (ppid === null) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  let rssBytes = 0;
  let processes = 0;
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.pop()!;
    const rss = residentBytes(pid);
    if (rss === null) continue;
    rssBytes += rss;
    processes++;
    queue.push(...(children.get(pid) ?? []));
  }
  return processes ? { rssBytes, processes } : null;
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: read after the last ")".
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[1]);
  } catch {
    return null;
  }
}

function residentBytes(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
  } catch {
    return null;
  }
}

/** Bytes of the files under `dir` (the file backend's sessions), 0 when it is gone. */
export function directoryBytes(dir: string): number {
  let total = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      const st = statSync(path);
      total += st.isDirectory() ? directoryBytes(path) : st.size;
    } catch {
      /* removed meanwhile (a used token) */
    }
  }
  return total;
}
