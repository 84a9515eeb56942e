/**
 * A config mistake, always with the file, the key path and a fix, so the user never has to guess
 * where or how (size-limit's unknownOption, LHCI's "Invalid ... at index N").
 */
export interface ConfigError {
  file: string;
  /** e.g. `budgets.assertions.request-bytes[1].maxx`, `budgets.fields["messages[*].content"]`. */
  path: string;
  message: string;
  fix: string;
}

export function formatConfigError(e: ConfigError): string {
  return `${e.file}: ${e.path || '(top level)'}: ${e.message}${e.fix ? ` (${e.fix})` : ''}`;
}

/** Appends a key to a path: dotted when it reads as a name, else `["..."]`. */
export function keyPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const plain = /^[A-Za-z_$][\w$-]*$/.test(key);
  if (plain) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}
