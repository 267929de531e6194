/**
 * The build-time renderer (scripts/site/prerender.ts builds this file for Node and calls it once
 * per page). It renders the same <App /> the browser hydrates, at the page's path, waiting for
 * every lazy chapter, citation and computed number (react-dom/static's prerender), so the HTML
 * holds the full prose and KaTeX's typeset equations. Widgets appear as stills (WidgetStill.tsx).
 */
import { Writable } from 'node:stream';
import { renderToString } from 'react-dom/server';
import { prerenderToNodeStream } from 'react-dom/static';
import { widgetRegistry } from '../widgets/registry';
import { StillFrameContext } from '../widgets/frame';
import { App } from './App';
import { WidgetStillsContext } from './mdx/WidgetStill';
import { setServerPathname } from './router';

const NOSCRIPT_NOTE =
  '<noscript><p class="widget-still-note">This is an interactive figure: it runs, with its controls, when JavaScript is on.</p></noscript>';

/** Which widgets rendered only their kind's name (their component could not render in Node). */
export const stillProblems: string[] = [];

const stills = new Map<string, Promise<string>>();

/** A widget's still: its own frame's title and caption (StillFrameContext), then the note. */
function widgetStill(kind: string, id: string, preset?: Record<string, unknown>): Promise<string> {
  const key = `${kind}\u0000${id}\u0000${JSON.stringify(preset ?? {})}`;
  let still = stills.get(key);
  if (!still) {
    still = (async () => {
      let figure: string;
      try {
        const { default: Widget } = await widgetRegistry[kind]();
        figure = renderToString(
          <StillFrameContext value={true}>
            <Widget id={id} preset={preset} />
          </StillFrameContext>,
        );
      } catch (error) {
        stillProblems.push(`${kind} (${id}): ${(error as Error).message}`);
        figure = `<figure class="widget-still-figure"><figcaption><strong class="widget-still-title">Interactive figure “${kind}”</strong></figcaption></figure>`;
      }
      return figure + NOSCRIPT_NOTE;
    })();
    stills.set(key, still);
  }
  return still;
}

/** The HTML that goes inside <div id="root"> for the page at `pathname`. */
export async function renderPage(pathname: string): Promise<string> {
  setServerPathname(pathname);
  const errors: unknown[] = [];
  const { prelude } = await prerenderToNodeStream(
    <WidgetStillsContext value={widgetStill}>
      <App />
    </WidgetStillsContext>,
    {
      onError: (error) => void errors.push(error),
      // Never outline a large Suspense boundary into a hidden <div> that an inline script swaps in
      // later: without JavaScript it would stay hidden, and the CSP forbids the script anyway.
      progressiveChunkSize: Infinity,
    },
  );
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    prelude.pipe(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
        final(done) {
          resolve();
          done();
        },
      }),
    );
    prelude.on('error', reject);
  });
  if (errors.length > 0) throw new Error(`prerendering ${pathname} failed: ${errors.map(String).join('; ')}`);
  return Buffer.concat(chunks).toString('utf8');
}
