/**
 * The panel's analysis worker (a thin entry): decode + measure + advise off the DevTools main
 * thread. Each exchange is analysed once, when it arrives (append); the report for the panel is
 * rebuilt at most every MIN_INTERVAL_MS, and never sooner after the last one than twice what that
 * one took, so a long session costs the worker at most a third of its time in reports (on a
 * 2-core machine the rest is the page's and DevTools'), and a burst of events costs one report.
 * This timer is the one that paces the panel's redraws (docs/architecture.md): the panel renders
 * when a view comes, and a change of its status line alone (a request started) waits for a `tick`
 * from the same timer, which costs no report.
 */
import { useHostNatives } from '../../src/core';
import { renderExport } from '../export/render-export';
import { AnalysisEngine } from './analysis-engine';
import { browserNatives } from './browser-natives';
import type { FromWorker, ToWorker } from './messages';
import { version } from '../../package.json';

useHostNatives(browserNatives());
const engine = new AnalysisEngine(version);
const MIN_INTERVAL_MS = 250;
let epoch = 0;
let scheduled = false;
/** Whether the scheduled run owes the panel a new report (else a tick will do). */
let viewDue = false;
let lastEnd = 0;
let lastMs = 0;
const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);

function analyzeSoon(): void {
  viewDue = true;
  paceRedraw();
}

function paceRedraw(): void {
  if (scheduled) return;
  scheduled = true;
  const wait = Math.max(0, Math.min(2000, Math.max(MIN_INTERVAL_MS, 2 * lastMs)) - (performance.now() - lastEnd));
  setTimeout(() => {
    scheduled = false;
    if (!viewDue) {
      post({ type: 'tick' });
      return;
    }
    viewDue = false;
    const t0 = performance.now();
    try {
      post({ type: 'analysis', epoch, view: engine.view() });
    } catch (e) {
      post({ type: 'error', epoch, message: String(e instanceof Error ? e.message : e) });
    }
    lastEnd = performance.now();
    lastMs = lastEnd - t0;
  }, wait);
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  try {
    switch (msg.type) {
      case 'reset':
        epoch = msg.epoch;
        engine.reset(msg.exchanges, msg.source);
        analyzeSoon();
        break;
      case 'append':
        engine.append(msg.exchanges);
        analyzeSoon();
        break;
      case 'drop':
        engine.dropThrough(msg.through);
        analyzeSoon();
        break;
      case 'import-har':
        epoch = msg.epoch;
        engine.importHar(msg.text, msg.name);
        analyzeSoon();
        break;
      case 'settings':
        engine.setSettings(msg.settings);
        if (engine.events) analyzeSoon();
        break;
      case 'status':
        paceRedraw();
        break;
      case 'detail':
        post({ type: 'detail', requestId: msg.requestId, detail: engine.detail(msg.eventIndex) });
        break;
      case 'export': {
        const report = msg.report ?? engine.fullReport();
        const values = msg.includeValues && !msg.report ? engine.stateValues() : undefined;
        post({ type: 'export', requestId: msg.requestId, ...renderExport(msg.format, report, values) });
        break;
      }
    }
  } catch (e) {
    const requestId = 'requestId' in msg ? msg.requestId : undefined;
    post({
      type: 'error',
      epoch: 'epoch' in msg ? msg.epoch : undefined,
      requestId,
      message: String(e instanceof Error ? e.message : e),
    });
  }
};
