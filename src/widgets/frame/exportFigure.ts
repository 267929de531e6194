/**
 * Browser side of figure export: composes the frame's registered figures into one PNG or SVG
 * and hands it to the reader as a download through a Blob URL.
 */
import type { FigureExporter } from './frameContext';
import { stackSvgs } from './svgStack';

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function figuresToSvg(figures: FigureExporter[], background?: string): Promise<string> {
  const parts = await Promise.all(
    figures.map(async (f) => ({ svg: await f.toSvg(), ...f.size() })),
  );
  return stackSvgs(parts, 8, background);
}

export async function figuresToPng(figures: FigureExporter[], background?: string): Promise<Blob> {
  if (figures.length === 1) return figures[0].toPng();
  const blobs = await Promise.all(figures.map((f) => f.toPng()));
  const bitmaps = await Promise.all(blobs.map((b) => createImageBitmap(b)));
  const gap = 8 * (window.devicePixelRatio || 1);
  const width = Math.max(...bitmaps.map((b) => b.width));
  const height = bitmaps.reduce((h, b) => h + b.height, 0) + gap * (bitmaps.length - 1);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  if (background) {
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, width, height);
  }
  let y = 0;
  for (const bitmap of bitmaps) {
    ctx.drawImage(bitmap, 0, y);
    y += bitmap.height + gap;
    bitmap.close();
  }
  return canvasToBlob(canvas);
}

export function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/** Rasterises an SVG document (e.g. a recharts chart) to PNG at device resolution. */
export async function svgToPng(svg: string, width: number, height: number, background?: string): Promise<Blob> {
  const scale = window.devicePixelRatio || 1;
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const ctx = canvas.getContext('2d')!;
    if (background) {
      ctx.fillStyle = background;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
    }
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await canvasToBlob(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}
