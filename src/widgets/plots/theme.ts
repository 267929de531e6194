/**
 * The frame's theme colours as canvas and SVG need them (resolved CSS variables), and a hook
 * that re-reads them when the shell switches theme (data-theme/class on <html>) or the
 * system colour scheme changes.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { DEFAULT_THEME, type Theme } from './primitives';

export function readTheme(element: Element | null): Theme {
  if (!element || typeof getComputedStyle === 'undefined') return DEFAULT_THEME;
  const style = getComputedStyle(element);
  const pick = (names: string[], fallback: string) => {
    for (const name of names) {
      const v = style.getPropertyValue(name).trim();
      if (v) return v;
    }
    return fallback;
  };
  return {
    fg: pick(['--wf-fg', '--fg'], DEFAULT_THEME.fg),
    muted: pick(['--wf-muted', '--muted'], DEFAULT_THEME.muted),
    border: pick(['--wf-border', '--border'], DEFAULT_THEME.border),
    bg: pick(['--wf-bg', '--bg'], DEFAULT_THEME.bg),
    font: style.fontFamily || DEFAULT_THEME.font,
  };
}

let version = 0;
const listeners = new Set<() => void>();
let stop: (() => void) | null = null;

function start(): () => void {
  const bump = () => {
    version++;
    for (const l of [...listeners]) l();
  };
  const observer = new MutationObserver(bump);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
  const media = window.matchMedia?.('(prefers-color-scheme: dark)');
  media?.addEventListener('change', bump);
  return () => {
    observer.disconnect();
    media?.removeEventListener('change', bump);
  };
}

function subscribe(listener: () => void): () => void {
  if (typeof document === 'undefined') return () => {};
  listeners.add(listener);
  stop ??= start();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && stop) {
      stop();
      stop = null;
    }
  };
}

/** The element's theme, re-read whenever the page's theme may have changed. */
export function useTheme(element: Element | null, extraKey?: unknown): Theme {
  const v = useSyncExternalStore(subscribe, () => version, () => 0);
  // v and extraKey are deliberate triggers: the computed style changed though element did not.
  return useMemo(() => readTheme(element), [element, v, extraKey]);
}

/** Relative luminance in [0, 1] of '#rgb', '#rrggbb' or 'rgb(a)(…)'; null when unparsable. */
export function luminance(color: string): number | null {
  let rgb: number[] | null = null;
  const hex = color.trim().match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    rgb = [0, 2, 4].map((k) => parseInt(h.slice(k, k + 2), 16));
  } else {
    const m = color.match(/rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i);
    if (m) rgb = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  if (!rgb) return null;
  const lin = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

export function isDarkTheme(theme: Theme): boolean {
  const l = luminance(theme.bg);
  return l !== null && l < 0.2;
}
