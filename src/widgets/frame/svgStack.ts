/**
 * Pure SVG helpers for export: escaping, and stacking several figures' SVG documents into one
 * (a widget with a scatter and a loss chart exports both, one above the other).
 */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface SizedSvg {
  svg: string;
  width: number;
  height: number;
}

const XML_DECL = /^\s*<\?xml[^>]*>\s*/;

/** Nests each document as an <svg> at its vertical offset inside one outer document. */
export function stackSvgs(parts: SizedSvg[], gap = 8, background?: string): string {
  if (parts.length === 1) return parts[0].svg;
  const width = Math.max(0, ...parts.map((p) => p.width));
  let y = 0;
  const children: string[] = [];
  for (const part of parts) {
    const inner = part.svg.replace(XML_DECL, '').replace(/^<svg\b/, `<svg x="0" y="${y}"`);
    children.push(inner);
    y += part.height + gap;
  }
  const height = Math.max(0, y - gap);
  const bg = background ? `<rect width="100%" height="100%" fill="${escapeXml(background)}"/>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bg}${children.join('')}</svg>`
  );
}
