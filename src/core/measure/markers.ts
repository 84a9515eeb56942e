import type { MarkerKind } from './types';

/**
 * Mesop's MesopJSONEncoder wraps special Python values in single-key objects
 * (mesop/dataclass_utils/dataclass_utils.py; table in docs/protocol.md §4).
 */
export const MARKER_KEYS: Readonly<Record<string, MarkerKind>> = {
  '__python.bytes__': 'bytes',
  '__datetime.datetime__': 'datetime',
  '__datetime.date__': 'date',
  '__python.set__': 'set',
  '__pandas.DataFrame__': 'dataframe',
  '__pydantic.BaseModel__': 'pydantic',
  '__mesop.UploadedFile__': 'uploaded_file',
};

/** The marker kind of an object's first key, or undefined. */
export function markerKindOf(key: string): MarkerKind | undefined {
  return Object.prototype.hasOwnProperty.call(MARKER_KEYS, key) ? MARKER_KEYS[key] : undefined;
}
