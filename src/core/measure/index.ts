/** Byte-exact JSON path sizes, blob sniffing and byte formatting: the measure layer of the core. */
export { measureJson, DEFAULT_MAX_DEPTH, DEFAULT_MAX_PATHS } from './measure-json';
export { topFields, type TopFieldsOptions } from './top-fields';
export { formatBytes } from './format-bytes';
export { utf8Length } from './utf8-length';
export { pathOf, splitPath, parentPath, keySegment, isIdentifier, ANY_ITEM } from './path';
export { MARKER_KEYS, markerKindOf } from './markers';
export type { BlobInfo, FieldSize, MarkerKind, MeasureOptions, StateMeasure, ValueKind } from './types';
