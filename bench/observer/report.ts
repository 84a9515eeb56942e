/**
 * The observer bench's output: one row per figure and state size, this build's value, the
 * reference build's where one ran, the target and the verdict (of this build); or `--json`.
 */
import { cpus } from 'node:os';
import { table, verdict } from '../timing';
import { buildFigures, median, pairedRatio, TARGETS, verdicts, type BuildFigures, type SizeSamples } from './summary';

export interface RunInfo {
  json: boolean;
  sizes: SizeSamples[];
  reference?: string;
  rounds: string;
  profiled: number;
  wsRounds: number;
  loadavg: [number[], number[]];
  elapsedMs: number;
}

const MB = 1024 * 1024;
const sizeName = (kb: number) => (kb >= 1000 ? `${kb / 1000} MB` : `${kb} kB`);
const ms = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '-' : `${x.toFixed(x < 10 ? 2 : 1)} ms`);
const ratio = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '-' : `${x.toFixed(3)}x`);
const mb = (b: number | undefined) => (b === undefined || Number.isNaN(b) ? '-' : `${(b / MB).toFixed(1)} MB`);

export function printReport(run: RunInfo): void {
  const per = run.sizes.map((s) => ({
    s,
    mine: buildFigures(s, '')!,
    ref: buildFigures(s, ' (reference)'),
  }));
  if (run.json) {
    console.log(
      JSON.stringify(
        {
          loadavg: run.loadavg,
          elapsedMs: run.elapsedMs,
          rounds: run.rounds,
          profiled: run.profiled,
          wsRounds: run.wsRounds,
          reference: run.reference ?? null,
          targets: TARGETS,
          sizes: per.map(({ s, mine, ref }) => ({
            ...s,
            figures: mine,
            verdicts: verdicts(mine),
            reference: ref ? { figures: ref, verdicts: verdicts(ref) } : null,
            aaRatio: pairedRatio(s.doneMs.aa, s.doneMs.devtools),
          })),
        },
        null,
        2,
      ),
    );
    return;
  }
  const body: string[][] = [];
  const row = (
    what: string,
    s: SizeSamples,
    pick: (f: BuildFigures) => string,
    mine: BuildFigures,
    ref: BuildFigures | undefined,
    target: string,
    pass?: boolean,
  ) =>
    body.push([
      `${what}, ${sizeName(s.kb)}`,
      pick(mine),
      ref ? pick(ref) : '',
      target,
      pass === undefined ? '' : verdict(pass),
    ]);
  for (const { s, mine, ref } of per) {
    const v = verdicts(mine);
    row(
      'hook main-thread time per event, DevTools closed',
      s,
      (f) => `${ms(f.closedHookMs)} (${f.closedHookMsPerMb.toFixed(2)}/MB)`,
      mine,
      ref,
      `<= ${TARGETS.closedHookMsPerMb} ms/MB of body`,
      v.closedHook,
    );
    row('hook main-thread time per event, Mesop tab open', s, (f) => ms(f.panelHookMs), mine, ref, '(info)');
    row(
      'hook time as sampled, wall (closed / open)',
      s,
      (f) => `${ms(f.closedHookWallMs)} / ${ms(f.panelHookWallMs)}`,
      mine,
      ref,
      '(info: includes waits for a core)',
    );
    row(
      'page heap retained, DevTools closed, over none',
      s,
      (f) => mb(f.retainedClosedBytes),
      mine,
      ref,
      `<= ${TARGETS.closedRetainedBytes / MB} MB`,
      v.closedRetained,
    );
    row('done time, DevTools closed / no extension', s, (f) => ratio(f.closedOverNone), mine, ref, '(info)');
    row(
      'done time, Mesop tab open / DevTools alone',
      s,
      (f) => ratio(f.panelOverDevtools),
      mine,
      ref,
      `<= ${TARGETS.panelOverDevtools}x`,
      v.panelRatio,
    );
    body.push([
      `A/A: DevTools alone / DevTools alone, ${sizeName(s.kb)}`,
      ratio(pairedRatio(s.doneMs.aa, s.doneMs.devtools)),
      '',
      '(the noise)',
      '',
    ]);
    if (v.ws !== undefined)
      row(
        'WebSocket frame delayed by the hook, per MB of state (closed / open)',
        s,
        (f) => `${ms(f.wsClosedMsPerMb)} / ${ms(f.wsPanelMsPerMb)}`,
        mine,
        ref,
        `< ${TARGETS.wsDelayMsPerMb} ms/MB`,
        v.ws,
      );
    body.push([
      `done time medians, ${sizeName(s.kb)} (info)`,
      Object.entries(s.doneMs)
        .filter(([name]) => !name.includes('reference'))
        .map(([name, xs]) => `${name} ${median(xs).toFixed(0)}`)
        .join(', '),
      Object.entries(s.doneMs)
        .filter(([name]) => name.includes('reference'))
        .map(([name, xs]) => `${name.split(' ')[0]} ${median(xs).toFixed(0)}`)
        .join(', '),
      `ms; body ${(s.bodyChars / MB).toFixed(2)} MB/event`,
      '',
    ]);
  }
  const l = run.loadavg.map((x) => x.map((y) => y.toFixed(2)).join(' '));
  console.log(
    `Observer effect (load average ${l[0]} -> ${l[1]}, ${(run.elapsedMs / 1000).toFixed(0)} s, ${cpus().length} cores; ` +
      `${run.rounds} timed rounds, ${run.profiled} profiled, ${run.wsRounds} WebSocket per size)`,
  );
  console.log(table(['figure', 'this build', run.reference ? 'reference' : '', 'target', ''], body));
}
