/**
 * Exports redact by default (README.md, "Report format": paths and sizes only): a HAR whose state,
 * tokens, typed values, file names, cookies, headers and query strings hold secrets yields JSON,
 * HTML, Markdown, JUnit and text outputs with none of them, through buildReport + the renderers
 * and `analyze --json` / the table. Server exception texts are the one exception: they are shown
 * (README says so), so the secrets here never appear in one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeExchanges } from '../../src/core/analyze';
import { harToExchanges } from '../../src/core/capture/har';
import { buildReport } from '../../src/core/report/build-report';
import { checkReportFromPayload } from '../../src/core/report/check-report';
import { renderEventTable } from '../../src/core/report/event-table';
import { renderBudgets, renderFindings } from '../../src/core/report/findings-text';
import { renderHtml } from '../../src/core/report/html-report';
import { renderJunit } from '../../src/core/report/junit-report';
import { renderMarkdown } from '../../src/core/report/markdown-report';
import { normalizeBudgets } from '../../src/core/budget/normalize-budgets';
import { renderExport } from '../../panel/export/render-export';
import { run } from '../../src/cli/run';
import { fakeProcess } from '../support/fake-process';
import { b64, b64url, errorResponse, renderResponse, sseBody, stateResponse, uiRequest } from './support/mesop-encode';

const SECRETS = {
  stateValue: 'sk-SECRET-123',
  nestedValue: 'p4ssw0rd-NESTED',
  typed: 'typed-SECRET-VALUE',
  token: 'TOKEN-abc-456',
  issuedToken: 'ISSUED-tok-789',
  cookie: 'COOKIE-session-777',
  setCookie: 'SETCOOKIE-888',
  auth: 'Bearer AUTH-999',
  query: 'QUERY-555',
  fileName: 'secret-plan-2026.pdf',
  invalidJson: 'sk-BROKEN-JSON-321',
};

const state = JSON.stringify({
  api_key: SECRETS.stateValue,
  profile: { password: SECRETS.nestedValue, notes: ['x'.repeat(3000)] },
  upload: {
    '__mesop.UploadedFile__': {
      contents: Buffer.alloc(60_000, 7).toString('base64'),
      name: SECRETS.fileName,
      size: 60_000,
      mime_type: 'application/pdf',
    },
  },
});
/** A held state that is not JSON, so the diff over it fails with the parser's message. */
const brokenState = `{"n": 1, "token": ${SECRETS.invalidJson}}`;

function harEntry(i: number, request: Uint8Array, response: Uint8Array[], query = ''): object {
  return {
    startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    time: 10,
    request: {
      method: 'POST',
      url: `http://127.0.0.1:8000/__ui__${query}`,
      headers: [
        { name: 'Authorization', value: SECRETS.auth },
        { name: 'Cookie', value: `sid=${SECRETS.cookie}` },
      ],
      cookies: [{ name: 'sid', value: SECRETS.cookie }],
      queryString: query ? [{ name: 'k', value: SECRETS.query }] : [],
      postData: { mimeType: 'application/x-www-form-urlencoded', text: b64url(request) },
    },
    response: {
      status: 200,
      headers: [{ name: 'Set-Cookie', value: `x=${SECRETS.setCookie}` }],
      cookies: [{ name: 'x', value: SECRETS.setCookie }],
      content: { size: 0, mimeType: 'text/event-stream', text: sseBody(response) },
    },
  };
}

const har = {
  log: {
    entries: [
      harEntry(
        0,
        uiRequest({ init: true, path: '/' }),
        [renderResponse(), stateResponse('full', [state], SECRETS.issuedToken)],
        `?k=${SECRETS.query}`,
      ),
      harEntry(
        1,
        uiRequest({
          userEvent: { states: [state], handlerId: 'app.on_type.abc', key: 'box', stringValue: SECRETS.typed },
          path: '/',
        }),
        [
          renderResponse(),
          stateResponse('diff', [
            JSON.stringify([{ path: ['api_key'], action: 'values_changed', value: `${SECRETS.stateValue}-2` }]),
          ]),
        ],
      ),
      harEntry(2, uiRequest({ userEvent: { stateToken: SECRETS.token, handlerId: 'app.on_click.abc' }, path: '/' }), [
        errorResponse('Token not found in state session backend.'),
        stateResponse('full', [brokenState]),
      ]),
      harEntry(3, uiRequest({ userEvent: { stateToken: SECRETS.token, handlerId: 'app.on_click.abc' }, path: '/' }), [
        stateResponse('diff', [JSON.stringify([{ path: ['n'], action: 'values_changed', value: 2 }])]),
      ]),
      // An app's own API at /__ui__ with a secret in its query: skipped, listed without the query.
      {
        ...harEntry(4, uiRequest({ init: true }), []),
        request: {
          method: 'GET',
          url: `http://127.0.0.1:8000/x/__ui__?k=${SECRETS.query}`,
          headers: [{ name: 'Authorization', value: SECRETS.auth }],
        },
      },
    ],
  },
};

function expectNoSecrets(name: string, text: string): void {
  const leaked = Object.entries(SECRETS).filter(
    ([, v]) => text.includes(v) || text.includes(v.split('-').slice(0, 2).join('-')),
  );
  expect({ output: name, leaked: leaked.map(([k]) => k) }).toEqual({ output: name, leaked: [] });
}

describe('exports redact state values, tokens, cookies, headers and query strings by default', () => {
  const imported = harToExchanges(har);
  const analysis = analyzeExchanges(imported.exchanges, { keepFieldBytes: true });
  const report = buildReport(
    analysis,
    { toolVersion: 't', source: { kind: 'har', name: 'secrets.har' }, skipped: imported.skipped },
    {
      budgets: normalizeBudgets({
        preset: 'recommended',
        aggregate: 'median',
        scopes: [],
        assertions: {},
        fields: { '*': { level: 'error', max: 1000 } },
      }),
    },
  );
  const check = checkReportFromPayload(report);
  /** The session after the first two events, whose client copy holds the state's secrets. */
  const early = analyzeExchanges(imported.exchanges.slice(0, 2));

  it('the session really holds the secrets (the test would prove nothing otherwise)', () => {
    // Every secret that travels inside Mesop's traffic reached what the analysis decoded; the
    // headers and cookies are in the HAR only (the import keeps none of them: that is the redaction).
    // (The state values are in the client's copy after the first two events; later ones replace it.)
    const decoded =
      JSON.stringify(imported.exchanges) + JSON.stringify(analysis.session) + JSON.stringify(early.session);
    for (const key of [
      'stateValue',
      'nestedValue',
      'typed',
      'token',
      'issuedToken',
      'fileName',
      'query',
      'invalidJson',
    ] as const) {
      expect([key, decoded.includes(SECRETS[key])]).toEqual([key, true]);
    }
    expect(analysis.session.mirror.join('')).toContain(SECRETS.invalidJson);
    expect(analysis.session.events).toHaveLength(4);
    expect(analysis.session.events[1]!.problems).toEqual([]);
    expect(analysis.session.events[3]!.problems.join('\n')).toMatch(/held state is not JSON/);
    expect(analysis.blobs.flat().length).toBeGreaterThan(0);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.skipped).toHaveLength(1);
  });

  it.each([
    ['JSON report', () => JSON.stringify(report)],
    ['HTML', () => renderHtml(check)],
    ['Markdown', () => renderMarkdown(check)],
    ['JUnit', () => renderJunit(check)],
    [
      'text table, findings, budgets',
      () => renderEventTable(report) + renderFindings(report.findings) + renderBudgets(report.budgets),
    ],
    ['panel export, JSON', () => renderExport('json', report).text],
    ['panel export, Markdown', () => renderExport('md', report).text],
    ['panel export, HTML', () => renderExport('html', report).text],
  ])('%s', (name, render) => expectNoSecrets(name, render()));

  it('the scan finds a leak when there is one: the panel\'s opt-in "include state values" export', () => {
    expect(() => expectNoSecrets('opt-in', renderExport('json', report, [...early.session.mirror]).text)).toThrow(
      /stateValue[\s\S]*nestedValue[\s\S]*fileName/,
    );
  });

  it('analyze --json and the analyze table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redaction-'));
    try {
      const file = join(dir, 'secrets.har');
      writeFileSync(file, JSON.stringify(har));
      writeFileSync(join(dir, 'package.json'), '{}');
      for (const args of [
        ['analyze', file, '--json'],
        ['analyze', file],
      ]) {
        const p = fakeProcess(args, dir);
        await run(p.proc);
        expect(p.stdout().length).toBeGreaterThan(500);
        expectNoSecrets(args.join(' '), p.stdout() + p.stderr());
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the server's exception text is shown as the app wrote it", () => {
    expect(report.events[2]!.error).toBe('Token not found in state session backend.');
  });
});

it('sanity: b64 is standard base64', () => expect(b64(Uint8Array.of(251, 255))).toBe('+/8='));
