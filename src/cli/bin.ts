// The `mesop-devtools` executable: a thin shell around run(process).
import { installNodeNatives } from './node-natives';
import { run } from './run';

installNodeNatives();

run(process).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    // A bug, not a user error: keep the stack so it can be reported.
    console.error(e);
    process.exitCode = 3;
  },
);
