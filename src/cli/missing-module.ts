import pkg from '../../package.json';

const RUNTIME_DEPENDENCIES: Record<string, string> = pkg.dependencies;

/**
 * A module the CLI needs but cannot load (a broken or partial install): one line that says what
 * to install, instead of Node's stack. undefined when `e` is something else.
 */
export function missingModuleLine(e: unknown): string | undefined {
  const err = e as { code?: unknown; message?: unknown } | null;
  if (
    !err ||
    (err.code !== 'MODULE_NOT_FOUND' && err.code !== 'ERR_MODULE_NOT_FOUND') ||
    typeof err.message !== 'string'
  )
    return undefined;
  const name = /Cannot find (?:module|package) '([^']+)'/.exec(err.message)?.[1];
  if (!name) return undefined;
  const pkgName = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!;
  const version = RUNTIME_DEPENDENCIES[pkgName];
  const fix = version
    ? `reinstall mesop-devtools ${pkg.version} with its dependencies, or run: npm install ${pkgName}@${version}`
    : `reinstall mesop-devtools ${pkg.version}`;
  return `mesop-devtools: cannot load the module "${name}" (${fix})`;
}
