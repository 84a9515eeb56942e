import { formatBytes } from '../../measure/format-bytes';
import { NO_EFFECT } from '../effect';
import { eventWhere, pageLoads } from '../page-loads';
import type { Rule } from '../rule';

/**
 * A response past the threshold is a wait the user sees, whatever it is made of; the page load is
 * the one every user pays. The parts are named so the user knows which finding to follow: the
 * component tree (heavy-component-tree), the state sent down (blob and growth findings), or many
 * renders (streamed-renders).
 */
export const bigResponseRule: Rule = {
  meta: {
    id: 'big-response',
    title: 'Big response',
    description: 'Events (the page load included) whose response crosses the threshold, with what it is made of.',
  },
  run(analysis, config) {
    const { responseWarn } = config.thresholds;
    const events = analysis.session.events;
    const big = events.filter((e) => e.response.bytes >= responseWarn);
    if (big.length === 0) return [];
    const biggest = big.reduce((a, b) => (b.response.bytes > a.response.bytes ? b : a));
    const loads = pageLoads(events);
    const { total, componentTree, states } = biggest.response.account;
    const pct = (n: number) => `${total ? Math.round((n / total) * 100) : 0}%`;
    return [
      {
        id: 'big-response',
        ruleId: 'big-response',
        level: 'warn',
        title:
          `${big.length} response(s) over ${formatBytes(responseWarn)}: the biggest ${formatBytes(biggest.response.bytes)} ` +
          `(${eventWhere(loads, biggest)}): ` +
          `component tree ${pct(componentTree)}, state ${pct(states)}, ${biggest.response.renders.length} render(s)`,
        evidence: {
          numbers: {
            maxResponseBytes: biggest.response.bytes,
            maxResponseEvent: biggest.index,
            componentTreeBytes: componentTree,
            stateBytes: states,
            renders: biggest.response.renders.length,
            bigResponses: big.length,
            thresholdBytes: responseWarn,
          },
          events: big.map((e) => e.index),
          paths: [],
        },
        advice:
          'Find the part that makes it big: a big component tree is cut by rendering less (see the component-tree finding); ' +
          'state sent down is cut by keeping blobs and long histories out of state; many renders from one event by yielding less often. ' +
          'The page load matters most: every user waits for it before seeing anything.',
        envLines: [],
        // The saving is that of the finding for its biggest part; counting it here too would count it twice.
        effect: NO_EFFECT,
      },
    ];
  },
};
