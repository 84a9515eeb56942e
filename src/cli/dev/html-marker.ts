import { DEV_CONTROL_PREFIX, DEV_CONTROL_VERSION, DEV_META_NAME } from '../../core';

/**
 * The tag that tells the extension "this page is served by `mesop-devtools dev`" and hands it the
 * per-run secret. Scripts of this origin and content scripts can read it; a page of another
 * origin cannot (same-origin policy), and the Host check keeps DNS-rebinding pages from fetching
 * it as "same origin". The secret is base64url, so it needs no HTML escaping.
 */
export function markerTag(secret: string): string {
  return `<meta name="${DEV_META_NAME}" content="${DEV_CONTROL_VERSION}" data-control="${DEV_CONTROL_PREFIX}" data-secret="${secret}">`;
}

/** Inserts the marker right after `<head ...>` (or at the very start when there is no head). */
export function injectMarker(html: string, secret: string): string {
  const tag = markerTag(secret);
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return tag + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + tag + html.slice(at);
}

/**
 * Only whole documents get the marker. Flask labels every plain `Response(...)` text/html, so
 * the content type alone is not enough: the hot-reload long poll answers the counter ("1") as
 * text/html, and Mesop's client would read a marked answer as a broken counter.
 */
export function looksLikeDocument(html: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html)[\s>]/i.test(html);
}
