import { formatConfigError } from '../../../src/core/config/config-error';
import { validateConfig } from '../../../src/core/config/validate-config';

const FILE = 'mesop-devtools.config.json';
const errorsOf = (raw: unknown) => {
  const r = validateConfig(raw, { file: FILE });
  return r.ok ? [] : r.errors.map(formatConfigError);
};

describe('validateConfig', () => {
  it('accepts a full config and normalizes sizes', () => {
    const r = validateConfig(
      {
        $schema: './schema.json',
        deployment: 'multi-process',
        advice: {
          thresholds: { stateUploadWarn: '50 kB', growthHorizonEvents: 20, componentTreeShare: 0.4 },
          rules: { 'heavy-component-tree': 'off' },
        },
        budgets: {
          preset: 'recommended',
          aggregate: 'max',
          assertions: {
            'request-bytes': ['error', { max: '250 kB' }],
            'event-count': ['warn', { max: 40 }],
            'response-bytes': 'off',
          },
          fields: { 'history[*].content': ['warn', { max: '10 KiB', of: 'total' }] },
          scopes: [{ page: '/chat', handler: 'on_send', assertions: { 'upload-state-bytes': 'error' } }],
        },
        app: { command: 'mesop main.py --port {port}' },
        flows: [],
      },
      { file: FILE },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.deployment).toBe('multi-process');
    expect(r.config.advice).toEqual({
      thresholds: { stateUploadWarn: 50_000, growthHorizonEvents: 20, componentTreeShare: 0.4 },
      disabledRules: ['heavy-component-tree'],
    });
    expect(r.config.budgets!.assertions['request-bytes']).toEqual({ level: 'error', max: 250_000 });
    expect(r.config.budgets!.fields['history[*].content']).toEqual({ level: 'warn', max: 10_240, of: 'total' });
    expect(r.config.budgets!.scopes[0]).toEqual({
      page: '/chat',
      handler: 'on_send',
      assertions: { 'upload-state-bytes': { level: 'error' } },
      fields: {},
    });
    expect(r.config.app).toEqual({ command: 'mesop main.py --port {port}' });
  });

  it('"maxx" names the key path and suggests "max"', () => {
    expect(errorsOf({ budgets: { assertions: { 'request-bytes': ['error', { maxx: '250 kB' }] } } })).toEqual([
      `${FILE}: budgets.assertions.request-bytes[1].maxx: unknown option "maxx" (did you mean "max"? valid options: max, maxIncrease)`,
      `${FILE}: budgets.assertions.request-bytes[1]: missing "max" or "maxIncrease" (write ["error", {"max": "250 kB"}], or ["error", {"maxIncrease": "10%"}] to compare with --baseline)`,
    ]);
  });

  it('an unknown metric names the path, the closest metric and every valid one', () => {
    const [error] = errorsOf({ budgets: { assertions: { 'request-byte': 'error' } } });
    expect(error).toContain(`${FILE}: budgets.assertions.request-byte: unknown key "request-byte"`);
    expect(error).toContain('did you mean "request-bytes"?');
    expect(error).toContain(
      'valid keys: request-bytes, upload-state-bytes, response-bytes, download-state-bytes, component-bytes, mirrored-state-bytes, total-request-bytes',
    );
  });

  it('"250 kb" names the path and the valid units', () => {
    expect(errorsOf({ budgets: { assertions: { 'request-bytes': ['warn', { max: '250 kb' }] } } })).toEqual([
      `${FILE}: budgets.assertions.request-bytes[1].max: unknown size unit "kb" in "250 kb" (did you mean "250 kB"? valid units: B, kB, MB, GB, KiB, MiB, GiB (case matters: kB = 1000 bytes, KiB = 1024))`,
    ]);
  });

  it('a misspelled level, top-level key, deployment and threshold are each named with a fix', () => {
    expect(errorsOf({ budgets: { assertions: { 'request-bytes': 'eror' } } })[0]).toBe(
      `${FILE}: budgets.assertions.request-bytes: "eror" is not a budget level (did you mean "error"? use one of: off, warn, error, or ["error", {"max": "250 kB"}])`,
    );
    expect(errorsOf({ budget: {} })[0]).toBe(
      `${FILE}: budget: unknown key "budget" (did you mean "budgets"? valid keys: $schema, deployment, backend, advice, budgets, app, flows, measured)`,
    );
    expect(errorsOf({ deployment: 'multi-instances' })[0]).toContain('did you mean "multi-instance"?');
    expect(errorsOf({ advice: { thresholds: { blobWarn: '50 KB' } } })[0]).toContain(
      'advice.thresholds.blobWarn: unknown size unit "KB"',
    );
  });

  it('field budgets need a max and a well-formed glob; the path quotes the glob', () => {
    expect(errorsOf({ budgets: { fields: { 'messages[*].content': 'warn' } } })[0]).toBe(
      `${FILE}: budgets.fields["messages[*].content"]: a field budget needs a max (write ["warn", {"max": "50 kB"}])`,
    );
    expect(errorsOf({ budgets: { fields: { 'messages[*.content': ['warn', { max: 10 }] } } })[0]).toContain(
      'unbalanced brackets',
    );
  });

  it('checks only the shape of the reserved app and flows keys', () => {
    expect(errorsOf({ app: 'mesop main.py' })[0]).toBe(
      `${FILE}: app: expected an object, got "mesop main.py" (see the mesop-devtools check documentation)`,
    );
    expect(errorsOf({ flows: {} })[0]).toContain('flows: expected an array');
  });

  it('names the package.json key as the root of paths', () => {
    const r = validateConfig(
      { budgets: { presett: 'recommended' } },
      { file: 'package.json', rootPath: 'mesop-devtools' },
    );
    expect(r.ok ? '' : formatConfigError(r.errors[0]!)).toBe(
      'package.json: mesop-devtools.budgets.presett: unknown key "presett" (did you mean "preset"? valid keys: preset, aggregate, assertions, fields, scopes)',
    );
  });
});
