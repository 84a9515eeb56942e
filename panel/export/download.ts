/** Saves text as a file through a temporary <a download> (works in the DevTools panel without the "downloads" permission). */
export function download(text: string, filename: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** mesop-payload-2024-05-01T10-20-30.json */
export function exportName(extension: string, now = new Date()): string {
  return `mesop-payload-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.${extension}`;
}
