/**
 * The other half of index.html's inline early-search script. Before the bundle hydrates the
 * header, a click on the search button (or `/` typed) has no React handler to reach; the inline
 * script notes it as `window.__bookSearchEarly`. When the button goes live it calls
 * `takeEarlySearch()`, which marks search live (the inline script stops noting) and says whether
 * a request came early, so the dialog opens for it.
 */
interface EarlySearchWindow {
  __bookSearchEarly?: boolean;
  __bookSearchLive?: boolean;
}

export function takeEarlySearch(win: EarlySearchWindow = window as EarlySearchWindow): boolean {
  win.__bookSearchLive = true;
  const early = win.__bookSearchEarly === true;
  delete win.__bookSearchEarly;
  return early;
}
