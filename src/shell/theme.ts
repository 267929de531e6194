/**
 * Light/dark theme. The reader's explicit choice is kept in localStorage; without one the
 * system's prefers-color-scheme decides. The effective theme is written to
 * `<html data-theme="light|dark">`, which selects the CSS variables in styles/theme.css.
 * index.html runs the same logic inline before first paint, so there is no flash.
 */
import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';
export const THEME_STORAGE_KEY = 'em-to-diffusion:theme';

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

function storedTheme(): Theme | null {
  try {
    const value = window.localStorage.getItem(THEME_STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null; // storage disabled (private mode, sandboxed frame)
  }
}

function effectiveTheme(): Theme {
  return storedTheme() ?? (query().matches ? 'dark' : 'light');
}

const listeners = new Set<() => void>();

function apply() {
  document.documentElement.dataset.theme = effectiveTheme();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const media = query();
  media.addEventListener('change', apply);
  window.addEventListener('storage', apply);
  return () => {
    listeners.delete(listener);
    media.removeEventListener('change', apply);
    window.removeEventListener('storage', apply);
  };
}

export function setTheme(theme: Theme): void {
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Not persisted, but still applied for this page view.
  }
  document.documentElement.dataset.theme = theme;
  for (const listener of listeners) listener();
}

export function useTheme(): Theme {
  return useSyncExternalStore(
    subscribe,
    () => (document.documentElement.dataset.theme as Theme | undefined) ?? effectiveTheme(),
    () => 'light',
  );
}
