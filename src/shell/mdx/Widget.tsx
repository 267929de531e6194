/**
 * `<Widget kind="em-gmm" id="ch2-em" preset={{ k: 3 }} />`: loads `widgetRegistry[kind]` lazily,
 * so a widget's code (and tfjs, recharts) downloads only with a chapter that uses it. While it
 * loads, a placeholder reserves the space so the page does not jump; if it fails, the reader sees
 * what failed instead of a blank hole. In prerendered HTML, until hydration, and on the print page
 * it is a still (WidgetStill.tsx): widgets run only in the browser.
 */
import { lazy, Suspense, useContext, type ComponentType, type LazyExoticComponent } from 'react';
import { widgetRegistry, type WidgetProps } from '../../widgets/registry';
import { useHydrated } from '../hydration';
import { WidgetModeContext, WidgetStill } from './WidgetStill';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorNote } from './ErrorNote';

const loaded = new Map<string, LazyExoticComponent<ComponentType<WidgetProps>>>();

function lazyWidget(kind: string) {
  let widget = loaded.get(kind);
  if (!widget) {
    widget = lazy(widgetRegistry[kind]);
    loaded.set(kind, widget);
  }
  return widget;
}

export function WidgetPlaceholder({ kind, height }: { kind: string; height?: number | string }) {
  return (
    <div className="widget-placeholder" style={height === undefined ? undefined : { minHeight: height }} aria-busy="true">
      Loading interactive figure “{kind}”…
    </div>
  );
}

export function Widget({
  kind,
  id,
  preset,
  height,
}: {
  kind: string;
  id: string;
  preset?: Record<string, unknown>;
  /** Space reserved while loading (CSS length or px); defaults to --widget-min-height. */
  height?: number | string;
}) {
  const hydrated = useHydrated();
  const mode = useContext(WidgetModeContext);
  if (!Object.prototype.hasOwnProperty.call(widgetRegistry, kind)) {
    const known = Object.keys(widgetRegistry).join(', ') || 'none yet';
    return (
      <ErrorNote>
        Unknown widget kind “{kind}” (id “{id}”). Known kinds: {known}. Register it in src/widgets/registry.ts.
      </ErrorNote>
    );
  }
  if (!id) return <ErrorNote>Widget “{kind}” needs an id, unique on the page.</ErrorNote>;
  if (!hydrated || mode === 'still') return <WidgetStill kind={kind} id={id} preset={preset} />;
  const Loaded = lazyWidget(kind);
  return (
    <div className="widget-slot" data-widget-kind={kind}>
      <ErrorBoundary label={`Interactive figure “${kind}” (${id})`}>
        <Suspense fallback={<WidgetPlaceholder kind={kind} height={height} />}>
          <Loaded id={id} preset={preset} />
        </Suspense>
      </ErrorBoundary>
    </div>
  );
}
