// The project's own ESLint rule: the import rules of scripts/lint/import-areas.mjs, reported where
// the import is written (editors show them as you type; `npm run lint` fails on them).
import { relative, sep } from 'node:path';
import { importViolation } from './import-areas.mjs';

const importAreas = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Each area (src/core, src/cli, panel, ...) imports only the areas and packages the Architecture allows',
    },
    schema: [],
    messages: { denied: 'imports "{{spec}}" ({{why}})' },
  },
  create(context) {
    const fileRel = relative(context.cwd, context.filename).split(sep).join('/');
    const check = (source, typeOnly) => {
      if (!source || typeof source.value !== 'string') return;
      const why = importViolation(fileRel, source.value, typeOnly);
      if (why) context.report({ node: source, messageId: 'denied', data: { spec: source.value, why } });
    };
    return {
      ImportDeclaration: (n) => check(n.source, n.importKind === 'type'),
      ExportNamedDeclaration: (n) => check(n.source, n.exportKind === 'type'),
      ExportAllDeclaration: (n) => check(n.source, n.exportKind === 'type'),
      ImportExpression: (n) => {
        if (n.source.type === 'Literal') check(n.source, false);
      },
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal')
          check(n.arguments[0], false);
      },
    };
  },
};

export default { meta: { name: 'mesop-devtools' }, rules: { 'import-areas': importAreas } };
