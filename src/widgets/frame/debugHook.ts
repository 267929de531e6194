/**
 * Test hook for browser tests: on pages opened with `debug=1`, each widget exposes
 * `window.__bookDebug.widgets[id] = { debug(action), status() }`.
 */
import type { DebugAction } from './trainerTypes';

export interface WidgetDebugStatus {
  status: string;
  step: number;
  backend: string | null;
  metrics: Record<string, number> | null;
  notices: { kind: string; message: string }[];
  values: Record<string, unknown>;
  seed: number;
  presenting: boolean;
}

export interface WidgetDebugHandle {
  debug(action: DebugAction): void;
  status(): WidgetDebugStatus;
}

interface BookDebug {
  widgets: Record<string, WidgetDebugHandle>;
}

declare global {
  interface Window {
    __bookDebug?: BookDebug;
  }
}

export function registerDebugWidget(id: string, handle: WidgetDebugHandle): () => void {
  const root = (window.__bookDebug ??= { widgets: {} });
  root.widgets[id] = handle;
  return () => {
    if (root.widgets[id] === handle) delete root.widgets[id];
  };
}
