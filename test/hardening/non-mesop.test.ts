/**
 * Traffic at a path ending in /__ui__ that is not Mesop's (an app's own API) is skipped with a
 * reason, while damaged real Mesop exchanges stay as events with a reason: both sides of the one
 * decision in src/core/capture/mesop-traffic.ts, through the HAR import the CLI and panel use.
 */
import { classifyUiExchange } from '../../src/core/capture/mesop-traffic';
import { harToExchanges } from '../../src/core/capture/har';
import type { Exchange } from '../../src/core/capture/exchange';
import { analyzeExchanges } from '../../src/core/analyze';
import { buildReport } from '../../src/core/report/build-report';
import { fixture } from './support/harness';
import { b64url, sseExchange, stateResponse, uiRequest } from './support/mesop-encode';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

const URL = 'http://127.0.0.1:8000/api/__ui__';

function entry(
  method: string,
  body: string | undefined,
  responseText: string | undefined,
  mimeType: string,
  url = URL,
): object {
  return {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 3,
    request: {
      method,
      url,
      headers: [],
      ...(body === undefined ? {} : { postData: { mimeType: 'application/json', text: body } }),
    },
    response: {
      status: 200,
      headers: [],
      content: {
        size: responseText?.length ?? 0,
        mimeType,
        ...(responseText === undefined ? {} : { text: responseText }),
      },
    },
  };
}

const NOT_MESOP: [string, object][] = [
  ['a GET of JSON', entry('GET', undefined, '{"ok": true}', 'application/json')],
  [
    'a POST with a JSON body and a JSON response',
    entry('POST', '{"query": "hello"}', '{"answer": 42}', 'application/json'),
  ],
  ['a POST of form data', entry('POST', 'q=hello&page=2', '<html></html>', 'text/html')],
  [
    'a POST with a JSON body whose response was not kept',
    entry('POST', '{"query": "hello"}', undefined, 'application/json'),
  ],
  [
    "an SSE stream of the app's own JSON events",
    entry('POST', '{"stream": true}', 'data: {"token": "Hel"}\n\ndata: {"token": "lo"}\n\n', 'text/event-stream'),
  ],
  [
    'an SSE stream of plain words, posted with a base64-looking body',
    entry('POST', 'aGVsbG8gd29ybGQ', 'data: hello world\n\ndata: bye now\n\n', 'text/event-stream'),
  ],
  [
    'a base64 protobuf that is not a UiRequest, answered with JSON',
    entry(
      'POST',
      b64url(new BinaryWriter().tag(7, WireType.Varint).uint32(1).finish()),
      '{"ok":1}',
      'application/json',
    ),
  ],
  // Over the 1 KB sample the classifier judges bodies by their head: the same verdicts must hold.
  [
    'a 20 kB JSON POST with a 50 kB JSON response',
    entry(
      'POST',
      JSON.stringify({ rows: 'r'.repeat(20_000) }),
      JSON.stringify({ answer: 'a'.repeat(50_000) }),
      'application/json',
    ),
  ],
  [
    "an SSE stream of the app's own 3 kB JSON events",
    entry(
      'POST',
      '{"stream": true}',
      `data: ${JSON.stringify({ token: 't'.repeat(3000) })}\n\n`.repeat(5),
      'text/event-stream',
    ),
  ],
  [
    '6 kB of base64 that is no protobuf, answered with JSON',
    entry(
      'POST',
      b64url(Uint8Array.from({ length: 4500 }, (_, i) => (i * 37 + 11) % 256)),
      '{"ok":1}',
      'application/json',
    ),
  ],
];

/** A HAR WebSocket entry at `url` (Chromium's `_webSocketMessages`) carrying these frames. */
function socketEntry(url: string, frames: { type: 'send' | 'receive'; data: string }[]): object {
  return {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 3,
    _resourceType: 'websocket',
    request: { method: 'GET', url, headers: [] },
    response: { status: 101, headers: [], content: { size: 0, mimeType: '' } },
    _webSocketMessages: frames.map((f, i) => ({ ...f, time: 1767225600 + i / 10, opcode: 1 })),
  };
}

describe('non-Mesop traffic at /__ui__', () => {
  it.each(NOT_MESOP)('%s is skipped with a reason', (_name, e) => {
    const imported = harToExchanges({ log: { entries: [e] } });
    expect(imported.exchanges).toEqual([]);
    expect(imported.skipped).toEqual([
      { url: URL, reason: expect.stringMatching(/^(not Mesop traffic: .+|GET request: .+)$/) },
    ]);
  });

  it("an app's own WebSocket of JSON frames is skipped with a reason", () => {
    const ws = URL.replace('http:', 'ws:');
    const imported = harToExchanges({
      log: {
        entries: [
          socketEntry(ws, [
            { type: 'send', data: '{"subscribe": "prices"}' },
            { type: 'receive', data: '{"price": 1.5}' },
            { type: 'send', data: JSON.stringify({ big: 'b'.repeat(5000) }) },
            { type: 'receive', data: JSON.stringify({ big: 'c'.repeat(5000) }) },
          ]),
        ],
      },
    });
    expect(imported.exchanges).toEqual([]);
    // Paired as two exchanges (send, then its answers), both skipped.
    expect(imported.skipped).toEqual([
      { url: ws, reason: expect.stringMatching(/^not Mesop traffic: .+/) },
      { url: ws, reason: expect.stringMatching(/^not Mesop traffic: .+/) },
    ]);
  });

  it('is listed in report.skipped (without query strings) next to the real events', () => {
    const chat = fixture('chat');
    const har = {
      log: { entries: [entry('POST', '{"q": 1}', '{"a": 2}', 'application/json', `${URL}?token=SECRET`)] },
    };
    const imported = harToExchanges(har);
    const report = buildReport(analyzeExchanges([...chat.exchanges, ...imported.exchanges]), {
      toolVersion: 't',
      source: { kind: 'har', name: 'x' },
      skipped: imported.skipped,
    });
    expect(report.events).toHaveLength(chat.exchanges.length);
    expect(report.skipped).toEqual([{ url: URL, reason: expect.stringContaining('request body is not base64') }]);
    expect(JSON.stringify(report)).not.toContain('SECRET');
  });
});

describe('damaged real Mesop traffic is kept, with a reason', () => {
  const real = fixture('chat').exchanges[1]!;
  const cases: [string, Exchange][] = [
    ['a truncated request body', { ...real, requestBody: real.requestBody!.slice(0, 101) }],
    ['a request body with stray characters', { ...real, requestBody: real.requestBody!.replace(/A/g, '!') }],
    ['a truncated response', { ...real, responseText: real.responseText!.slice(0, 300) }],
    ['a response cut after "data:"', { ...real, responseText: 'data: ' }],
    ['a response that was not captured', { ...real, responseText: null }],
    ['a JSON response but a real request', { ...real, responseText: '{"detail": "Internal Server Error"}' }],
    ['no request and a real response', { ...real, requestBody: null }],
    ['a garbage request and a real response', { ...real, requestBody: '{"not": "mesop"}' }],
    [
      'a damaged base64 request and no response',
      { ...real, requestBody: real.requestBody!.slice(0, 50) + '!!' + real.requestBody!.slice(52), responseText: null },
    ],
    ['nothing captured at all', { ...real, requestBody: null, responseText: null }],
  ];

  it.each(cases)('%s', (_name, ex) => {
    expect(classifyUiExchange(ex)).toEqual({ mesop: true });
    const [event] = analyzeExchanges([ex]).session.events;
    expect(event!.problems.length).toBeGreaterThan(0);
  });

  it('a big synthetic exchange is judged by its head, not decoded twice', () => {
    const state = JSON.stringify({ text: 'x'.repeat(2_000_000) });
    const ex = sseExchange(uiRequest({ userEvent: { states: [state], handlerId: 'h' } }), [
      stateResponse('full', [state]),
    ]);
    expect(classifyUiExchange(ex)).toEqual({ mesop: true });
    expect(classifyUiExchange({ ...ex, responseText: '{"x": 1}' })).toEqual({ mesop: true });
    expect(classifyUiExchange({ ...ex, requestBody: `{"x": "${'y'.repeat(5000)}"}` })).toEqual({ mesop: true }); // the response is Mesop
  });
});
