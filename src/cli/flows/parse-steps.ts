import { isAbsolute, resolve } from 'node:path';
import { didYouMean, keyPath } from '../../core';
import type { Action, Step, Target } from './flow-types';
import { targetFrom } from './targets';

export type Report = (path: string, message: string, fix: string) => void;

/**
 * The declarative step format, one action key per step plus options. The table below is the single
 * place that says which keys a step may have; anything else is an error naming the key path.
 */
const ACTIONS = {
  goto: ['timeoutMs', 'expectRequests'],
  click: ['timeoutMs', 'expectRequests', 'settle'],
  hover: ['timeoutMs', 'settle'],
  type: ['text', 'timeoutMs', 'expectRequests', 'settle'],
  press: ['on', 'timeoutMs', 'expectRequests', 'settle'],
  upload: ['file', 'timeoutMs', 'expectRequests', 'settle'],
  waitForIdle: ['timeoutMs', 'expectRequests'],
  waitFor: ['timeoutMs'],
  assertText: ['timeoutMs'],
} as const;
type ActionKey = keyof typeof ACTIONS;
const ACTION_KEYS = Object.keys(ACTIONS) as ActionKey[];

export const STEP_EXAMPLES =
  '{"goto": "/"}, {"click": "Send"}, {"type": {"selector": "input"}, "text": "Hi"}, {"press": "Enter"}, {"waitForIdle": true}';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseSteps(raw: unknown, path: string, baseDir: string, report: Report): Step[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    report(path, 'expected a non-empty array of steps', `e.g. [${STEP_EXAMPLES}]`);
    return [];
  }
  const steps: Step[] = [];
  raw.forEach((item, i) => {
    const step = parseStep(item, keyPath(path, i), baseDir, report);
    if (step) steps.push(step);
  });
  return steps;
}

function parseStep(raw: unknown, path: string, baseDir: string, report: Report): Step | undefined {
  if (!isObject(raw)) return void report(path, 'a step is an object with one action key', `e.g. ${STEP_EXAMPLES}`);
  const actions = Object.keys(raw).filter((k): k is ActionKey => (ACTION_KEYS as string[]).includes(k));
  if (actions.length !== 1) {
    const stray = Object.keys(raw).find((k) => !(ACTION_KEYS as string[]).includes(k));
    const guess = stray ? didYouMean(stray, ACTION_KEYS) : undefined;
    const msg = actions.length ? `a step has one action, found ${actions.join(' and ')}` : 'no action in this step';
    return void report(path, msg, `${guess ? `did you mean "${guess}"? ` : ''}actions: ${ACTION_KEYS.join(', ')}`);
  }
  const key = actions[0]!;
  const allowed: readonly string[] = ACTIONS[key];
  let ok = true;
  for (const k of Object.keys(raw)) {
    if (k === key || allowed.includes(k)) continue;
    const guess = didYouMean(k, [...allowed]);
    report(
      keyPath(path, k),
      `unknown option "${k}" for a ${key} step`,
      `${guess ? `did you mean "${guess}"? ` : ''}options: ${allowed.join(', ') || 'none'}`,
    );
    ok = false;
  }
  const fail = (sub: string, message: string, fix: string) => {
    report(sub, message, fix);
    ok = false;
  };
  const target = (v: unknown, sub: string): Target | undefined => {
    const t = targetFrom(v);
    if (typeof t === 'string')
      return void fail(sub, t, 'e.g. "Send", {"role": "button", "name": "Send"} or {"selector": "input"}');
    return t;
  };
  const num = (k: string): number | undefined => {
    const v = raw[k];
    if (v === undefined) return undefined;
    if (Number.isInteger(v) && (v as number) >= 0) return v as number;
    return void fail(keyPath(path, k), `expected a whole number >= 0, got ${JSON.stringify(v)}`, 'e.g. 5000');
  };
  const timeoutMs = num('timeoutMs');
  const expectRequests = num('expectRequests');
  if (raw.settle !== undefined && typeof raw.settle !== 'boolean')
    fail(keyPath(path, 'settle'), 'expected true or false', 'write "settle": false');
  const v = raw[key];
  const at = keyPath(path, key);
  let action: Action | undefined;
  switch (key) {
    case 'goto':
      if (typeof v === 'string' && v.startsWith('/')) action = { kind: 'goto', path: v };
      else fail(at, `expected a path starting with "/", got ${JSON.stringify(v)}`, 'e.g. {"goto": "/chat"}');
      break;
    case 'click':
    case 'hover': {
      const t = target(v, at);
      if (t) action = key === 'click' ? { kind: 'click', target: t, count: 1 } : { kind: 'hover', target: t };
      break;
    }
    case 'type': {
      const t = target(v, at);
      if (typeof raw.text !== 'string')
        fail(
          keyPath(path, 'text'),
          'a type step needs "text"',
          'e.g. {"type": {"selector": "input"}, "text": "Hello"}',
        );
      else if (t) action = { kind: 'type', target: t, text: raw.text };
      break;
    }
    case 'press': {
      const on = raw.on === undefined ? undefined : target(raw.on, keyPath(path, 'on'));
      if (typeof v !== 'string' || !v) fail(at, 'expected a key name', 'e.g. {"press": "Enter"} (Puppeteer key names)');
      else action = { kind: 'press', key: v, ...(on ? { target: on } : {}) };
      break;
    }
    case 'upload': {
      const t = target(v, at);
      const files =
        typeof raw.file === 'string'
          ? [raw.file]
          : Array.isArray(raw.file) && raw.file.every((f) => typeof f === 'string')
            ? (raw.file as string[])
            : undefined;
      if (!files?.length)
        fail(
          keyPath(path, 'file'),
          'an upload step needs "file" (a path or a list of paths)',
          'e.g. {"upload": {"selector": "input[type=file]"}, "file": "fixtures/cat.png"}',
        );
      else if (t)
        action = { kind: 'upload', target: t, files: files.map((f) => (isAbsolute(f) ? f : resolve(baseDir, f))) };
      break;
    }
    case 'waitForIdle':
      if (v === true) action = { kind: 'waitForIdle' };
      else fail(at, 'expected true', 'write {"waitForIdle": true, "timeoutMs": 30000}');
      break;
    case 'waitFor': {
      const t = target(v, at);
      if (t) action = { kind: 'waitForElement', target: t };
      break;
    }
    case 'assertText':
      if (typeof v === 'string' && v) action = { kind: 'assertText', text: v };
      else fail(at, 'expected the text the page must show', 'e.g. {"assertText": "You said"}');
      break;
  }
  if (!ok || !action) return undefined;
  return {
    action,
    label: describeAction(action),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(expectRequests !== undefined ? { expectRequests } : {}),
    settle: typeof raw.settle === 'boolean' ? raw.settle : settlesByDefault(action),
  };
}

/**
 * Actions that can make Mesop send an event are followed by a wait until it is idle. Typing is not:
 * Mesop inputs send on blur (or debounced on_input), so the traffic belongs to the next action and
 * is waited for there; a wait after every keystroke would only add quiet windows.
 */
export function settlesByDefault(a: Action): boolean {
  return !['type', 'waitForElement', 'assertText', 'viewport', 'keyDown', 'hover', 'waitForExpression'].includes(
    a.kind,
  );
}

export function describeAction(a: Action): string {
  switch (a.kind) {
    case 'goto':
      return `goto ${a.path}`;
    case 'click':
      return `${a.count === 2 ? 'double-click' : 'click'} ${a.target.describe}`;
    case 'hover':
      return `hover ${a.target.describe}`;
    case 'type':
      return `type ${JSON.stringify(a.text.length > 30 ? `${a.text.slice(0, 30)}…` : a.text)} into ${a.target.describe}`;
    case 'press':
      return `press ${a.key}${a.target ? ` on ${a.target.describe}` : ''}`;
    case 'keyDown':
      return `key down ${a.key}`;
    case 'keyUp':
      return `key up ${a.key}`;
    case 'upload':
      return `upload ${a.files.length} file(s) into ${a.target.describe}`;
    case 'waitForIdle':
      return 'wait for idle';
    case 'waitForElement':
      return `wait for ${a.target.describe}`;
    case 'waitForExpression':
      return 'wait for expression';
    case 'assertText':
      return `assert text ${JSON.stringify(a.text)}`;
    case 'viewport':
      return `viewport ${a.width}x${a.height}`;
    case 'scroll':
      return `scroll to ${a.x},${a.y}`;
  }
}
