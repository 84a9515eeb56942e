/** The latest report as resources: JSON (the export shape) and Markdown (the CI summary's renderer plus the findings). */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { type CheckReport, checkReportFromPayload, type Finding, formatBytes, renderMarkdown } from '../../core';
import type { ServerContext } from './context';
import type { LatestReport } from './sessions';

export const LATEST_JSON_URI = 'mesop-devtools://report/latest.json';
export const LATEST_MARKDOWN_URI = 'mesop-devtools://report/latest.md';

export function registerResources(server: McpServer, ctx: ServerContext): void {
  server.registerResource(
    'latest-report-json',
    LATEST_JSON_URI,
    {
      title: 'Latest report (JSON)',
      description:
        'The report of the last analyze_har (a payload report, as `analyze --json` prints it) or run_flow (a check report, as `check --json`). Paths and sizes only.',
      mimeType: 'application/json',
    },
    (uri) => ({
      contents: [
        { uri: uri.href, mimeType: 'application/json', text: `${JSON.stringify(reportOf(latest(ctx)), null, 2)}\n` },
      ],
    }),
  );

  server.registerResource(
    'latest-report-markdown',
    LATEST_MARKDOWN_URI,
    {
      title: 'Latest report (Markdown)',
      description:
        'The same report as Markdown: budgets, per-flow event tables and the findings with their .env lines.',
      mimeType: 'text/markdown',
    },
    (uri) => {
      const report = checkOf(latest(ctx));
      const findings = report.flows.map((f) =>
        findingsMarkdown(report.flows.length > 1 ? `Findings: ${f.name}` : 'Findings', f.report.findings),
      );
      return {
        contents: [
          { uri: uri.href, mimeType: 'text/markdown', text: `${renderMarkdown(report)}\n${findings.join('\n')}` },
        ],
      };
    },
  );
}

function latest(ctx: ServerContext): LatestReport {
  if (!ctx.sessions.latest) throw new Error('No report yet: call analyze_har or run_flow first.');
  return ctx.sessions.latest;
}

const reportOf = (l: LatestReport) => (l.kind === 'har' ? l.session.report : l.report);
const checkOf = (l: LatestReport): CheckReport =>
  l.kind === 'har' ? checkReportFromPayload(l.session.report) : l.report;

function findingsMarkdown(heading: string, findings: readonly Finding[]): string {
  const out = [`### ${heading}`, ''];
  if (!findings.length) out.push('None: nothing in this session needs attention.');
  for (const f of findings) {
    out.push(`- **${f.level}**: ${f.title}`, `  ${f.advice}`);
    if (f.envLines.length) out.push('  ```dotenv', ...f.envLines.map((l) => `  ${l}`), '  ```');
    if (f.effect.bytesPerEvent > 0)
      out.push(
        `  Saves ${formatBytes(f.effect.bytesPerEvent)} ${f.effect.direction === 'up' ? 'uploaded' : 'downloaded'} per event.`,
      );
  }
  return `${out.join('\n')}\n`;
}
