/**
 * Signals a child's whole process group (the child was spawned `detached`, so it leads its own
 * group and its grandchildren are in it). A child that never started has no pid: then there is
 * nothing to signal, and `process.kill(-0)` must never be reached, since pid 0 means the caller's
 * own group (it would kill this CLI and the shell or npm that started it).
 */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined || pid <= 0) return;
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}
