/**
 * The check's budgets as JUnit XML for CI test tabs: one <testsuite> per flow, one <testcase> per
 * budget assertion. A failed `error` budget is a <failure>; a failed `warn` budget passes (only
 * errors fail the build) and says so in <system-out>. Hand-written rather than a library: the
 * format needs four elements and one escaping function, and the XML-builder packages pull in
 * several dependencies for that. The test parses the output with a real XML parser.
 */
import { formatBytes } from '../measure/format-bytes';
import type { CheckFlow, CheckReport } from './check-report';
import { blameText } from './markdown-report';
import { sum } from '../sum';

/** Text and attribute values: the five XML escapes, and the characters XML 1.0 forbids dropped. */
export function xmlEscape(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

const attrs = (a: Record<string, string | number>) =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function suite(flow: CheckFlow, timestamp: string): string {
  const failures = flow.budgets.filter((r) => !r.passed && r.level === 'error').length;
  const wallMs = sum(flow.runs.map((r) => r.wallMs));
  const cases = flow.budgets.map((r) => {
    const head = `    <testcase${attrs({ classname: `mesop-devtools.${flow.name}`, name: r.id, time: '0' })}`;
    const blame = blameText(r);
    const detail = `${r.message}${blame ? `\n${blame}` : ''}`;
    if (!r.passed && r.level === 'error') {
      const limit = r.unit === 'bytes' ? formatBytes(r.expected) : String(r.expected);
      return `${head}>\n      <failure${attrs({ message: r.message, type: `budget ${limit}` })}>${xmlEscape(detail)}</failure>\n    </testcase>`;
    }
    if (!r.passed)
      return `${head}>\n      <system-out>${xmlEscape(`warning: ${detail}`)}</system-out>\n    </testcase>`;
    return `${head}/>`;
  });
  return [
    `  <testsuite${attrs({ name: flow.name, tests: flow.budgets.length, failures, errors: 0, skipped: 0, time: seconds(wallMs), timestamp })}>`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

export function renderJunit(report: CheckReport): string {
  const s = report.summary;
  const total = sum(report.flows.map((f) => sum(f.runs.map((r) => r.wallMs))));
  const timestamp = report.generatedAt.replace(/\.\d+Z$/, '');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'mesop-devtools check', tests: s.budgets, failures: s.failed, errors: 0, time: seconds(total) })}>`,
    ...report.flows.map((f) => suite(f, timestamp)),
    '</testsuites>',
    '',
  ].join('\n');
}
