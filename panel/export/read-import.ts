import { REPORT_SCHEMA, type PayloadReport } from '../../src/core';

export type Imported = { kind: 'report'; report: PayloadReport } | { kind: 'har'; text: string };

/**
 * Tells an exported report from a HAR by its content, not its file name. Only a report is parsed
 * here (it is small); a HAR can be hundreds of MB, so it goes to the worker unparsed and the worker
 * reports what is wrong with it. A report of a newer version is refused rather than misread.
 */
export function classifyImport(text: string): Imported {
  const head = text.slice(0, 4096);
  if (head.includes(REPORT_SCHEMA)) {
    let value: { schema?: unknown; version?: unknown };
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new Error(`not JSON: ${(e as Error).message}`);
    }
    if (value.schema !== REPORT_SCHEMA) throw new Error('not a Mesop DevTools payload report');
    if (value.version !== 1)
      throw new Error(`report version ${String(value.version)} is newer than this panel understands (1)`);
    return { kind: 'report', report: value as unknown as PayloadReport };
  }
  if (/"log"\s*:/.test(head)) return { kind: 'har', text };
  throw new Error('neither a HAR file (no "log") nor a Mesop DevTools payload report');
}
