import { NO_EFFECT } from '../effect';
import type { Rule } from '../rule';
import { describeSizes, median, userEvents } from '../session-stats';

/**
 * In WebSocket mode (MESOP_WEBSOCKETS_ENABLED=true) state never crosses the wire: the server keeps
 * it per connection and drops it when the socket closes; the client reconnects with a fresh init,
 * so the user's state is reset. Session backends are not used, and every render sends the full
 * component tree. The state-upload advice does not apply; scaling and reconnects do.
 */
export const websocketModeRule: Rule = {
  meta: {
    id: 'websocket-mode',
    title: 'WebSocket mode: state stays on the server per connection',
    description:
      'No state is uploaded or downloaded; a session backend does not apply; state is lost when the socket reconnects.',
  },
  run(analysis) {
    if (analysis.session.backend !== 'websocket') return [];
    const events = userEvents(analysis.session.events);
    const inits = analysis.session.events.filter((e) => e.kind === 'init').length;
    // Per render, not per event: one event may stream several renders, each with the full tree.
    const perRender = events.flatMap((e) => e.response.renders.map((r) => r.componentTreeBytes)).filter((b) => b > 0);
    return [
      {
        id: 'websocket-mode',
        ruleId: 'websocket-mode',
        level: 'info',
        title: `WebSocket mode: no state on the wire; full component tree with every render (${describeSizes(perRender, 'per render')})`,
        evidence: {
          numbers: {
            userEvents: events.length,
            initRequests: inits,
            renders: perRender.length,
            medianComponentTreeBytesPerRender: median(perRender),
            medianRequestBytes: median(events.map((e) => e.request.bytes)),
          },
          events: events.map((e) => e.index),
          paths: [],
        },
        advice:
          'State lives in the server process for as long as the socket is open; MESOP_STATE_SESSION_BACKEND is not used. ' +
          'Run one instance, or enable session affinity, since a socket is tied to one process. ' +
          "A dropped connection resets the user's state (the client reconnects with a fresh page load), so keep anything that must survive in a database. " +
          'Component diffing is off in this mode, so a big page costs its full size on every render; ' +
          'if that matters more than concurrent handlers, SSE mode (MESOP_WEBSOCKETS_ENABLED=false) with a session backend sends only diffs.',
        envLines: [],
        effect: NO_EFFECT,
      },
    ];
  },
};
