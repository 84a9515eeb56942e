import { formatBytes } from '../../measure/format-bytes';
import { TOKEN_NOT_FOUND } from '../../session/build-session';
import type { MesopEvent } from '../../session/event';
import { effectOver } from '../effect';
import type { Rule } from '../rule';
import { sum } from '../../sum';

/**
 * "Token not found in state session backend." means the server that got the event does not have
 * the session: the client then re-sends the same event with the full state, so each miss costs an
 * extra round trip, the failed exchange, and the full upload the backend was meant to avoid.
 */
export const tokenMissesRule: Rule = {
  meta: {
    id: 'token-misses',
    title: 'Session tokens not found',
    description:
      'Events failed with "Token not found in state session backend." and were retried with the full state: the bytes re-sent and the extra round trips.',
  },
  run(analysis) {
    const events = analysis.session.events;
    const misses = events.filter((e) => e.error === TOKEN_NOT_FOUND);
    if (misses.length === 0) return [];
    const retryOf = (miss: MesopEvent) => events.find((e) => e.index > miss.index && e.tokenRetry);
    // Per miss: the failed exchange (its request and error response) and the retry's request,
    // which carries the full state instead of a token.
    const cost = misses.map((m) => m.request.bytes + m.response.bytes + (retryOf(m)?.request.bytes ?? 0));
    const retries = events.filter((e) => e.tokenRetry);
    const total = sum(cost);
    const level = misses.length >= 2 ? 'error' : 'warn';
    return [
      {
        id: 'token-misses',
        ruleId: 'token-misses',
        level,
        title:
          `${misses.length} event(s) hit "${TOKEN_NOT_FOUND}" and were sent again with the full state: ` +
          `${misses.length} extra round trip(s) and ${formatBytes(total)} re-sent (${formatBytes(total / misses.length)} per miss)`,
        evidence: {
          numbers: {
            tokenMisses: misses.length,
            retries: retries.length,
            extraRoundTrips: misses.length,
            bytesPerMiss: Math.round(total / misses.length),
            totalMissBytes: total,
          },
          events: [...misses, ...retries].map((e) => e.index).sort((a, b) => a - b),
          paths: [],
        },
        advice:
          'Either another process served the event (the memory backend is per process: several gunicorn workers or instances ' +
          'without session affinity), or the session was idle for more than 10 minutes (every backend expires entries then). ' +
          'For the first: enable session affinity and run one worker per instance, or use a shared backend ' +
          '(file on one machine, sql or firestore across instances). The second is expected after long pauses; nothing to fix unless it is frequent.',
        envLines: [],
        effect: effectOver(cost, 'up', misses.length),
      },
    ];
  },
};
