import type { Analysis } from '../../src/core/analyze';
import { fieldTrends, isInside } from '../../src/core/advise/field-series';
import type { GrowthRow } from './messages';

const MAX_ROWS = 30;

/**
 * Fields whose size rose in at least two events, outermost first per subtree (a growing
 * `history` hides `history[*].content` unless that grows faster), ranked by bytes added per event.
 */
export function growthRows(analysis: Analysis): GrowthRow[] {
  const growing = fieldTrends(analysis).filter((t) => t.increases >= 2 && t.lastBytes > t.firstBytes && t.lastEvent > t.firstEvent);
  const rows = growing.map((t): GrowthRow => ({
    stateClass: t.stateClass, path: t.path, firstEvent: t.firstEvent, lastEvent: t.lastEvent,
    firstBytes: t.firstBytes, lastBytes: t.lastBytes, increases: t.increases,
    ratePerEvent: (t.lastBytes - t.firstBytes) / (t.lastEvent - t.firstEvent),
  }));
  const outer = rows.filter((r) => !rows.some((o) => o !== r && o.stateClass === r.stateClass && isInside(r.path, o.path) && o.ratePerEvent >= r.ratePerEvent));
  return outer.sort((a, b) => b.ratePerEvent - a.ratePerEvent || (a.path < b.path ? -1 : 1)).slice(0, MAX_ROWS);
}
