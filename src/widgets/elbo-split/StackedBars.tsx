/**
 * Two columns of the same height, log p_θ(x), each split at the ELBO of one q into ELBO (below)
 * and KL (above). SVG, registered with the frame for export.
 */
import { useMemo } from 'react';
import { escapeXml, svgToPng, useFigureExport } from '../frame';
import { OKABE_ITO } from '../plots';
import { stackedBar, type ElboSplit } from './logic';

interface Column {
  label: string;
  split: ElboSplit;
}

const WIDTH = 360;
const HEIGHT = 260;
const PAD = 24;
const LABEL = 22;

const fmt = (v: number) => v.toFixed(2);

function summaryOf(columns: readonly Column[]): string {
  return columns.map((c) => `${c.label}: ELBO ${fmt(c.split.elbo)} + KL ${fmt(c.split.kl)} = log p(x) ${fmt(c.split.logLik)}`).join('; ');
}

export function StackedBars({ columns, range }: { columns: readonly Column[]; range: number }) {
  const svg = useMemo(() => {
    const colW = 70;
    const gap = (WIDTH - 2 * colW) / 3;
    const parts: string[] = [];
    columns.forEach((c, i) => {
      const x = gap + i * (colW + gap);
      const g = stackedBar(c.split, range, HEIGHT - LABEL, PAD);
      parts.push(
        `<rect x="${x}" y="${g.split}" width="${colW}" height="${g.bottom - g.split}" fill="${OKABE_ITO.blue}"/>`,
        `<rect x="${x}" y="${g.top}" width="${colW}" height="${g.split - g.top}" fill="${OKABE_ITO.orange}"/>`,
        `<text x="${x + colW / 2}" y="${HEIGHT - 6}" text-anchor="middle" font-size="12" fill="currentColor">${c.label}</text>`,
        `<text x="${x + colW + 4}" y="${Math.min(g.split - 4, g.top + 14)}" font-size="11" fill="currentColor">KL ${fmt(c.split.kl)}</text>`,
        `<text x="${x + colW + 4}" y="${Math.max(g.split + 14, g.bottom - 4)}" font-size="11" fill="currentColor">${g.clipped ? 'ELBO below' : `ELBO ${fmt(c.split.elbo)}`}</text>`,
      );
    });
    const logp = columns[0]?.split.logLik ?? 0;
    parts.push(
      `<line x1="8" x2="${WIDTH - 8}" y1="${PAD}" y2="${PAD}" stroke="currentColor" stroke-dasharray="4 3"/>`,
      `<text x="8" y="${PAD - 8}" font-size="11" fill="currentColor">log p(x) = ${fmt(logp)}</text>`,
    );
    // The summary is the image's text alternative on the page and its <title> in an exported file.
    const alt = escapeXml(summaryOf(columns));
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="${alt}"><title>${alt}</title>${parts.join('')}</svg>`;
  }, [columns, range]);

  useFigureExport({
    size: () => ({ width: WIDTH, height: HEIGHT }),
    toSvg: () => svg.replace('width="100%"', `width="${WIDTH}" height="${HEIGHT}"`).replaceAll('currentColor', '#222'),
    toPng: () => svgToPng(svg.replace('width="100%"', `width="${WIDTH}" height="${HEIGHT}"`).replaceAll('currentColor', '#222'), WIDTH, HEIGHT),
  });

  return <div style={{ maxWidth: WIDTH }} dangerouslySetInnerHTML={{ __html: svg }} />;
}
