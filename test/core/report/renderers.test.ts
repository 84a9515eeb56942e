/**
 * The pure renderers of the check report: Markdown (a table under a stable heading), JUnit (valid
 * XML, parsed with a real parser), HTML (self-contained, escaped) and the baseline comparison.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { diffAgainstBaseline } from '../../../src/core/report/baseline-diff';
import { checkReportFromPayload } from '../../../src/core/report/check-report';
import { renderHtml } from '../../../src/core/report/html-report';
import { renderJunit, xmlEscape } from '../../../src/core/report/junit-report';
import { MARKDOWN_HEADING, MARKDOWN_MARKER, renderMarkdown } from '../../../src/core/report/markdown-report';
import { markdownToHtml, payloadReport, twoFlowReport } from './check-report-support';

describe('markdown', () => {
  it('starts with the stable marker and heading, then a budget table naming event and field', () => {
    const md = renderMarkdown(twoFlowReport());
    const lines = md.split('\n');
    expect(lines.slice(0, 2)).toEqual([MARKDOWN_MARKER, MARKDOWN_HEADING]);
    expect(md).toMatch(/❌ \*\*1 budget failed\*\*/);
    const header = lines.findIndex((l) => l.startsWith('|  | flow | budget |'));
    expect(lines[header + 1]).toMatch(/^\| --- \| --- \| --- \| ---: \| ---: \| --- \|$/);
    // failures first; markup in a flow name is escaped, GitHub would render it as HTML
    expect(lines[header + 2]).toMatch(
      /^\| ❌ \| image &lt;big&gt; &amp; "quoted" \| `request-bytes` \| .* \| event #2 click on_touch; field state class #1 `image_data_url` 1\.1 MB \(99%\) \|$/,
    );
    for (const row of lines.slice(header, lines.indexOf('', header))) expect(row.split(/(?<!\\)\|/).length).toBe(8);
  });

  it('renders as tables (GitHub-flavoured Markdown through a real renderer)', () => {
    const report = twoFlowReport();
    const html = markdownToHtml(renderMarkdown(report));
    const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? [];
    // failed and warned budgets, the passed ones (in <details>), one event table per flow
    expect(tables.length).toBe(2 + report.flows.length);
    const budgetRows = tables[0]!.match(/<tr>/g)!.length - 1 + tables[1]!.match(/<tr>/g)!.length - 1;
    expect(budgetRows).toBe(report.summary.budgets);
    expect(tables[0]!.match(/<tr>/g)!.length - 1).toBe(report.summary.failed + report.summary.warned);
    expect(tables[0]).toMatch(/<td>❌<\/td>\s*<td>image &lt;big&gt; &amp; &quot;quoted&quot;<\/td>/);
    expect(html).toContain('<h2>Mesop payload budgets</h2>');
  });

  it('escapes pipes in cells', () => {
    const r = twoFlowReport();
    r.flows[0]!.name = 'a|b';
    r.flows[0]!.budgets.forEach((b) => {
      b.flow = 'a|b';
    });
    expect(renderMarkdown(r)).toContain('a\\|b');
  });
});

describe('junit', () => {
  it('is valid XML with one testcase per assertion and a failure for the failed error budget', () => {
    const report = twoFlowReport();
    const xml = renderJunit(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
    const suites = [doc.testsuites.testsuite].flat();
    expect(suites.map((s: any) => s['@name'])).toEqual(['chat', 'image <big> & "quoted"']);
    const cases = suites.flatMap((s: any) => [s.testcase].flat());
    expect(cases).toHaveLength(report.summary.budgets);
    const failures = cases.filter((c: any) => c.failure);
    expect(failures).toHaveLength(1);
    expect(failures[0]['@name']).toBe('request-bytes');
    expect(failures[0].failure['#text']).toMatch(/image_data_url/);
    expect(Number(doc.testsuites['@failures'])).toBe(1);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlEscape('a<b>&"\'\u0001\uD800')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
  });
});

describe('html', () => {
  it('is one document with inline styles and SVG, no script and no external resource', () => {
    const html = renderHtml(twoFlowReport());
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg class="chart"');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(html).toContain('image &lt;big&gt; &amp; &quot;quoted&quot;');
    expect(html).not.toContain('image <big>');
  });
});

describe('baseline', () => {
  it('gives the change per flow, event and field', () => {
    const before = payloadReport('chat');
    const after = checkReportFromPayload(payloadReport('chat'), 'chat');
    // the same flow, with a bigger last event and a new field
    const last = after.flows[0]!.report.events.at(-1)!;
    last.request.bytes += 1000;
    last.topFields = [...last.topFields, { stateClass: 1, path: 'new_field', bytes: 500, share: 0.1, kind: 'string' }];
    after.flows[0]!.report.session.totals.requestBytes += 1000;
    const diff = diffAgainstBaseline(after, before, 'baseline.json');
    const flow = diff.flows[0]!;
    expect(flow.status).toBe('compared');
    expect(flow.totals.requestBytes.change).toBe(1000);
    expect(flow.events.at(-1)!.request.change).toBe(1000);
    expect(flow.events.slice(0, -1).every((e) => e.request.change === 0)).toBe(true);
    expect(flow.fields).toEqual([{ stateClass: 1, path: 'new_field', delta: { before: 0, after: 500, change: 500 } }]);
    after.baseline = diff;
    expect(renderMarkdown(after)).toMatch(/\| chat \| state class #1 `new_field` \| 0 B \| 500 B \| \+500 B \|/);
  });

  it('marks flows that are new or gone', () => {
    const current = checkReportFromPayload(payloadReport('chat'), 'chat');
    const baseline = { ...current, flows: [{ ...current.flows[0]!, name: 'old' }] };
    const diff = diffAgainstBaseline(current, baseline, 'b.json');
    expect(diff.flows.map((f) => [f.name, f.status])).toEqual([
      ['chat', 'new'],
      ['old', 'missing'],
    ]);
  });
});
