/**
 * Printing a chapter prints each live figure as a still of what it shows now: on `beforeprint`
 * every widget canvas gets an <img> of its current pixels beside it (the canvas is hidden in
 * print, styles/print.css), so the figure scales to the paper instead of keeping its screen
 * width in pixels; `afterprint` removes them. Data URLs are allowed by the CSP's img-src.
 */
const CANVASES = '.wf-figure canvas';

/** Adds a still image after each drawn widget canvas; returns a function that removes them. */
export function addPrintStills(root: ParentNode = document): () => void {
  const added: Array<{ canvas: HTMLCanvasElement; image: HTMLImageElement }> = [];
  for (const canvas of root.querySelectorAll<HTMLCanvasElement>(CANVASES)) {
    if (canvas.width === 0 || canvas.height === 0 || canvas.classList.contains('print-replaced')) continue;
    let src: string;
    try {
      src = canvas.toDataURL('image/png');
    } catch {
      continue; // a tainted or lost canvas prints as itself
    }
    const image = document.createElement('img');
    image.className = 'print-still';
    image.src = src;
    image.alt = canvas.getAttribute('aria-label') ?? '';
    image.width = canvas.clientWidth || canvas.width;
    canvas.classList.add('print-replaced');
    canvas.after(image);
    added.push({ canvas, image });
  }
  return () => {
    for (const { canvas, image } of added) {
      canvas.classList.remove('print-replaced');
      image.remove();
    }
  };
}

export function installPrintStills(): void {
  let remove: (() => void) | null = null;
  window.addEventListener('beforeprint', () => {
    remove?.();
    remove = addPrintStills();
  });
  window.addEventListener('afterprint', () => {
    remove?.();
    remove = null;
  });
}
