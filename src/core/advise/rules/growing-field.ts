import type { Analysis } from '../../analyze';
import { formatBytes } from '../../measure/format-bytes';
import { classPosition, stateClassLabel } from '../../session/numbering';
import { effectOver } from '../effect';
import { growthByField, growthPerRise, type FieldGrowth, type FieldTrend } from '../field-series';
import { isInside } from '../../measure/path';
import type { Finding } from '../finding';
import { pageLoads } from '../page-loads';
import type { Rule } from '../rule';
import { heldStateBytes } from '../session-stats';

/**
 * A field that rises event after event (a chat history) makes every later event heavier, so the
 * app gets slower the longer a user stays. Growth is read per page load (a reload resets the held
 * state: page-loads.ts), so a HAR of many loads says what one load says, plus how many loads it
 * was seen in. The rate is the bytes added per event that grew it; the projection of when the held
 * state crosses the upload warning is given only when it means something: the field only grew in
 * that page load and the crossing lies within the horizon (or is already behind).
 */
export const growingFieldRule: Rule = {
  meta: {
    id: 'growing-field',
    title: 'A state field grows with every event',
    description:
      'Fields whose size rises across the events of a page load, with the bytes added per rise, the page loads it grew in and, when meaningful, when the state will cross the upload threshold.',
  },
  run(analysis, config) {
    const { growthMinIncreases, growthHorizonEvents, stateUploadWarn } = config.thresholds;
    const grows = (t: FieldTrend) =>
      t.lastBytes > t.firstBytes && t.increases >= growthMinIncreases && t.lastEvent > t.firstEvent;
    const growing = growthByField(analysis, grows);
    const outermost = growing.filter(
      ({ worst: t }) => !growing.some(({ worst: o }) => o.stateClass === t.stateClass && isInside(t.path, o.path)),
    );
    const events = analysis.session.events;
    const uploads = analysis.session.backend === 'none';

    return (
      outermost
        .map((g) => {
          const t = g.worst;
          const rate = growthPerRise(t);
          const endOfLoad = pageLoads(events).find((l) => l.number === t.pageLoad);
          const held = endOfLoad && events[endOfLoad.last] ? heldStateBytes(events[endOfLoad.last]!) : 0;
          const toCross = held >= stateUploadWarn ? 0 : Math.ceil((stateUploadWarn - held) / rate);
          return { g, rate, held, toCross, soon: toCross <= growthHorizonEvents };
        })
        // A field that only ever grew is a trend worth knowing (info); one that also shrank (a list
        // edited both ways) is reported only when it will pass the threshold within the horizon.
        .filter(({ g, soon }) => g.worst.decreases === 0 || soon)
        .sort((a, b) => b.rate - a.rate)
        .map(({ g, rate, held, toCross, soon }): Finding => {
          const t = g.worst;
          const bulk = largestGrowingPart(t, growing);
          const loads =
            g.pageLoadsTotal > 1
              ? ` in page load ${t.pageLoad} of ${g.pageLoadsTotal}; it grew in ${g.pageLoadsGrown} of them`
              : '';
          const meaningful = soon && t.decreases === 0;
          const projection = !meaningful
            ? `the state held at the end of that page load is ${formatBytes(held)}`
            : toCross === 0
              ? `the state is already past ${formatBytes(stateUploadWarn)}`
              : `at this rate the state (now ${formatBytes(held)}) passes ${formatBytes(stateUploadWarn)} in about ${toCross} more events`;
          return {
            id: `growing-field:${t.stateClass}:${t.path}`,
            ruleId: 'growing-field',
            level: soon && uploads ? 'warn' : 'info',
            title:
              `${stateClassLabel(t.stateClass)}, \`${t.path}\` grows ${formatBytes(rate)} per event that grew it ` +
              `(${formatBytes(t.firstBytes)} -> ${formatBytes(t.lastBytes)} over events #${t.firstEvent}-#${t.lastEvent}${loads})`,
            evidence: {
              numbers: {
                firstBytes: t.firstBytes,
                lastBytes: t.lastBytes,
                bytesPerEvent: Math.round(rate),
                increases: t.increases,
                heldStateBytes: held,
                thresholdBytes: stateUploadWarn,
                ...(meaningful ? { eventsToThreshold: toCross } : {}),
                pageLoad: t.pageLoad,
                pageLoadsGrown: g.pageLoadsGrown,
                pageLoads: g.pageLoadsTotal,
              },
              events: t.grewAt,
              paths: [
                { stateClass: t.stateClass, path: t.path },
                ...(bulk ? [{ stateClass: bulk.stateClass, path: bulk.path }] : []),
              ],
            },
            advice:
              `${projection[0]!.toUpperCase()}${projection.slice(1)}${uploads ? ', and without a session backend all of it goes up with every event' : ''}. ` +
              `Cap \`${t.path}\` (keep the last N items), paginate it, or move it out of state (a database keyed by a session or conversation id, keeping only the id in state)` +
              `${bulk ? `; most of the growth is in \`${bulk.path}\`` : ''}.`,
            envLines: [],
            effect: effectOver(uploads ? grownBytesUploaded(analysis, t.stateClass, t.path) : [], 'up'),
          };
        })
    );
  },
};

/**
 * What each full upload of the session carried beyond the field's size at the start of its page
 * load (what a field that did not grow would have saved), 4/3 on the wire for the base64 body.
 */
function grownBytesUploaded(analysis: Analysis, stateClass: number, path: string): number[] {
  const bytesAt = (i: number) => analysis.fieldBytes[i]?.[classPosition(stateClass)]?.get(path);
  const events = analysis.session.events;
  return pageLoads(events).flatMap((load) => {
    const base = bytesAt(load.first);
    if (base === undefined) return [];
    return events
      .slice(load.first + 1, load.last + 1)
      .filter((e) => e.request.stateUpload === 'full')
      .map((e) => (Math.max(0, (bytesAt(e.index - 1) ?? base) - base) * 4) / 3);
  });
}

/**
 * The deepest aggregate inside `t` that carries at least half of its growth (e.g.
 * `history[*].content` rather than `history[*]`), to say where the bytes actually are.
 */
function largestGrowingPart(t: FieldTrend, growing: FieldGrowth[]): FieldTrend | undefined {
  const parts = growing
    .map((g) => g.worst)
    .filter(
      (g) =>
        g.stateClass === t.stateClass &&
        isInside(g.path, t.path) &&
        g.path.includes('[*]') &&
        g.grownBytes * 2 >= t.grownBytes,
    );
  return parts.sort((a, b) => b.path.length - a.path.length || b.grownBytes - a.grownBytes)[0];
}
