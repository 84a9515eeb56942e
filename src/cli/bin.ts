// The `mesop-devtools` executable: a thin shell around run(process).
import { missingModuleLine } from './missing-module';
import { installNodeNatives } from './node-natives';
import { run } from './run';

installNodeNatives();

run(process).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A broken install says what to install; anything else is a bug: keep the stack to report it.
    // No CliProcess is left to write through once run() itself failed: stderr directly.
    // eslint-disable-next-line no-console -- the last-resort report of an internal error
    console.error(missingModuleLine(e) ?? e);
    process.exitCode = 3;
  },
);
