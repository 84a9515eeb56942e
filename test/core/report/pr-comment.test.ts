/**
 * The pull-request comment tells the whole story (findings with their advice and `.env` lines,
 * server errors) and stays within GitHub's 65,536-character limit, cut with a visible note.
 * Rendered through `marked` to check it is Markdown GitHub can show.
 */
import { checkReportFromPayload } from '../../../src/core/report/check-report';
import { GITHUB_COMMENT_LIMIT } from '../../../src/core/report/comment-limit';
import { renderHtml } from '../../../src/core/report/html-report';
import { renderJunit } from '../../../src/core/report/junit-report';
import { renderMarkdown } from '../../../src/core/report/markdown-report';
import { effectText } from '../../../src/core/report/findings-text';
import { markdownToHtml, payloadReport } from './check-report-support';

/** The text a reader sees in rendered HTML: tags dropped, entities decoded, spaces collapsed. */
const visibleText = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
/** Our sentence as it reads rendered: backticks become code, spaces collapse. */
const plain = (text: string) => text.replace(/`/g, ' ').replace(/\s+/g, ' ').trim();

describe('the PR comment', () => {
  it('carries the findings of the image fixture with their advice and .env lines', () => {
    const report = payloadReport('image');
    const withEnv = report.findings.filter((f) => f.envLines.length);
    expect(withEnv.length).toBeGreaterThan(0); // the session-backend advice
    const md = renderMarkdown(checkReportFromPayload(report, 'image'));
    const html = markdownToHtml(md);
    const shown = visibleText(html);
    for (const f of report.findings) {
      // what a reviewer reads once GitHub renders it: title, advice (inline code as code), effect
      expect(shown).toContain(plain(f.title));
      expect(shown).toContain(plain(f.advice));
      const effect = effectText(f.effect);
      if (effect) expect(shown).toContain(plain(effect));
    }
    // the .env lines as a block to copy
    const envBlock = /<pre><code class="language-sh">([\s\S]*?)<\/code><\/pre>/.exec(html);
    expect(envBlock).not.toBeNull();
    for (const line of withEnv[0]!.envLines) expect(envBlock![1]).toContain(line);
    // inline code in the advice is rendered as code
    expect(html).toContain('<code>image_data_url</code>');
    // findings come before the event tables
    expect(md.indexOf('### Findings')).toBeLessThan(md.indexOf('<details><summary>image:'));
  });

  it('names the server error in the verdict line and its own table', () => {
    const report = checkReportFromPayload(payloadReport('error'), 'error');
    const md = renderMarkdown(report);
    expect(md).toMatch(/1 server error\(s\)/);
    const html = markdownToHtml(md);
    expect(html).toContain('<h3>Server errors</h3>');
    expect(html).toMatch(
      /<td[^>]*>2<\/td>\s*<td>click on_boom<\/td>\s*<td>Boom: this handler always fails \(fixture\)<\/td>/,
    );
    expect(html).toContain('<code>server-errors</code>');
    expect(renderHtml(report)).toMatch(/<h2>Server errors<\/h2>[\s\S]*Boom: this handler always fails/);
    expect(renderJunit(report)).toMatch(
      /<testcase classname="mesop-devtools.error" name="server-errors"[^>]*>\s*<failure message="server-errors: 1 \(first: event #2 click on_boom: Boom: this handler always fails \(fixture\)\)/,
    );
  });

  it('stays under the limit on a long session, cut with a visible note that points at the artifacts', () => {
    const report = payloadReport('chat');
    const one = report.events;
    const events = Array.from({ length: 4000 }, (_, i) => ({ ...one[i % one.length]!, index: i }));
    const long = checkReportFromPayload(
      { ...report, events, session: { ...report.session, events: events.length } },
      'long chat',
    );
    const md = renderMarkdown(long, { artifacts: ['payload/report.html', 'payload/report.json'] });
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 2000); // cut late, not early
    expect(md).toContain('This comment was cut');
    expect(md).toContain('`payload/report.html` and `payload/report.json`');
    const html = markdownToHtml(md);
    // the note is outside the cut <details>, so a reviewer sees it without opening anything
    expect(html).toMatch(/<\/details>\s*<blockquote>\s*<p>✂️ <strong>This comment was cut<\/strong>/);
    expect((md.match(/<details>/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
    // an uncut comment has no note
    expect(renderMarkdown(checkReportFromPayload(report, 'chat'))).not.toContain('This comment was cut');
  });
});
