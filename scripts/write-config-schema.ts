// Writes the config file's JSON Schema, derived from the table validateConfig uses, where the
// packages ship it: dist/mesop-devtools.config.schema.json. Run by scripts/build.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configJsonSchema } from '../src/core/config/config-json-schema';
import { TOOL_VERSION } from '../src/cli/tool-version';

export const CONFIG_SCHEMA_FILE = 'mesop-devtools.config.schema.json';

const out = join(process.argv[2] ?? join(__dirname, '..'), CONFIG_SCHEMA_FILE);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(configJsonSchema(TOOL_VERSION), null, 2)}\n`);
