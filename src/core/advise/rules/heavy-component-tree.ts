import { formatBytes } from '../../measure/format-bytes';
import { effectOf } from '../effect';
import type { Rule } from '../rule';
import { median, sum, userEvents } from '../session-stats';
import { responseTreeWireBytes } from '../wire-share';

/**
 * Some responses are big because of what is rendered (long markdown, big tables), not because of
 * state. A session backend only removes the uploaded state, so say plainly that it would not help
 * and point at the rendering instead.
 */
export const heavyComponentTreeRule: Rule = {
  meta: {
    id: 'heavy-component-tree',
    title: 'Responses dominated by the component tree',
    description: 'The rendered component tree, not state, makes most of the response bytes; a session backend would not reduce it.',
  },
  run(analysis, config) {
    const rendering = userEvents(analysis.session.events).filter((e) => e.response.componentTree !== 'none');
    if (rendering.length === 0) return [];
    const treeBytes = rendering.map((e) => e.response.bytes.componentTree);
    const typical = median(treeBytes);
    const share = sum(treeBytes) / Math.max(1, sum(rendering.map((e) => e.response.bytes.total)));
    if (typical < config.thresholds.componentTreeWarn || share < config.thresholds.componentTreeShare) return [];
    const full = rendering.filter((e) => e.response.componentTree === 'full').length;
    const heavy = rendering.filter((e) => e.response.bytes.componentTree >= config.thresholds.componentTreeWarn);
    const wsNote = analysis.session.backend === 'websocket'
      ? ' In WebSocket mode Mesop sends the full tree on every render (component diffing is off), so SSE mode would send only diffs.'
      : '';
    return [{
      id: 'heavy-component-tree',
      ruleId: 'heavy-component-tree',
      level: 'warn',
      title: `The component tree is ${Math.round(share * 100)}% of the response: median ${formatBytes(typical)} per event`,
      evidence: {
        numbers: {
          medianComponentTreeBytes: typical,
          maxComponentTreeBytes: Math.max(...treeBytes),
          componentTreeSharePercent: Math.round(share * 1000) / 10,
          fullTreeEvents: full,
          thresholdBytes: config.thresholds.componentTreeWarn,
        },
        events: heavy.map((e) => e.index),
        paths: [],
      },
      advice: 'A session backend would not help here: it only removes the state the browser uploads. '
        + 'Render less per event: paginate or virtualize long lists and tables, show long markdown in parts, '
        + `avoid putting big data (images, file contents) into component properties, and split big pages.${wsNote}`,
      envLines: [],
      // Halving the tree is a realistic target for pagination; the exact saving depends on the page.
      effect: effectOf(median(heavy.map(responseTreeWireBytes)) / 2, 'down'),
    }];
  },
};
