/**
 * The core's one table of Mesop's protobuf field numbers (src/core/decode/mesop-fields.ts) against
 * the descriptors of Mesop's own generated classes (mesop.protos.ui_pb2 in the pinned .venv): every
 * field the table names has that number in Mesop, and the oneofs list the same members.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { MESOP_FIELDS, USER_EVENT_TYPE_NAMES } from '../../../src/core/decode/mesop-fields';

const root = join(__dirname, '../../..');

interface Descriptor {
  fields: Record<string, number>;
  oneofs: Record<string, string[]>;
}

function mesopDescriptors(messages: string[]): Record<string, Descriptor> {
  const script = [
    'import json, sys',
    'from mesop.protos import ui_pb2',
    'out = {}',
    'for name in sys.argv[1:]:',
    '    d = getattr(ui_pb2, name).DESCRIPTOR',
    '    out[name] = {"fields": {f.name: f.number for f in d.fields}, "oneofs": {o.name: [f.name for f in o.fields] for o in d.oneofs}}',
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(
    execFileSync(join(root, '.venv/bin/python'), ['-c', script, ...messages], { encoding: 'utf8' }),
  ) as Record<string, Descriptor>;
}

const mesop = mesopDescriptors(Object.keys(MESOP_FIELDS));

test.each(Object.entries(MESOP_FIELDS))("%s: every field number is Mesop's", (message, table) => {
  const theirs = mesop[message]!.fields;
  for (const [field, no] of Object.entries(table)) expect([field, theirs[field]]).toEqual([field, no]);
});

test('the UserEvent fields the decoder lists are all of them (a new field would show here)', () => {
  expect(Object.keys(MESOP_FIELDS.UserEvent).sort()).toEqual(Object.keys(mesop.UserEvent!.fields).sort());
});

test("UserEvent.type and Command.command list the oneofs' members", () => {
  expect([...USER_EVENT_TYPE_NAMES]).toEqual(mesop.UserEvent!.oneofs.type);
  expect(Object.keys(MESOP_FIELDS.Command).sort()).toEqual([...mesop.Command!.oneofs.command!].sort());
});
