import { formatBytes } from '../../measure/format-bytes';
import { effectOf } from '../effect';
import { fieldTrends, isInside, type FieldTrend } from '../field-series';
import type { Finding } from '../finding';
import type { Rule } from '../rule';
import { heldStateBytes } from '../session-stats';

/**
 * A field that rises event after event (a chat history) makes every later event heavier, so the
 * app gets slower the longer a user stays. Report the outermost growing field with its average
 * rate per event and project when the held state crosses the upload warning.
 */
export const growingFieldRule: Rule = {
  meta: {
    id: 'growing-field',
    title: 'A state field grows with every event',
    description: 'Fields whose size rises across events, with the rate per event and when the state will cross the upload threshold.',
  },
  run(analysis, config) {
    const { growthMinIncreases, growthHorizonEvents, stateUploadWarn } = config.thresholds;
    const growing = fieldTrends(analysis).filter((t) =>
      t.lastBytes > t.firstBytes && t.increases >= growthMinIncreases && t.lastEvent > t.firstEvent);
    const outermost = growing.filter((t) => !growing.some((o) => o.stateClass === t.stateClass && isInside(t.path, o.path)));
    const events = analysis.session.events;
    const last = events[events.length - 1];
    const held = last ? heldStateBytes(last) : 0;
    const uploads = analysis.session.backend === 'none';

    return outermost
      .map((t) => {
        const rate = (t.lastBytes - t.firstBytes) / (t.lastEvent - t.firstEvent);
        return { t, rate, toCross: held >= stateUploadWarn ? 0 : Math.ceil((stateUploadWarn - held) / rate) };
      })
      // A field that only ever grew is a trend worth knowing (info); one that also shrank (a list
      // edited both ways) is reported only when it will pass the threshold within the horizon.
      .filter(({ t, toCross }) => t.decreases === 0 || toCross <= growthHorizonEvents)
      .sort((a, b) => b.rate - a.rate)
      .map(({ t, rate, toCross }): Finding => {
        const bulk = largestGrowingPart(t, growing);
        const soon = toCross <= growthHorizonEvents;
        const projection = toCross === 0
          ? `the state is already past ${formatBytes(stateUploadWarn)}`
          : `at this rate the state (now ${formatBytes(held)}) passes ${formatBytes(stateUploadWarn)} in about ${toCross} more events`;
        return {
          id: `growing-field:${t.stateClass}:${t.path}`,
          ruleId: 'growing-field',
          level: soon && uploads ? 'warn' : 'info',
          title: `state class #${t.stateClass + 1}, \`${t.path}\` grows ${formatBytes(rate)} per event (${formatBytes(t.firstBytes)} -> ${formatBytes(t.lastBytes)} over events #${t.firstEvent}-#${t.lastEvent})`,
          evidence: {
            numbers: {
              firstBytes: t.firstBytes, lastBytes: t.lastBytes, bytesPerEvent: Math.round(rate),
              increases: t.increases, heldStateBytes: held, eventsToThreshold: toCross, thresholdBytes: stateUploadWarn,
            },
            events: t.grewAt,
            paths: [{ stateClass: t.stateClass, path: t.path }, ...(bulk ? [{ stateClass: bulk.stateClass, path: bulk.path }] : [])],
          },
          advice: `${projection}${uploads ? ', and without a session backend all of it goes up with every event' : ''}. `
            + `Cap \`${t.path}\` (keep the last N items), paginate it, or move it out of state (a database keyed by a session or conversation id, keeping only the id in state)`
            + `${bulk ? `; most of the growth is in \`${bulk.path}\`` : ''}.`,
          envLines: [],
          effect: effectOf(uploads ? (rate * 4) / 3 : 0, 'up'),
        };
      });
  },
};

/**
 * The deepest aggregate inside `t` that carries at least half of its growth (e.g.
 * `history[*].content` rather than `history[*]`), to say where the bytes actually are.
 */
function largestGrowingPart(t: FieldTrend, growing: FieldTrend[]): FieldTrend | undefined {
  const growth = (g: FieldTrend) => g.lastBytes - g.firstBytes;
  const parts = growing.filter((g) => g.stateClass === t.stateClass && isInside(g.path, t.path)
    && g.path.includes('[*]') && growth(g) * 2 >= growth(t));
  return parts.sort((a, b) => b.path.length - a.path.length || growth(b) - growth(a))[0];
}
