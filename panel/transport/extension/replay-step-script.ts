/**
 * A Recorder step -> what the Mesop tab does in the inspected page to replay it: a script for
 * `inspectedWindow.eval`, a navigation, or a skip with its reason. The extension has no input
 * automation (that would need the debugger permission), so clicks and edits are DOM calls: a
 * click first blurs the focused field, as a real click does (Mesop sends an input's value on
 * blur). Selectors are tried in the recording's order, as Puppeteer Replay does: CSS, `xpath/`,
 * `pierce/` (as CSS), `text/` and `aria/` (name = aria-label, label or text; optional role).
 */
export type StepAction =
  | { kind: 'script'; code: string; label: string }
  | { kind: 'navigate'; url: string; label: string }
  | { kind: 'skip'; why: string; label: string };

/** Finds the step's element in the page; the script's value is the element or null. */
const FIND = `(selectors) => {
  const shown = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  // The accessible name, roughly: aria-label or a <label> first, the text only when neither names it.
  const labelled = (el, name) => [el.getAttribute('aria-label'), ...[...(el.labels || [])].map((l) => l.textContent)]
    .some((t) => (t || '').trim() === name);
  const texted = (el, name) => (el.textContent || '').trim() === name;
  const one = (sel) => {
    if (sel.startsWith('xpath/')) return document.evaluate(sel.slice(6), document, null, 9, null).singleNodeValue;
    if (sel.startsWith('pierce/')) return document.querySelector(sel.slice(7));
    if (sel.startsWith('text/')) {
      const text = sel.slice(5);
      return [...document.querySelectorAll('body *')].reverse().find((el) => shown(el) && (el.textContent || '').includes(text)) || null;
    }
    if (sel.startsWith('aria/')) {
      const m = /^(.*?)(?:\\[role="([^"]*)"\\])?$/.exec(sel.slice(5));
      const role = m[2];
      const pool = role ? document.querySelectorAll('[role="' + role + '"], ' + (role === 'button' ? 'button' : role === 'textbox' ? 'input, textarea' : '[role="' + role + '"]')) : document.querySelectorAll('body *');
      const name = m[1].trim();
      const els = [...pool].filter(shown);
      return els.find((el) => labelled(el, name)) || els.find((el) => texted(el, name)) || null;
    }
    return document.querySelector(sel);
  };
  for (const s of selectors) {
    const parts = Array.isArray(s) ? s : [s];
    if (parts.length !== 1) continue;
    try { const el = one(parts[0]); if (el) return el; } catch (e) { /* a selector this page cannot parse: try the next */ }
  }
  return null;
}`;

const withElement = (step: Record<string, unknown>, body: string): string =>
  `(() => { const el = (${FIND})(${JSON.stringify(step.selectors ?? [])});
  if (!el) return 'no element matched ' + ${JSON.stringify(JSON.stringify((step.selectors as unknown[] | undefined)?.[0] ?? null))};
  ${body}
  return 'ok'; })()`;

/**
 * A click blurs the field edited before (Mesop sends its value on blur). In a page without the
 * window's focus (DevTools has it) focus() and blur() fire no events, so the blur is dispatched
 * when the browser did not fire it; the field is the focused element, or the one the last change
 * step edited (kept on the page's window for the replay).
 */
const CLICK = `const prev = (document.activeElement !== document.body && document.activeElement) || window.__mesopDevtoolsReplayField;
  window.__mesopDevtoolsReplayField = undefined;
  if (prev && prev !== el && prev.isConnected) {
    let fired = false;
    const mark = () => { fired = true; };
    prev.addEventListener('blur', mark, { once: true });
    if (prev.blur) prev.blur();
    prev.removeEventListener('blur', mark);
    if (!fired) { prev.dispatchEvent(new FocusEvent('blur')); prev.dispatchEvent(new FocusEvent('focusout', { bubbles: true })); }
  }
  if (el.focus) el.focus();
  el.click();`;

export function stepAction(step: Record<string, unknown>): StepAction {
  const type = String(step.type);
  const first = Array.isArray(step.selectors) ? JSON.stringify(step.selectors[0]) : '';
  switch (type) {
    case 'navigate':
      return typeof step.url === 'string'
        ? { kind: 'navigate', url: step.url, label: `navigate ${step.url}` }
        : { kind: 'skip', why: 'no url', label: type };
    case 'click':
      return { kind: 'script', code: withElement(step, CLICK), label: `click ${first}` };
    case 'doubleClick':
      return {
        kind: 'script',
        code: withElement(
          step,
          `${CLICK} el.click(); el.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));`,
        ),
        label: `double-click ${first}`,
      };
    case 'hover':
      return {
        kind: 'script',
        code: withElement(
          step,
          `el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true })); el.dispatchEvent(new MouseEvent('mouseenter'));`,
        ),
        label: `hover ${first}`,
      };
    case 'change':
      return {
        kind: 'script',
        // The prototype's setter, so the framework's own value tracking sees the change.
        code: withElement(
          step,
          `const field = el.matches('input, textarea, select') ? el : el.querySelector('input, textarea, select');
  if (!field) return 'not a form field: ' + el.tagName;
  if (field.focus) field.focus();
  window.__mesopDevtoolsReplayField = field;
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : field instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value').set.call(field, ${JSON.stringify(String(step.value ?? ''))});
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));`,
        ),
        label: `change ${first} to ${JSON.stringify(step.value)}`,
      };
    case 'keyDown':
    case 'keyUp':
      return {
        kind: 'script',
        code: `(() => { (document.activeElement || document.body).dispatchEvent(new KeyboardEvent(${JSON.stringify(type === 'keyDown' ? 'keydown' : 'keyup')}, { key: ${JSON.stringify(String(step.key))}, bubbles: true })); return 'ok'; })()`,
        label: `${type} ${String(step.key)}`,
      };
    case 'waitForElement':
      return { kind: 'script', code: withElement(step, ''), label: `wait for ${first}` };
    case 'scroll':
      return {
        kind: 'script',
        code: `(() => { window.scrollTo(${Number(step.x ?? 0)}, ${Number(step.y ?? 0)}); return 'ok'; })()`,
        label: 'scroll',
      };
    case 'setViewport':
      return {
        kind: 'skip',
        why: "the viewport of a page with DevTools open is not the extension's to set",
        label: type,
      };
    default:
      return { kind: 'skip', why: `"${type}" steps are not replayed by the Mesop tab`, label: type };
  }
}
