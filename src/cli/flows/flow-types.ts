import type { Page } from 'puppeteer-core';
import type { Capture } from '../capture';

/**
 * A flow after loading: a name and either steps (declarative JSON or a converted Chrome DevTools
 * Recorder export) or a JS module's function. Every flow runs in a fresh browser context, so each
 * run is a new Mesop session.
 */
export type Flow = StepsFlow | ModuleFlow;

interface FlowBase {
  name: string;
  /** Where it came from, for messages: `mesop-devtools.config.json flows[0]`, `flows/chat.js`. */
  source: string;
  /** Path opened first, unless the first step navigates itself (default `/`). */
  start: string;
  /** Default wait for an element, per step (ms). */
  timeoutMs: number;
}

export interface StepsFlow extends FlowBase {
  kind: 'steps';
  steps: Step[];
}

export interface ModuleFlow extends FlowBase {
  kind: 'module';
  file: string;
  run: FlowFunction;
}

/** Where to act: Puppeteer selectors raced against each other (a Recorder step lists several). */
export interface Target {
  selectors: string[];
  /** As the user wrote it, for messages: `text "Send"`, `selector "#x"`. */
  describe: string;
}

export type Action =
  | { kind: 'goto'; path: string }
  | { kind: 'click'; target: Target; count: 1 | 2 }
  | { kind: 'hover'; target: Target }
  | { kind: 'type'; target: Target; text: string }
  | { kind: 'press'; key: string; target?: Target }
  | { kind: 'keyDown'; key: string }
  | { kind: 'keyUp'; key: string }
  | { kind: 'upload'; target: Target; files: string[] }
  | { kind: 'waitForIdle' }
  | { kind: 'waitForElement'; target: Target }
  | { kind: 'waitForExpression'; expression: string }
  | { kind: 'assertText'; text: string }
  | {
      kind: 'viewport';
      width: number;
      height: number;
      deviceScaleFactor: number;
      isMobile: boolean;
      hasTouch: boolean;
      isLandscape: boolean;
    }
  | { kind: 'scroll'; x: number; y: number };

export interface Step {
  action: Action;
  /** One line for progress and errors: `click text "Send"`. */
  label: string;
  timeoutMs?: number;
  /** UI requests the step must cause before it counts as settled (default 0; 1 for goto). */
  expectRequests?: number;
  /** Wait until Mesop is idle after the action (default: yes for actions that can send events). */
  settle: boolean;
}

/** What a JS module flow receives. */
export interface FlowContext {
  page: Page;
  capture: Capture;
  /** The app's origin, e.g. `http://127.0.0.1:43211`. */
  origin: string;
  /** Opens a path of the app and waits until Mesop's init settled. */
  goto(path: string): Promise<void>;
  /** Waits until no /__ui__ request is in flight and the network was quiet (not a sleep). */
  waitForIdle(options?: { expectRequests?: number; timeoutMs?: number }): Promise<void>;
  /** Runs an action, then waits until the Mesop traffic it caused settled. */
  settle(action: () => Promise<unknown>, options?: { expectRequests?: number; timeoutMs?: number }): Promise<void>;
}

export type FlowFunction = (ctx: FlowContext) => Promise<unknown> | unknown;
