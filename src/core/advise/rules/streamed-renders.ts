import { formatBytes } from '../../measure/format-bytes';
import { effectOver } from '../effect';
import { eventWhere, pageLoads } from '../page-loads';
import type { Rule } from '../rule';
import { sum } from '../../sum';

/**
 * A handler that yields sends one render per yield, each a tree diff the browser applies and
 * re-renders. A few show progress; dozens from one click (a loop that yields per item) cost bytes
 * and browser work for frames nobody reads.
 */
export const streamedRendersRule: Rule = {
  meta: {
    id: 'streamed-renders',
    title: 'Many renders streamed by one response',
    description: 'Responses that stream many renders (a handler that yields often), with their count and bytes.',
  },
  run(analysis, config) {
    const { streamRendersWarn, streamBytesWarn } = config.thresholds;
    const streaming = analysis.session.events.filter(
      (e) =>
        e.response.renders.length >= streamRendersWarn &&
        sum(e.response.renders.map((r) => r.bytes)) >= streamBytesWarn,
    );
    if (streaming.length === 0) return [];
    const rendersBytes = (e: (typeof streaming)[number]) => sum(e.response.renders.map((r) => r.bytes));
    const worst = streaming.reduce((a, b) => (b.response.renders.length > a.response.renders.length ? b : a));
    // Sending only the final render saves every render before it.
    const saved = streaming.map(
      (e) => rendersBytes(e) - (e.response.renders[e.response.renders.length - 1]?.bytes ?? 0),
    );
    return [
      {
        id: 'streamed-renders',
        ruleId: 'streamed-renders',
        level: 'warn',
        title:
          `${streaming.length} response(s) stream ${streamRendersWarn} or more renders: ` +
          `${worst.response.renders.length} renders, ${formatBytes(rendersBytes(worst))} in ${eventWhere(pageLoads(analysis.session.events), worst)}`,
        evidence: {
          numbers: {
            maxRenders: worst.response.renders.length,
            maxRendersEvent: worst.index,
            rendersBytes: rendersBytes(worst),
            lastRenderBytes: worst.response.renders[worst.response.renders.length - 1]?.bytes ?? 0,
            streamingEvents: streaming.length,
            thresholdRenders: streamRendersWarn,
          },
          events: streaming.map((e) => e.index),
          paths: [],
        },
        advice:
          'Each `yield` in a handler sends a render. Yield less often (every N items or every few hundred milliseconds), ' +
          'batch the state updates between yields, or send only the final render (no `yield` in the loop) when the steps need not be seen.',
        envLines: [],
        effect: effectOver(saved, 'down'),
      },
    ];
  },
};
