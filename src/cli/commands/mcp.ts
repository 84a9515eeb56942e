import { join } from 'node:path';
import type { CliProcess } from '../cli-process';
import type { serveMcp } from '../mcp/server';
import { parseOptions } from '../parse-options';
import type { Command } from '../run';
import { UserError, USER_ERRORS } from '../user-error';

const USAGE = `Usage: mesop-devtools mcp [--include-values] [--out-dir <dir>]
  A Model Context Protocol server on stdin/stdout, for coding agents (docs/mcp.md): analyze a HAR or
  run the app's flows, then list events, get one, the biggest fields, findings with .env lines,
  budgets, a comparison, and the dev server's backend switch. Client config:
    {"mcpServers": {"mesop-devtools": {"command": "npx", "args": ["-y", "mesop-devtools", "mcp"]}}}
  --include-values   let get_event write the held state's values to a file (default: paths and sizes only)
  --out-dir <dir>    where files too large for an answer go (default: a new temporary directory)
  It stops when the client closes stdin, and stops any app and browser it started.`;

export const mcpCommand: Command = {
  name: 'mcp',
  summary: 'Model Context Protocol server on stdio, for coding agents (docs/mcp.md)',
  usage: USAGE,
  async run(args: string[], proc: CliProcess): Promise<number> {
    const { values, positionals } = parseOptions(
      args,
      { 'include-values': { type: 'boolean' }, 'out-dir': { type: 'string' } },
      USAGE,
    );
    if (positionals.length)
      throw new UserError(USER_ERRORS.USAGE, `unexpected argument "${positionals[0]}"`, USAGE.split('\n')[0]);
    // The server is its own bundle beside this one (scripts/build.mjs), loaded only here: no other
    // command loads or parses the MCP SDK. Not a literal path, so esbuild leaves the require alone.
    const bundle = join(__dirname, 'mcp-server.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded lazily (above)
    const { serveMcp: serve } = require(bundle) as { serveMcp: typeof serveMcp };
    const code = await serve(
      { includeValues: values['include-values'] === true, ...(values['out-dir'] ? { outDir: values['out-dir'] } : {}) },
      proc,
    );
    // The client is gone: end now rather than wait for handles a run left behind (browser, sockets).
    process.exit(code);
  },
};
