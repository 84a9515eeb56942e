import { checkReportFromPayload, type PayloadReport, renderHtml, renderMarkdown } from '../../src/core';
import type { ExportFormat } from '../worker/messages';

export interface RenderedExport {
  text: string;
  mime: string;
  extension: string;
}

/**
 * One exported file, with the core's renderers (the same the CLI uses). State values are never in
 * a report; with `stateValues` (the user ticked "include state values") the JSON report gets them
 * as an additional top-level key, which report v1 allows (additive). Cookies and headers are never
 * captured by the panel in the first place.
 */
export function renderExport(format: ExportFormat, report: PayloadReport, stateValues?: string[]): RenderedExport {
  switch (format) {
    case 'json': {
      const body = stateValues ? { ...report, stateValues } : report;
      return { text: `${JSON.stringify(body, null, 2)}\n`, mime: 'application/json', extension: 'json' };
    }
    case 'md':
      return { text: renderMarkdown(checkReportFromPayload(report)), mime: 'text/markdown', extension: 'md' };
    case 'html':
      return { text: renderHtml(checkReportFromPayload(report)), mime: 'text/html', extension: 'html' };
  }
}
