/** A horizontal bar for a share 0..1 of something. */
export function SizeBar({ share }: { share: number }) {
  const pct = Math.max(0, Math.min(1, share)) * 100;
  return (
    <span class="size-bar" aria-hidden="true">
      <span style={{ width: `${pct.toFixed(1)}%` }} />
    </span>
  );
}
