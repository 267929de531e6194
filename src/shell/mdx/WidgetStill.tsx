/**
 * What stands in a widget's place when it cannot run: in the prerendered HTML (read without
 * JavaScript, or before the bundle hydrates the page) and on the whole-book print page.
 *
 * At build time the server supplies the still's HTML (`WidgetStillsContext`: the widget's title
 * and caption, a picture of its default state where one is cheap, and a <noscript> note that the
 * live figure needs JavaScript). The browser does not have that HTML, so the element is rendered
 * with `dangerouslySetInnerHTML` and `suppressHydrationWarning`: hydration keeps the server's
 * content, and the live widget replaces the element on the next render (see Widget.tsx).
 */
import { createContext, use, useContext } from 'react';

export type WidgetStillSource = (kind: string, id: string, preset?: Record<string, unknown>) => Promise<string>;

/** Set by the build-time renderer only (src/shell/serverEntry.tsx). */
export const WidgetStillsContext = createContext<WidgetStillSource | null>(null);

/** 'still': render every widget as its still (the whole-book print page). */
export const WidgetModeContext = createContext<'live' | 'still'>('live');

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The still rendered in the browser without the build's HTML (a page that was not prerendered). */
export function plainStillHtml(kind: string): string {
  return `<p class="widget-still-note">Interactive figure “${escapeHtml(kind)}”: it runs in the online chapter.</p>`;
}

export function WidgetStill({ kind, id, preset }: { kind: string; id: string; preset?: Record<string, unknown> }) {
  const source = useContext(WidgetStillsContext);
  const html = source ? use(source(kind, id, preset)) : plainStillHtml(kind);
  return (
    <div
      className="widget-slot widget-still"
      data-widget-kind={kind}
      data-widget-still={id}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
