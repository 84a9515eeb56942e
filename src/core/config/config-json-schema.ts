import { BUDGET_LEVELS } from '../budget/budget-types';
import { CONFIG_SCHEMA, type Spec } from './config-schema';
import { METRIC_IDS, metricDef, type MetricId } from '../budget/metrics';
import { SIZE_UNITS } from './size';

/**
 * The config table (CONFIG_SCHEMA) as a JSON Schema (draft-07, what editors read best), so
 * `"$schema"` in mesop-devtools.config.json gives autocompletion and red squiggles. It is derived
 * from the same table validateConfig walks, so a key added there appears here with no other edit;
 * test/core/config/config-json-schema.test.ts checks both accept and reject the same configs.
 */
export type JsonSchema = { [key: string]: unknown };

const SIZE_NUMBER = '(\\d+(?:\\.\\d+)?|\\.\\d+)';
/** parseSize's grammar: a number, an optional unit from SIZE_UNITS (case matters), spaces allowed. */
const SIZE_PATTERN = `^\\s*${SIZE_NUMBER}\\s*(${Object.keys(SIZE_UNITS).join('|')})?\\s*$`;
/**
 * checkFieldGlob's rules: not empty, no spaces around it, brackets balanced and never nested.
 * Depth-one brackets are within a regular language, so a pattern can say it exactly.
 */
const FIELD_GLOB_PATTERN = '^(?=\\S)(?![\\s\\S]*\\s$)(?:[^\\[\\]]|\\[[^\\[\\]]*\\])+$';

const SIZE: JsonSchema = {
  anyOf: [
    { type: 'number', minimum: 0 },
    { type: 'string', pattern: SIZE_PATTERN },
  ],
  examples: ['250 kB', '1 MB', '512 KiB', 4096],
};

/**
 * Shapes used many times go to `definitions` once (the file stays small); a key that adds its own
 * description wraps the reference in allOf, since draft-07 ignores keywords beside a `$ref`.
 */
type Definitions = Record<string, JsonSchema>;
function shared(defs: Definitions, name: string, make: () => JsonSchema, description?: string): JsonSchema {
  defs[name] ??= make();
  const ref = { $ref: `#/definitions/${name}` };
  return description ? { description, allOf: [ref] } : ref;
}

const sizeSchema = (defs: Definitions, description?: string): JsonSchema =>
  shared(defs, 'size', () => SIZE, description);

const countSchema: JsonSchema = { type: 'integer', minimum: 0 };

function assertionSchema(
  defs: Definitions,
  spec: Extract<Spec, { kind: 'assertion' }>,
  description?: string,
): JsonSchema {
  const name = `assertion-${spec.unit}${spec.field ? '-field' : ''}${spec.defaultMax === undefined ? '-no-default' : ''}`;
  return shared(defs, name, () => assertionShape(defs, spec), description);
}

/**
 * checkAssertion's shape: a bare level, or [level, {max, of?}]. Its options are not in the table;
 * the schema test compares them with the "valid options" validateConfig names, so an option added
 * there fails the test until it is added here.
 */
function assertionShape(defs: Definitions, spec: Extract<Spec, { kind: 'assertion' }>): JsonSchema {
  const max =
    spec.unit === 'bytes'
      ? sizeSchema(defs, 'the limit: bytes, or a size such as "250 kB"')
      : { ...countSchema, description: 'the limit' };
  const options: JsonSchema = {
    type: 'object',
    properties: {
      max,
      maxIncrease: increaseSchema(spec.unit),
      ...(spec.field
        ? { of: { enum: ['each', 'total'], description: 'check each matching field (default) or their sum' } }
        : {}),
    },
    // validateConfig wants at least one of the two limits.
    anyOf: [
      { properties: { max: true }, required: ['max'] },
      { properties: { maxIncrease: true }, required: ['maxIncrease'] },
    ],
    additionalProperties: false,
  };
  // A bare level borrows the preset's max; a field budget has no preset, so only "off" stands alone.
  const bareLevels = spec.defaultMax === undefined ? ['off'] : [...BUDGET_LEVELS];
  return {
    anyOf: [
      { enum: bareLevels },
      { type: 'array', items: [{ enum: [...BUDGET_LEVELS] }, options], additionalItems: false, minItems: 2 },
    ],
  };
}

/** budget/increase.ts's forms: a share of the baseline ("10%"), or an amount ("+5 kB" for sizes, 2 for counts). */
function increaseSchema(unit: 'bytes' | 'count'): JsonSchema {
  const description =
    'the most this budget may grow over the --baseline report\'s value: "10%", or ' +
    (unit === 'bytes' ? 'a size such as "+5 kB"' : 'a count such as 2');
  const percent = { type: 'string', pattern: '^\\s*\\+?\\s*\\d+(\\.\\d+)?\\s*%\\s*$' };
  // parseIncrease drops a leading "+" and reads the rest as a size (bytes) or a whole number (counts).
  const amount =
    unit === 'bytes'
      ? { type: 'string', pattern: SIZE_PATTERN.replace('^\\s*', '^\\s*\\+?\\s*') }
      : { type: 'string', pattern: '^\\s*\\+?\\s*\\d+\\s*$' };
  return {
    description,
    anyOf: [percent, amount, unit === 'bytes' ? { type: 'number', minimum: 0 } : { type: 'integer', minimum: 0 }],
  };
}

/** What an editor shows on hover for a key, where the tables say more than its name. */
function describeKey(key: string, spec: Spec): string | undefined {
  if (spec.kind === 'assertion' && !spec.field && (METRIC_IDS as string[]).includes(key)) {
    const unit = metricDef(key as MetricId).unit;
    const preset =
      spec.defaultMax === undefined
        ? ''
        : ` (recommended preset: ${spec.defaultMax}${unit === 'bytes' ? ' bytes' : ''})`;
    return `${metricDef(key as MetricId).description}${preset}`;
  }
  if (spec.kind === 'reserved') return `see the ${spec.owner} documentation (docs/ci.md)`;
  return undefined;
}

export function specToJsonSchema(spec: Spec, defs: Definitions, description?: string): JsonSchema {
  const withDescription = (schema: JsonSchema): JsonSchema => (description ? { description, ...schema } : schema);
  switch (spec.kind) {
    case 'object':
      return withDescription({
        type: 'object',
        properties: Object.fromEntries(
          Object.entries(spec.keys).map(([key, s]) => [key, specToJsonSchema(s, defs, describeKey(key, s))]),
        ),
        additionalProperties: false,
      });
    case 'map':
      return withDescription({
        type: 'object',
        propertyNames: { pattern: FIELD_GLOB_PATTERN, description: spec.keyMeaning },
        additionalProperties: specToJsonSchema(spec.value, defs),
      });
    case 'array':
      return withDescription({ type: 'array', items: specToJsonSchema(spec.items, defs) });
    case 'enum':
      return withDescription({ enum: [...spec.values] });
    case 'string':
      return withDescription({ type: 'string', minLength: 1 });
    case 'size':
      return sizeSchema(defs, description);
    case 'count':
      return withDescription(countSchema);
    case 'share':
      return withDescription({ type: 'number', minimum: 0, maximum: 1 });
    case 'assertion':
      return assertionSchema(defs, spec, description);
    case 'reserved':
      return withDescription({ type: spec.shape });
  }
}

/** The whole file's schema, as the build writes it to dist/mesop-devtools.config.schema.json. */
export function configJsonSchema(version: string): JsonSchema {
  const definitions: Definitions = {};
  const root = specToJsonSchema(CONFIG_SCHEMA, definitions);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `mesop-devtools config (mesop-devtools ${version})`,
    ...root,
    definitions,
  };
}
