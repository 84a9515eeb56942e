import browser from 'webextension-polyfill';
import { HOOK_BACKLOG_DEFAULTS, HOOK_BACKLOG_KEY, type HookBacklogLimits } from '../../../src/extension/protocol';
import { debugHook } from '../../debug-hook';
import { CaptureStore } from './capture-store';
import { evalAnswer } from './devtools-answers';
import { PortDevTransport } from './dev-transport';
import { registerRecorderPlugin } from './recorder-plugin';
import { ExtensionPerformanceTrack } from './performance-track';
import { ExtensionSiteAccess } from './site-access';
import { localStore, type CaptureSnapshot, type PanelTransport, type RecorderSide } from '../transport';

/**
 * The panel inside DevTools: both capture paths (page hook over the content relay's port, and
 * devtools.network), merged by the core (docs/extension-capture.md), and the dev-mode port. This
 * folder is the only panel code that talks to the browser, through webextension-polyfill's
 * `browser.*` (Chrome and Firefox alike). Settings live in the panel page's localStorage, so the
 * extension needs no "storage" permission.
 */
export class ExtensionTransport implements PanelTransport {
  readonly kind = 'extension';
  /** Updated by `followTheme` when DevTools switches its theme while the panel is open. */
  theme: 'light' | 'dark' = themeOf(browser.devtools.panels.themeName);
  readonly workerUrl = 'analysis-worker.js';
  readonly storage = localStore();
  readonly dev = new PortDevTransport(browser.devtools.inspectedWindow.tabId);
  readonly siteAccess = new ExtensionSiteAccess();
  readonly performanceTrack = new ExtensionPerformanceTrack();
  readonly #store = new CaptureStore(browser.devtools.inspectedWindow.tabId);
  readonly #navigations: number[] = [];
  readonly #startedAt = Date.now();

  #onChange: (snapshot: CaptureSnapshot) => void = () => undefined;
  #started = false;

  /** Idempotent: a re-mounted panel view (after an error) takes over the running capture. */
  start(onChange: (snapshot: CaptureSnapshot) => void): void {
    this.#onChange = onChange;
    const emit = () => this.#onChange(this.#snapshot());
    if (this.#started) {
      emit();
      return;
    }
    this.#started = true;
    if (debugHook) debugHook.capture = this.#store;
    this.#store.subscribe(emit);
    browser.devtools.network.onNavigated.addListener(() => this.#recordNavigation(Date.now(), emit));
    this.#store.start();
    emit();
  }

  /**
   * The navigation time is the new document's own time origin: onNavigated can reach the panel
   * after the new page's first Mesop request was captured (its arrival time would hide that
   * `init`), it fires again for same-document URL changes, and an eval made while the new page is
   * still starting can fail. So: retry the eval for a while, and record a boundary only when the
   * document really changed (a new time origin). Falling back to the arrival time would hide
   * events, so when the page never answers no boundary is recorded at all (rows stay visible).
   */
  #recordNavigation(arrived: number, emit: () => void, attempt = 0): void {
    const retry = () => {
      if (attempt < 20) setTimeout(() => this.#recordNavigation(arrived, emit, attempt + 1), 100);
    };
    // Chrome rejects on an exception in the page; Firefox resolves with it (devtools-answers.ts).
    browser.devtools.inspectedWindow.eval('performance.timeOrigin').then((answer: unknown) => {
      const { result, error } = evalAnswer(answer);
      if (typeof result !== 'number' || error?.isException || error?.isError) {
        retry();
        return;
      }
      const boundary = Math.min(result, arrived);
      if (this.#navigations.at(-1) === boundary) return; // same document: a URL change, not a new page
      this.#navigations.push(boundary);
      // A new page says hello only if it has the hook. When none spoke within a second, ask the
      // page, so one without the hook (a site whose full capture was just removed) is told apart
      // from a quiet one (hook-source.ts sets `error`); asking at once could come before the
      // page's content scripts ran.
      const heard = this.#store.hook.received;
      setTimeout(() => {
        if (this.#store.hook.received === heard) this.#store.hook.connect();
      }, ASK_NEW_PAGE_AFTER_MS);
      emit();
    }, retry);
  }

  /**
   * Calls `onChange` after DevTools switched theme, which each browser announces its own way:
   * Firefox with the event `devtools.panels.onThemeChanged`, Chrome 99+ with
   * `setThemeChangeHandler` (no polyfill equivalent). Both feature-detected: otherwise the panel
   * keeps the theme it was opened with.
   */
  followTheme(onChange: () => void): void {
    const follow = (name: string) => {
      this.theme = themeOf(name);
      onChange();
    };
    if (browser.devtools.panels.onThemeChanged) browser.devtools.panels.onThemeChanged.addListener(follow);
    // eslint-disable-next-line no-restricted-globals -- Chrome-only API, not in webextension-polyfill
    else if (typeof chrome !== 'undefined') chrome.devtools?.panels?.setThemeChangeHandler?.(follow);
  }

  keepEvents = (events: number): void => this.#store.keepEvents(events);

  #recorderRegistered = false;
  registerRecorder = (side: RecorderSide): void => {
    if (this.#recorderRegistered) return;
    this.#recorderRegistered = true;
    registerRecorderPlugin(side, browser.devtools.inspectedWindow.tabId, {
      evaluate: async (code) => {
        const { result, error } = evalAnswer(await browser.devtools.inspectedWindow.eval(code));
        if (error?.isException || error?.isError) throw error;
        return result;
      },
      capture: () => ({ lastSeq: this.#store.log.lastSeq, inFlight: this.#store.inFlight }),
    });
  };

  /**
   * The page backlog's cap lives in storage.local, where each page's relay reads it at start and
   * hears it change (content-relay.ts); written only when it differs, so opening a panel is silent.
   */
  pageBacklog = (mb: number): void => {
    const limits: HookBacklogLimits = { ...HOOK_BACKLOG_DEFAULTS, maxChars: mb * 1024 * 1024 };
    void browser.storage.local.get(HOOK_BACKLOG_KEY).then(
      (stored) => {
        const now = stored[HOOK_BACKLOG_KEY] as Partial<HookBacklogLimits> | undefined;
        const same = now
          ? now.maxChars === limits.maxChars && now.maxEvents === limits.maxEvents
          : mb * 1024 * 1024 === HOOK_BACKLOG_DEFAULTS.maxChars;
        if (!same) return browser.storage.local.set({ [HOOK_BACKLOG_KEY]: limits });
        return undefined;
      },
      () => undefined,
    );
  };

  reloadPage = (): void => {
    void browser.devtools.inspectedWindow.reload({});
  };

  #snapshot(): CaptureSnapshot {
    const { hook, network } = this.#store;
    return {
      log: this.#store.log,
      inFlight: this.#store.inFlight,
      page: hook.page,
      navigations: [...this.#navigations],
      hookError: hook.error,
      dropped: hook.dropped,
      sizesOnly: hook.sizesOnly,
      droppedStarts: this.#store.droppedStarts,
      panelStartedAt: this.#startedAt,
      entriesBeforePanel: network.entriesBeforePanel,
    };
  }
}

/** How long a new page has to say hello before the panel asks it whether it has the hook. */
const ASK_NEW_PAGE_AFTER_MS = 1_000;

/** DevTools names its light theme "default". */
const themeOf = (name: string): 'light' | 'dark' => (name === 'dark' ? 'dark' : 'light');
