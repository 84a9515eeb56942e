#!/usr/bin/env node
// An agent-style session against the built MCP server, printed as a transcript (docs/mcp.md):
// "why is this app's payload big, and what should I change?" on a recorded HAR.
//   node scripts/build.mjs && node scripts/mcp-transcript.mjs [file.har]
// Every answer is the server's own; long ones are trimmed for reading, and the transcript says so.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const har = process.argv[2] ?? 'test/fixtures/image.har';
const TRIM = 3000;

const client = new Client({ name: 'transcript', version: '1.0.0' });
await client.connect(
  new StdioClientTransport({
    command: process.execPath,
    args: [join(root, 'dist/cli/mesop-devtools.js'), 'mcp'],
    cwd: root,
    stderr: 'ignore',
  }),
);

async function step(name, args) {
  console.log(`\n→ ${name} ${JSON.stringify(args)}`);
  const r = await client.callTool({ name, arguments: args });
  const text = r.content.map((c) => c.text ?? '').join('\n');
  console.log(
    `← ${r.isError ? '(tool error) ' : ''}${text.length > TRIM ? `${text.slice(0, TRIM)} … [${text.length - TRIM} more characters trimmed here]` : text}`,
  );
  return r.structuredContent;
}

try {
  const { session } = await step('analyze_har', { path: har });
  const { findings } = await step('findings', { session });
  await step('top_fields', { session, n: 5 });
  await step('list_events', { session, limit: 10 });
  // The event the top finding cites last: where the cost shows.
  const cited = findings[0]?.evidence.events ?? [];
  await step('get_event', { session, index: cited[cited.length - 1] ?? 0 });
  await step('budgets', { session });
} finally {
  await client.close();
}
