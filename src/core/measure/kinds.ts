import type { FieldSize, MarkerKind } from './types';

/**
 * Value kinds as small integers while scanning (no string compares in the hot loop); names only at
 * the end. Marker kinds follow the plain ones.
 */
export const K_OBJECT = 0;
export const K_ARRAY = 1;
export const K_STRING = 2;
export const K_NUMBER = 3;
export const K_BOOLEAN = 4;
export const K_NULL = 5;
export const K_BYTES = 6;
export const K_UPLOADED_FILE = 12;

export const KIND_NAMES: ReadonlyArray<FieldSize['kind']> = [
  'object',
  'array',
  'string',
  'number',
  'boolean',
  'null',
  'bytes',
  'datetime',
  'date',
  'set',
  'dataframe',
  'pydantic',
  'uploaded_file',
];

export function markerCode(kind: MarkerKind): number {
  return KIND_NAMES.indexOf(kind);
}
