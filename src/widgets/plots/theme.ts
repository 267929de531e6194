/** The frame's theme colours as the canvas needs them (resolved CSS variables). */
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
