import { formatBytes } from '../../measure/format-bytes';
import { effectOver } from '../effect';
import { eventWhere, pageLoads } from '../page-loads';
import type { Rule } from '../rule';
import type { MesopEvent } from '../../session/event';
import { describeSizes, max } from '../session-stats';
import { sum } from '../../sum';

/**
 * Some responses are big because of what is rendered (long markdown, big tables, 120 cards), not
 * because of state. Every event counts, the page load first of all: its full tree is what a user
 * waits for before seeing anything. A session backend only removes the uploaded state, so say
 * plainly when it would not help and point at the rendering instead.
 */
export const heavyComponentTreeRule: Rule = {
  meta: {
    id: 'heavy-component-tree',
    title: 'Heavy component tree',
    description:
      'Events (the page load included) whose rendered component tree crosses the threshold; when the tree is most of the response a session backend would not reduce it.',
  },
  run(analysis, config) {
    const { componentTreeWarn, componentTreeShare } = config.thresholds;
    const events = analysis.session.events;
    // Per render: a response that streams 40 small renders is the streamed-renders rule's concern.
    const biggestRender = (e: MesopEvent) => max(e.response.renders.map((r) => r.componentTreeBytes));
    const heavy = events.filter((e) => biggestRender(e) >= componentTreeWarn);
    if (heavy.length === 0) return [];
    const treeBytes = heavy.map(biggestRender);
    const biggest = heavy.reduce((a, b) => (biggestRender(b) > biggestRender(a) ? b : a));
    const share =
      sum(heavy.map((e) => e.response.account.componentTree)) /
      Math.max(1, sum(heavy.map((e) => e.response.account.total)));
    const loads = pageLoads(events);
    const wsNote =
      analysis.session.backend === 'websocket'
        ? ' In WebSocket mode Mesop sends the full tree on every render (component diffing is off), so SSE mode would send only diffs.'
        : '';
    return [
      {
        id: 'heavy-component-tree',
        ruleId: 'heavy-component-tree',
        level: 'warn',
        title:
          `${heavy.length} event(s) render a component tree over ${formatBytes(componentTreeWarn)}: ` +
          `${describeSizes(treeBytes, 'per render')}, the biggest ${formatBytes(biggestRender(biggest))} ` +
          `(${eventWhere(loads, biggest)}; the tree is ${Math.round(share * 100)}% of those responses)`,
        evidence: {
          numbers: {
            maxComponentTreeBytes: biggestRender(biggest),
            maxComponentTreeEvent: biggest.index,
            heavyEvents: heavy.length,
            componentTreeSharePercent: Math.round(share * 1000) / 10,
            fullTreeEvents: heavy.filter((e) => e.response.componentTree === 'full').length,
            thresholdBytes: componentTreeWarn,
          },
          events: heavy.map((e) => e.index),
          paths: [],
        },
        // The backend note only where state goes up: in WebSocket mode or with a backend it has nothing to say.
        advice:
          (share >= componentTreeShare && analysis.session.backend === 'none'
            ? 'A session backend would not help here: it only removes the state the browser uploads. '
            : '') +
          'Render less per event: paginate or virtualize long lists and tables, show long markdown in parts, ' +
          `avoid putting big data (images, file contents) into component properties, and split big pages.${wsNote}`,
        envLines: [],
        // Halving the heavy renders' trees is a realistic target for pagination; the exact saving
        // depends on the page. A tree's wire bytes are 4/3 of its protobuf bytes (base64).
        effect: effectOver(
          heavy.map(
            (e) =>
              sum(
                e.response.renders
                  .filter((r) => r.componentTreeBytes >= componentTreeWarn)
                  .map((r) => (r.componentTreeBytes * 4) / 3),
              ) / 2,
          ),
          'down',
        ),
      },
    ];
  },
};
