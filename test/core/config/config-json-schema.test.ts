// The generated JSON Schema (what editors check a config with) must agree with validateConfig
// (what the CLI checks it with): same verdict on every config below. The schema is checked by a
// real JSON Schema validator (ajv), not by reading our own generator back.
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_THRESHOLDS } from '../../../src/core/advise/advice-config';
import { configJsonSchema } from '../../../src/core/config/config-json-schema';
import { METRIC_IDS } from '../../../src/core/budget/metrics';
import { validateConfig } from '../../../src/core/config/validate-config';

const root = join(__dirname, '../../..');
const ciExample = JSON.parse(readFileSync(join(root, 'docs/ci-example/mesop-devtools.config.json'), 'utf8'));
const schema = configJsonSchema('test');
const ajv = new Ajv({ allErrors: true, strict: true });
const schemaAccepts = ajv.compile(schema);

const withBudgets = (budgets: unknown) => ({ budgets });

const VALID: [string, unknown][] = [
  ['docs/ci-example config', ciExample],
  ['empty config', {}],
  ['a $schema reference', { $schema: './node_modules/mesop-devtools/dist/mesop-devtools.config.schema.json' }],
  ['bare levels borrow the preset', withBudgets({ assertions: { 'request-bytes': 'error', 'event-count': 'off' } })],
  [
    'sizes in every unit and as bytes',
    withBudgets({
      assertions: {
        'request-bytes': ['error', { max: '1.5 MB' }],
        'response-bytes': ['warn', { max: '512KiB' }],
        'component-bytes': ['warn', { max: 20000 }],
        'upload-state-bytes': ['warn', { max: '.5 GB' }],
      },
    }),
  ],
  [
    'field budget each/total and off',
    withBudgets({ fields: { '**.image': ['error', { max: '50 kB', of: 'each' }], 'a["my key"]': 'off' } }),
  ],
  [
    'scopes',
    withBudgets({ scopes: [{ page: '/chat/*', handler: 'on_send', assertions: { 'request-bytes': 'warn' } }] }),
  ],
  [
    'budgets relative to the baseline',
    withBudgets({
      assertions: {
        'request-bytes': ['error', { maxIncrease: '10%' }],
        'response-bytes': ['warn', { max: '1 MB', maxIncrease: '+5 kB' }],
        'server-errors': ['error', { maxIncrease: 0 }],
        'event-count': ['warn', { maxIncrease: '+2' }],
      },
      fields: { '**.history': ['warn', { maxIncrease: '2.5 %' }] },
    }),
  ],
  [
    'advice thresholds and rules',
    { deployment: 'multi-instance', advice: { thresholds: { stateUploadWarn: '200 kB' } } },
  ],
];

const INVALID: [string, unknown][] = [
  ['an unknown top-level key', { ...ciExample, budget: {} }],
  ['an unknown metric', withBudgets({ assertions: { 'request-byte': 'error' } })],
  ['a wrong type: budgets as a string', { budgets: 'recommended' }],
  [
    'an increase that is neither a share nor an amount',
    withBudgets({ assertions: { 'request-bytes': ['error', { maxIncrease: 'ten' }] } }),
  ],
  [
    'an increase in the wrong size unit',
    withBudgets({ assertions: { 'request-bytes': ['error', { maxIncrease: '+5 kb' }] } }),
  ],
  [
    'a count increase that is not whole',
    withBudgets({ assertions: { 'event-count': ['error', { maxIncrease: 1.5 }] } }),
  ],
  ['options with neither max nor maxIncrease', withBudgets({ assertions: { 'request-bytes': ['error', {}] } })],
  ['a wrong type: max as a boolean', withBudgets({ assertions: { 'request-bytes': ['error', { max: true }] } })],
  ['a size unit in the wrong case', withBudgets({ assertions: { 'request-bytes': ['error', { max: '250 KB' }] } })],
  ['a negative size', withBudgets({ assertions: { 'request-bytes': ['error', { max: -1 }] } })],
  ['a count that is not whole', withBudgets({ assertions: { 'event-count': ['warn', { max: 2.5 }] } })],
  ['a count given as a size', withBudgets({ assertions: { 'event-count': ['warn', { max: '20 kB' }] } })],
  ['an unknown level', withBudgets({ assertions: { 'request-bytes': 'fatal' } })],
  ['an assertion without max', withBudgets({ assertions: { 'request-bytes': ['error', {}] } })],
  ['an unknown assertion option', withBudgets({ assertions: { 'request-bytes': ['error', { max: 1, of: 'each' }] } })],
  ['a field budget without max', withBudgets({ fields: { 'history[*].content': 'error' } })],
  ['a field glob with unbalanced brackets', withBudgets({ fields: { 'history[*.content': ['error', { max: 1 }] } })],
  ['a field glob with nested brackets', withBudgets({ fields: { 'a[[0]]': ['error', { max: 1 }] } })],
  ['a field glob with spaces around it', withBudgets({ fields: { ' history ': ['error', { max: 1 }] } })],
  ['an unknown preset', withBudgets({ preset: 'strict' })],
  ['an unknown deployment', { deployment: 'cloud' }],
  ['an empty $schema', { $schema: '' }],
  ['a share above 1', { advice: { thresholds: { componentTreeShare: 1.5 } } }],
  ['flows as an object', { flows: {} }],
  ['not an object', ['budgets']],
];

describe('the config JSON Schema agrees with validateConfig', () => {
  it.each(VALID)('both accept %s', (_name, config) => {
    expect(validateConfig(config, { file: 'c.json' })).toMatchObject({ ok: true });
    expect({ valid: schemaAccepts(config), errors: schemaAccepts.errors ?? null }).toEqual({
      valid: true,
      errors: null,
    });
  });

  it.each(INVALID)('both reject %s', (_name, config) => {
    expect(validateConfig(config, { file: 'c.json' })).toMatchObject({ ok: false });
    expect(schemaAccepts(config)).toBe(false);
  });

  it('rejects an unknown key naming it, as validateConfig does', () => {
    const config = {
      budgets: { assertions: { 'request-bytes': 'error' }, aggregate: 'median', presett: 'recommended' },
    };
    const result = validateConfig(config, { file: 'c.json' });
    expect(result.ok || result.errors.map((e) => e.path)).toEqual(['budgets.presett']);
    expect(schemaAccepts(config)).toBe(false);
    expect(schemaAccepts.errors).toEqual([
      expect.objectContaining({
        instancePath: '/budgets',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'presett' },
      }),
    ]);
  });

  it('lists every metric and threshold of the table, so editors can complete them', () => {
    const properties = (s: unknown, ...path: string[]) =>
      Object.keys(path.reduce((o: any, k) => o[k], s as any).properties);
    expect(properties(schema, 'properties', 'budgets', 'properties', 'assertions')).toEqual(METRIC_IDS);
    expect(properties(schema, 'properties', 'advice', 'properties', 'thresholds')).toEqual(
      Object.keys(DEFAULT_THRESHOLDS),
    );
  });

  it('knows the same assertion options as validateConfig (its "valid options" hint lists them)', () => {
    const optionsOf = (budgets: unknown) => {
      const result = validateConfig({ budgets }, { file: 'c.json' });
      return result.ok ? [] : /valid options: (.*)$/.exec(result.errors[0]!.fix)![1]!.split(', ');
    };
    const schemaOptions = (name: string) => Object.keys((schema.definitions as any)[name].anyOf[1].items[1].properties);
    expect(schemaOptions('assertion-bytes')).toEqual(
      optionsOf({ assertions: { 'request-bytes': ['error', { zzz: 1 }] } }),
    );
    expect(schemaOptions('assertion-bytes-field-no-default')).toEqual(
      optionsOf({ fields: { a: ['error', { zzz: 1 }] } }),
    );
  });

  it('is the file the build ships', () => {
    const shipped = JSON.parse(readFileSync(join(root, 'dist/mesop-devtools.config.schema.json'), 'utf8'));
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
    expect(shipped).toEqual(configJsonSchema(version));
  });
});
