/**
 * What a command needs from its process. Commands take this instead of touching the global
 * `process`, so tests run them in-process with a fake one (size-limit's `run(process)` idea).
 */
export interface CliProcess {
  argv: string[];
  env: Record<string, string | undefined>;
  cwd(): string;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}
