import { keyPath } from '../../core';
import type { Action, Step, Target } from './flow-types';
import { describeAction, settlesByDefault, type Report } from './parse-steps';

/**
 * Chrome DevTools Recorder exports (Recorder panel > Export > JSON), converted to our steps by
 * hand rather than with @puppeteer/replay: that package needs the full `puppeteer` (and
 * `lighthouse`) as peers, which would download a second browser in CI. The subset here is what
 * the Recorder writes for a Mesop app: setViewport, navigate, click, doubleClick, hover, change,
 * keyDown/keyUp, waitForElement, waitForExpression, scroll. Steps keep their numbering, so an
 * error's "step N" is the Nth step of the recording. Unsupported: popups and iframes (`target`
 * other than "main", `frame`), `customStep`, `emulateNetworkConditions`, `close`.
 */
export function isRecording(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const r = raw as Record<string, unknown>;
  return (
    typeof r.title === 'string' &&
    Array.isArray(r.steps) &&
    r.steps.every((s) => typeof s === 'object' && s !== null && 'type' in s)
  );
}

/** A Recorder selector (`aria/Send`, `text/Send`, `xpath//..`, `pierce/#x`, CSS) -> a Puppeteer selector. */
function selectorOf(sel: unknown): string | undefined {
  const parts =
    typeof sel === 'string'
      ? [sel]
      : Array.isArray(sel) && sel.every((p) => typeof p === 'string')
        ? (sel as string[])
        : [];
  if (parts.length === 0) return undefined;
  const prefixed = /^(aria|text|xpath|pierce)\//;
  if (parts.length > 1) return parts.some((p) => prefixed.test(p)) ? undefined : parts.join(' >>> ');
  const s = parts[0]!;
  if (s.startsWith('aria/')) return `::-p-aria(${s.slice(5)})`;
  if (s.startsWith('text/')) return `::-p-text(${s.slice(5)})`;
  if (s.startsWith('xpath/')) return `::-p-xpath(${s.slice(6)})`;
  if (s.startsWith('pierce/')) return `pierce/${s.slice(7)}`;
  return s;
}

function targetOf(step: Record<string, unknown>): Target | undefined {
  const raw = Array.isArray(step.selectors) ? step.selectors : [];
  const selectors = raw.map(selectorOf).filter((s): s is string => !!s);
  if (selectors.length === 0) return undefined;
  return {
    selectors,
    describe: `selector ${JSON.stringify(selectors[0])}${selectors.length > 1 ? ` (+${selectors.length - 1} alternatives)` : ''}`,
  };
}

export function recordingSteps(raw: { steps: unknown[] }, path: string, report: Report): Step[] {
  const out: Step[] = [];
  raw.steps.forEach((item, i) => {
    const at = keyPath(keyPath(path, 'steps'), i);
    const s = item as Record<string, unknown>;
    if ((s.target !== undefined && s.target !== 'main') || s.frame !== undefined) {
      return report(
        at,
        `step ${i + 1} (${String(s.type)}) acts in another target or frame`,
        'only the main page is supported; re-record without popups/iframes',
      );
    }
    const action = actionOf(s);
    if (typeof action === 'string')
      return report(
        at,
        action,
        'supported: setViewport, navigate, click, doubleClick, hover, change, keyDown, keyUp, waitForElement, waitForExpression, scroll',
      );
    const timeoutMs = Number.isInteger(s.timeout) ? (s.timeout as number) : undefined;
    out.push({
      action,
      label: describeAction(action),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(action.kind === 'goto' ? { expectRequests: 1 } : {}),
      settle: settlesByDefault(action),
    });
  });
  return out;
}

function actionOf(s: Record<string, unknown>): Action | string {
  const target = () => targetOf(s);
  const noTarget = `step type "${String(s.type)}" has no usable selector`;
  switch (s.type) {
    case 'setViewport':
      return {
        kind: 'viewport',
        width: Number(s.width) || 1280,
        height: Number(s.height) || 720,
        deviceScaleFactor: Number(s.deviceScaleFactor) || 1,
        isMobile: !!s.isMobile,
        hasTouch: !!s.hasTouch,
        isLandscape: !!s.isLandscape,
      };
    case 'navigate': {
      // The recording was made against some other server; keep its path, use the app under test.
      if (typeof s.url !== 'string') return 'navigate step without "url"';
      try {
        const u = new URL(s.url);
        return { kind: 'goto', path: `${u.pathname}${u.search}${u.hash}` };
      } catch {
        return `navigate step has an invalid url ${JSON.stringify(s.url)}`;
      }
    }
    case 'click':
    case 'doubleClick': {
      const t = target();
      return t ? { kind: 'click', target: t, count: s.type === 'doubleClick' ? 2 : 1 } : noTarget;
    }
    case 'hover': {
      const t = target();
      return t ? { kind: 'hover', target: t } : noTarget;
    }
    case 'change': {
      const t = target();
      if (!t) return noTarget;
      return typeof s.value === 'string' ? { kind: 'type', target: t, text: s.value } : 'change step without "value"';
    }
    case 'keyDown':
    case 'keyUp':
      return typeof s.key === 'string' ? { kind: s.type, key: s.key } : `${s.type} step without "key"`;
    case 'waitForElement': {
      const t = target();
      return t ? { kind: 'waitForElement', target: t } : noTarget;
    }
    case 'waitForExpression':
      return typeof s.expression === 'string'
        ? { kind: 'waitForExpression', expression: s.expression }
        : 'waitForExpression step without "expression"';
    case 'scroll':
      return { kind: 'scroll', x: Number(s.x) || 0, y: Number(s.y) || 0 };
    default:
      return `unsupported Recorder step type "${String(s.type)}"`;
  }
}
