/**
 * The panel's analysis worker (a thin entry): decode + measure + advise off the DevTools main
 * thread. Requests are coalesced: while one analysis runs, newer exchanges queue up and the next
 * analysis covers all of them, so a burst of events costs one re-analysis, not one per event.
 */
import { renderExport } from '../export/render-export';
import { AnalysisEngine } from './analysis-engine';
import type { FromWorker, ToWorker } from './messages';
import { version } from '../../package.json';

const engine = new AnalysisEngine(version);
let generation = 0;
let scheduled = false;
const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);

function analyzeSoon(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    try { post({ type: 'analysis', generation, view: engine.view() }); }
    catch (e) { post({ type: 'error', generation, message: String(e instanceof Error ? e.message : e) }); }
  }, 0);
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  try {
    switch (msg.type) {
      case 'reset': generation = msg.generation; engine.reset(msg.exchanges, msg.source); analyzeSoon(); break;
      case 'append': generation = msg.generation; engine.append(msg.exchanges); analyzeSoon(); break;
      case 'import-har': generation = msg.generation; engine.importHar(msg.text, msg.name); analyzeSoon(); break;
      case 'settings': engine.setSettings(msg.settings); if (engine.analysis || engine.exchanges.length) analyzeSoon(); break;
      case 'detail': post({ type: 'detail', requestId: msg.requestId, detail: engine.detail(msg.eventIndex) }); break;
      case 'export': {
        const report = msg.report ?? engine.report ?? engine.view().report;
        const values = msg.includeValues && !msg.report ? engine.stateValues() : undefined;
        post({ type: 'export', requestId: msg.requestId, ...renderExport(msg.format, report, values) });
        break;
      }
    }
  } catch (e) {
    const requestId = 'requestId' in msg ? msg.requestId : undefined;
    post({ type: 'error', generation: 'generation' in msg ? msg.generation : undefined, requestId, message: String(e instanceof Error ? e.message : e) });
  }
};
