/**
 * Mesop's start-up line `Running server on: http://localhost:<port>` names its internal port,
 * which bypasses the dev proxy (no marker, no backend switch, no Host check). In the terminal it
 * is relabelled so that the proxy URL, printed after it, is the one URL a user sees. Mesop prints
 * it with one print() call (mesop/server/logging.py), so it arrives whole in one chunk.
 */
const MESOP_URL_LINE = /Running server on: http:\/\/localhost:(\d+)/g;

export function relabelMesopOutput(text: string): string {
  return text.replace(MESOP_URL_LINE, 'Mesop runs on internal port $1 (not for the browser: open the URL below)');
}
