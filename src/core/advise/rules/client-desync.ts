import { stateClassLabel } from '../../session/numbering';
import { NO_EFFECT } from '../effect';
import type { Finding } from '../finding';
import type { Rule } from '../rule';

/** The Mesop release whose client was seen doing this (docs/capture.md, test/fixtures `lists`). */
const SEEN_ON = 'Mesop 1.3.7';

/**
 * Mesop's client applies a multi-item `iterable_items_deleted` diff row as a one-item deletion
 * (apply-state-diff.ts), so after `del items[1:4]` the browser holds items the server removed. The
 * mirror holds the browser's copy, so the event records the disagreement (`desyncs`); this rule
 * says what it means: without a backend the browser uploads its copy with the next event and the
 * server takes it as the truth (the deleted items come back); with a backend the two copies differ
 * until the next full state.
 */
export const clientDesyncRule: Rule = {
  meta: {
    id: 'client-desync',
    title: 'Browser and server disagree about a list',
    description: `A multi-item deletion from a list that ${SEEN_ON}'s client applies as a one-item deletion, or a replaced run it ignores: the browser keeps items the server removed.`,
  },
  run(analysis) {
    const events = analysis.session.events;
    const uploads = analysis.session.backend === 'none';
    return events.flatMap((e) =>
      (e.desyncs ?? []).map((d): Finding => {
        const next = events.find((n) => n.index > e.index && n.kind !== 'init' && n.request.stateUpload === 'full');
        const consequence = uploads
          ? next
            ? ` Without a session backend the browser uploaded its copy with event #${next.index}, and the server took it as the truth: the items it ${d.action} came back.`
            : ` Without a session backend the browser uploads its copy with the next event, and the server takes it as the truth: the items it ${d.action} come back.`
          : ' With a session backend the server keeps its own copy, so what the user sees and what the handlers read differ until the next full state.';
        return {
          id: `client-desync:${e.index}:${d.stateClass}:${d.path}`,
          ruleId: 'client-desync',
          level: 'error',
          title:
            `${stateClassLabel(d.stateClass)}, \`${d.path}\`: ${
              d.action === 'deleted'
                ? `the server deleted ${d.serverRemoved} items at index ${d.at} in event #${e.index}, the browser deleted ${d.browserRemoved}`
                : `the server replaced ${d.serverRemoved} items at index ${d.at} with ${d.serverAdded} in event #${e.index}, the browser ignored it`
            }` + ` and now holds ${d.browserItems} items where the server holds ${d.serverItems}`,
          evidence: {
            numbers: {
              serverRemoved: d.serverRemoved,
              serverAdded: d.serverAdded,
              browserRemoved: d.browserRemoved,
              at: d.at,
              serverItems: d.serverItems,
              browserItems: d.browserItems,
              ...(uploads && next ? { reuploadEvent: next.index } : {}),
            },
            events: uploads && next ? [e.index, next.index] : [e.index],
            paths: [{ stateClass: d.stateClass, path: d.path }],
          },
          advice:
            (d.action === 'deleted'
              ? `${SEEN_ON}'s client applies a multi-item deletion from a list of plain values (\`del items[i:j]\`, a filter that drops a run of items) as a one-item deletion.`
              : `${SEEN_ON}'s client ignores a run of items replaced by a run of another length (\`items[i:j] = [...]\` on a list of plain values).`) +
            `${consequence} ` +
            'Replacing the list with a new one does not help (Mesop diffs the values, so the same row is sent). Work around it by keeping the items as ' +
            'dataclasses or dicts (DeepDiff then sends one removal per item, which the client applies correctly), ' +
            `or by setting \`${lastKey(d.path)}\` to None, yielding, then setting the new list (two whole-value changes).`,
          envLines: [],
          effect: NO_EFFECT,
        };
      }),
    );
  },
};

/** `words`, `a.b.words` -> `words`, for the example line. */
const lastKey = (path: string) => path.replace(/^.*[.\]]/, '') || path;
