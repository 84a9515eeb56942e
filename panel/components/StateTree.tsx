import { useMemo, useState } from 'preact/hooks';
import { formatBytes } from '../../src/core';
import { ancestorsOf, buildFieldTree, type TreeNode } from '../state/field-tree';
import { CopyButton } from './CopyButton';
import { SizeBar } from './SizeBar';

interface Props {
  paths: [string, number][];
  rootBytes: number;
  highlight: string | undefined;
}

const MAX_CHILDREN = 200;

/** The client-held state of one class as a tree of sizes: expand with a click or Enter/→, collapse with ←. */
export function StateTree({ paths, rootBytes, highlight }: Props) {
  const root = useMemo(() => buildFieldTree(paths, rootBytes), [paths, rootBytes]);
  const [open, setOpen] = useState<Set<string>>(() => new Set(['']));
  const expanded = useMemo(
    () => (highlight ? new Set([...open, '', ...ancestorsOf(highlight)]) : open),
    [open, highlight],
  );
  const toggle = (path: string, to?: boolean) => {
    const next = new Set(expanded);
    if (to ?? !next.has(path)) next.add(path);
    else next.delete(path);
    setOpen(next);
  };
  return (
    <ul class="tree" role="tree">
      {renderNode(root, root.bytes, expanded, toggle, highlight)}
    </ul>
  );
}

function renderNode(
  n: TreeNode,
  total: number,
  expanded: Set<string>,
  toggle: (p: string, to?: boolean) => void,
  highlight: string | undefined,
) {
  const isOpen = expanded.has(n.path);
  const hasKids = n.children.length > 0;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'Enter') {
      toggle(n.path, true);
      e.preventDefault();
    }
    if (e.key === 'ArrowLeft') {
      toggle(n.path, false);
      e.preventDefault();
    }
  };
  return (
    <li key={n.path} role="treeitem" aria-expanded={hasKids ? isOpen : undefined}>
      <div
        class={`tree-row ${n.path === highlight ? 'highlight' : ''}`}
        tabIndex={0}
        onKeyDown={onKey}
        data-path={n.path}
        onClick={() => hasKids && toggle(n.path)}
      >
        <span class="twisty">{hasKids ? (isOpen ? '▾' : '▸') : ''}</span>
        <span class="label">{n.label}</span>
        <span class="num">{formatBytes(n.bytes)}</span>
        <SizeBar share={total ? n.bytes / total : 0} />
        {n.path && <CopyButton text={n.path} label="copy path" />}
      </div>
      {hasKids && isOpen && (
        <ul role="group">
          {n.children.slice(0, MAX_CHILDREN).map((c) => renderNode(c, total, expanded, toggle, highlight))}
          {n.children.length > MAX_CHILDREN && <li class="dim">… {n.children.length - MAX_CHILDREN} smaller</li>}
        </ul>
      )}
    </li>
  );
}
