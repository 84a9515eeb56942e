/**
 * Handler ids as reports show them. Mesop builds a handler id from the handler's module, name and
 * source (mesop/component_helpers/helper.py, compute_fn_id): in debug mode (plain `mesop`)
 * `<module>.<fn>.<sha256 of the source>`, in prod mode a bare sha256; Mesop 1.3 appends
 * `:<event class>`. The app's main file is loaded under a module name made from its absolute path
 * (mesop/cli/execute_module.py, get_module_name_from_path: `/home/me/app/main.py` ->
 * `.home.me.app.main`), so debug ids carry the developer's directories: a privacy leak in a PR
 * comment, and a baseline recorded in another checkout never matches.
 */

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * A module name made from a file path: POSIX absolute (`/a/b/main.py` -> `.a.b.main`, a leading
 * empty segment) or a Windows drive (`C:\a\main.py` -> `C:.a.main`). Importable module names can
 * have neither.
 */
const isPathModule = (module: string) => module.startsWith('.') || /^[A-Za-z]:\./.test(module);

/**
 * The same id on every machine: a path-made module keeps only its last segment, the file's name
 * (`.home.me.app.main.on_click.<sha>:…ClickEvent` -> `main.on_click.<sha>:…ClickEvent`). Modules
 * the app imports by name (`components.chat`, `mesop.labs.chat`), prod hashes and anything else
 * are kept as they are. The source hash does not depend on the path, so the id still tells two
 * versions of a handler apart.
 */
export function portableHandlerId(id: string): string {
  const colon = id.indexOf(':', id.search(/[0-9a-f]{64}/) >>> 0);
  const base = colon >= 0 ? id.slice(0, colon) : id;
  const suffix = colon >= 0 ? id.slice(colon) : '';
  const parts = base.split('.');
  if (parts.length < 3 || !SHA256.test(parts[parts.length - 1]!)) return id;
  const module = parts.slice(0, -2).join('.');
  if (!isPathModule(module)) return id;
  const file = parts[parts.length - 3]!;
  return `${file}.${parts.slice(-2).join('.')}${suffix}`;
}

/**
 * Handler ids are `<module path>.<fn>.<sha256>[:<event class>]` in dev mode and a bare hash in prod
 * (docs/protocol.md §6): show the function name, which is what a person looks for.
 */
export function shortHandler(id: string | null): string {
  if (!id) return '';
  const qualified = id.split(':')[0]!;
  const parts = qualified.split('.');
  const isHash = (s: string) => /^[0-9a-f]{16,}$/.test(s);
  if (parts.length >= 2 && isHash(parts[parts.length - 1]!)) return parts[parts.length - 2]!;
  return isHash(qualified) ? `${qualified.slice(0, 8)}…` : qualified;
}
