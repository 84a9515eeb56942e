import { type Analysis, growthByField, growthPerRise, isInside } from '../../src/core';
import type { GrowthRow } from './messages';

const MAX_ROWS = 30;

/**
 * Fields whose size rose in at least two events of a page load (the core's per-page-load trends:
 * a reload is not a fall, the next load is not a rise), one row per field for the page load where
 * it grew most, outermost first per subtree (a growing `history` hides `history[*].content` unless
 * that grows faster), ranked by bytes added per event that grew it.
 */
export function growthRows(analysis: Analysis): GrowthRow[] {
  const growing = growthByField(
    analysis,
    (t) => t.increases >= 2 && t.lastBytes > t.firstBytes && t.lastEvent > t.firstEvent,
  );
  const rows = growing.map(({ worst: t, pageLoadsGrown }): GrowthRow => ({
    stateClass: t.stateClass,
    path: t.path,
    pageLoad: t.pageLoad,
    pageLoadsGrown,
    firstEvent: t.firstEvent,
    lastEvent: t.lastEvent,
    firstBytes: t.firstBytes,
    lastBytes: t.lastBytes,
    increases: t.increases,
    grownBytes: t.grownBytes,
    ratePerEvent: growthPerRise(t),
  }));
  const outer = rows.filter(
    (r) =>
      !rows.some(
        (o) => o !== r && o.stateClass === r.stateClass && isInside(r.path, o.path) && o.ratePerEvent >= r.ratePerEvent,
      ),
  );
  return outer.sort((a, b) => b.ratePerEvent - a.ratePerEvent || (a.path < b.path ? -1 : 1)).slice(0, MAX_ROWS);
}
