import { formatBytes } from '../../measure/format-bytes';
import type { BackendName } from '../advice-config';
import { NO_EFFECT } from '../effect';
import { eventWhere, pageLoads } from '../page-loads';
import type { Rule } from '../rule';
import { heldStateBytes, max, median, userEvents } from '../session-stats';

/**
 * With a session backend the upload is a token and the state lives on the server per session.
 * That moves the cost: report how much state each session keeps there, and what the memory
 * backend needs for 100 concurrent sessions (its entries live for 10 minutes).
 */
export const backendAlreadyOnRule: Rule = {
  meta: {
    id: 'backend-already-on',
    title: 'State is kept server-side',
    description: 'A session backend is on: the upload is a token; the state is held on the server per session.',
  },
  run(analysis, config) {
    if (analysis.session.backend !== 'server-side') return [];
    const events = analysis.session.events;
    const tokenEvents = userEvents(events).filter((e) => e.request.stateUpload === 'token');
    const held = max(events.map(heldStateBytes));
    const per100 = held * 100;
    const worst = events.find((e) => heldStateBytes(e) === held);
    return [
      {
        id: 'backend-already-on',
        ruleId: 'backend-already-on',
        level: 'info',
        title: `State is kept server-side: ${formatBytes(held)} per session${worst ? ` (the most, after ${eventWhere(pageLoads(events), worst)})` : ''}, about ${formatBytes(per100)} per 100 concurrent sessions`,
        evidence: {
          numbers: {
            heldStateBytesPerSession: held,
            memoryPer100SessionsBytes: per100,
            medianTokenRequestBytes: median(tokenEvents.map((e) => e.request.bytes)),
            tokenEvents: tokenEvents.length,
          },
          events: worst ? [worst.index] : [],
          paths: [],
        },
        advice:
          `Each event now uploads a token instead of the state. The server keeps each session's state for 10 minutes: ` +
          `${whereKept(config.backend, formatBytes(per100))} ` +
          'The browser still holds its own copy and still downloads state diffs, so big or growing fields still cost memory and download time.',
        envLines: [],
        effect: NO_EFFECT,
      },
    ];
  },
};

/** Where the state is kept: named when the backend is known (AdviceConfig.backend), else each in one sentence. */
function whereKept(backend: BackendName | undefined, per100: string): string {
  switch (backend) {
    case 'memory':
      return `the memory backend holds at least ${per100} of RAM per 100 concurrent sessions per process (the JSON size; Python objects take more), lost on restart.`;
    case 'file':
      return `the file backend writes about ${per100} per 100 concurrent sessions (msgpack) under MESOP_STATE_SESSION_BACKEND_FILE_BASE_DIR, read and written on every event.`;
    case 'sql':
      return `the sql backend stores about ${per100} per 100 concurrent sessions (msgpack) in its table, one database round trip per event.`;
    case 'firestore':
      return `the firestore backend stores about ${per100} per 100 concurrent sessions (msgpack) in its collection, one Firestore round trip per event.`;
    case undefined:
      return (
        `that is about ${per100} per 100 concurrent sessions (the JSON size): in RAM per process with the memory backend (lost on restart), ` +
        'as msgpack on disk or in a database with file, sql or firestore.'
      );
  }
}
