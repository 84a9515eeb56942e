/**
 * `npm run bench`: every performance figure of issue 7 that runs without a browser, side by side in
 * one process, each with its target and PASS/MISS, then a summary (the panel and the CI-check
 * overhead are measured by their own scripts; `npm run bench` runs check-overhead after this).
 *
 *   node dist/bench/bench.js            full run: about 2-3 minutes on 2 cores
 *   node dist/bench/bench.js --quick    1 MB measure, 5 MB decode, 1-5 MB scale (a few seconds; CI smoke)
 *   node dist/bench/bench.js --json     machine-readable results on stdout
 *   node dist/bench/bench.js --no-browser   skip the whole decode in Chromium's worker
 *
 * Sections: measureJson vs JSON.parse vs naive (1, 10, 50 MB; 4 shapes x 2 formats; naive only up
 * to 10 MB), whole decode of a 20 MB SSE body vs atob + JSON.parse (in Node, and in a Chromium worker as the panel runs it), and the scale series 1-100 MB.
 * Timings are medians of interleaved runs after a warm-up, with a forced GC before each run.
 */
import { cpus, loadavg } from 'node:os';
import { runBrowserDecodeBench, workerMeasureFigures, workerMeasureTable } from './browser-decode-bench';
import { decodeFigures, decodeTable, runDecodeBench } from './decode-bench';
import { measureFigures, measureTable, runMeasureBench } from './measure-bench';
import { runScaleBench, scaleFigures, scaleTable } from './scale-bench';
import { table, verdict } from './timing';

async function main(argv: string[]): Promise<void> {
  const quick = argv.includes('--quick');
  const json = argv.includes('--json');
  const started = performance.now();
  const load = loadavg()[0]!;
  const measure = runMeasureBench(quick ? [1] : [1, 10, 50]);
  const decode = runDecodeBench(quick ? 5 : 20);
  // The field measure in the panel's worker at 1 and 10 MB (50 MB of every shape would pass 400 MB
  // of text through the page): the CLI's table above has 50 MB.
  const browserDecode = argv.includes('--no-browser')
    ? undefined
    : await runBrowserDecodeBench(quick ? 5 : 20, 5, quick ? [1] : [1, 10]);
  // 30 and 40 MB bracket the machine's 32 MB L3: the per-MB cost steps up there (docs/benchmarks.md).
  const scale = runScaleBench(quick ? [1, 2, 5] : [1, 2, 5, 10, 20, 30, 40, 50, 100]);
  const figures = [
    ...measureFigures(measure),
    ...workerMeasureFigures(browserDecode?.measure ?? []),
    ...decodeFigures(decode, browserDecode),
    ...scaleFigures(scale),
  ];
  const seconds = (performance.now() - started) / 1000;
  const machine = {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? '?',
    loadAtStart: load,
    loadAtEnd: loadavg()[0]!,
  };
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ machine, seconds, figures, measure, decode, browserDecode, scale }, null, 2)}\n`,
    );
    return;
  }
  process.stdout.write(
    [
      `Mesop DevTools bench: node ${machine.node}, ${machine.cpus} x ${machine.cpu}, load average ${machine.loadAtStart.toFixed(2)} at start, ${machine.loadAtEnd.toFixed(2)} at end`,
      '',
      '## measureJson vs JSON.parse vs naive (medians; forced GC between runs)',
      measureTable(measure),
      "UTF-8 bytes = measureJson of the state's UTF-8 bytes, as the CLI and the panel's worker measure a full state since issue 24 (target <= 0.5x); the other measure columns scan the string, as before (and still for a patched state). JS = the core alone, as the panel runs it; +native = with Node's Buffer lent to the core (src/core/host-natives.ts; measure: nativeUtf8).",
      'Ratios are per size; 1 MB runs take milliseconds and are the noisiest.',
      'naive = JSON.parse + Buffer.byteLength(JSON.stringify(subtree)) for every path (compact re-serialized sizes: wrong for the python format); 3 runs at 1 MB, 1 at 10 MB, skipped at 50 MB.',
      '',
      ...(browserDecode
        ? [
            "## measureJson vs JSON.parse in the panel's analysis worker (Chromium, dedicated worker; medians, forced GC between runs)",
            workerMeasureTable(browserDecode.measure),
            "before = the string scan with the worker's natives (still the path of a patched state); UTF-8 bytes = a full state since issue 24.",
            '',
          ]
        : []),
      '## whole decode: SSE body -> base64 -> protobuf -> states -> mirror -> measure (analyzeExchanges)',
      decodeTable(decode, browserDecode),
      "JS = the core alone; +native = with what each host lends it: Node's Buffer in the CLI, Uint8Array.fromBase64 in the panel's worker (panel/worker/browser-natives.ts).",
      '',
      '## scale: analyzeExchanges on one exchange with a state of N MB',
      scaleTable(scale),
      '',
      '## summary',
      table(
        ['figure', 'value', 'target', ''],
        figures.map((f) => [f.name, f.value, f.target, verdict(f.pass)]),
      ),
      `${figures.filter((f) => f.pass).length}/${figures.length} figures on target. Total ${seconds.toFixed(0)} s.`,
      '',
    ].join('\n'),
  );
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
