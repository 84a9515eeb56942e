/**
 * Jest's stand-in for `webextension-polyfill` (jest.config.js, moduleNameMapper): the real
 * polyfill, wrapped around whatever fake `globalThis.chrome` the test installed (with callbacks,
 * as Chrome has them), and wrapped again when a test installs another. The real polyfill reads
 * `chrome` once, when it is loaded, and throws outside an extension: loading it lazily lets the
 * panel's transport modules be imported by unit tests, and runs their `browser.*` calls through
 * the same promise wrappers as in Chrome.
 */
/* global jest */
let wrappedFor;
let wrapped;
module.exports = new Proxy(
  {},
  {
    get(_target, prop) {
      if (typeof prop !== 'string' || prop === '__esModule') return undefined; // module interop probes
      const chrome = globalThis.chrome;
      if (!chrome) throw new Error(`browser.${String(prop)}: the test installed no fake globalThis.chrome`);
      if (chrome !== wrappedFor) {
        jest.isolateModules(() => {
          wrapped = require('webextension-polyfill/dist/browser-polyfill.js');
        });
        wrappedFor = chrome;
      }
      return wrapped[prop];
    },
  },
);
