/** The last `max` lines of a stream of text chunks (Mesop's stdout + stderr), for the state API. */
export class LogTail {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly max = 40) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.add(line);
  }

  /** Marks a boundary, e.g. "--- mesop restarted (backend memory) ---". */
  note(line: string): void {
    if (this.partial) {
      this.add(this.partial);
      this.partial = '';
    }
    this.add(line);
  }

  snapshot(): string[] {
    return this.partial ? [...this.lines, clean(this.partial)].slice(-this.max) : [...this.lines];
  }

  private add(line: string): void {
    this.lines.push(clean(line));
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
  }
}

/** Strips ANSI colour codes (Mesop prints its URL in green) and bounds a line's length. */
// eslint-disable-next-line no-control-regex -- ESC is exactly what an ANSI colour code starts with
const clean = (line: string): string => line.replace(/\u001b\[[0-9;]*m/g, '').slice(0, 2000);
