/**
 * src/shell/search/earlySearch.ts with the inline script of index.html: the script, run on a
 * stand-in document, notes a click on the search button and `/` (not typed into a field), ignores
 * other clicks and keys, and stops noting once takeEarlySearch() has marked search live.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeEarlySearch } from '../../../src/shell/search/earlySearch';

type Listener = (e: Record<string, unknown>) => void;

/** index.html's early-search script (the second IIFE of its inline script), run against a fake window and document. */
function runInlineScript() {
  const html = readFileSync(path.resolve(import.meta.dirname, '../../../index.html'), 'utf8');
  const inline = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  const start = inline.indexOf('(function () {\n        function note');
  expect(start).toBeGreaterThan(0);
  const listeners: Listener[] = [];
  const win: Record<string, unknown> = {};
  const doc = { addEventListener: (_type: string, f: Listener, capture: boolean) => { expect(capture).toBe(true); listeners.push(f); } };
  new Function('window', 'document', inline.slice(start))(win, doc);
  const fire = (e: Record<string, unknown>) => listeners.forEach((f) => f(e));
  const el = (tagName: string, inSearchButton: boolean) => ({ tagName, isContentEditable: false, closest: (sel: string) => (sel === '.search-button' && inSearchButton ? {} : null) });
  return { win, fire, el };
}

describe('early search', () => {
  it('notes a click on the search button (or inside it) before hydration; the button takes it once', () => {
    const { win, fire, el } = runInlineScript();
    fire({ type: 'click', target: el('A', false) });
    expect(win.__bookSearchEarly).toBeUndefined();
    fire({ type: 'click', target: el('svg', true) });
    expect(win.__bookSearchEarly).toBe(true);
    expect(takeEarlySearch(win)).toBe(true);
    expect(win.__bookSearchLive).toBe(true);
    expect(takeEarlySearch(win)).toBe(false);
  });
  it('notes `/` outside fields and without modifiers, not other keys', () => {
    const { win, fire, el } = runInlineScript();
    fire({ type: 'keydown', key: 'a', target: el('BODY', false) });
    fire({ type: 'keydown', key: '/', target: el('INPUT', false) });
    fire({ type: 'keydown', key: '/', ctrlKey: true, target: el('BODY', false) });
    expect(win.__bookSearchEarly).toBeUndefined();
    fire({ type: 'keydown', key: '/', target: el('BODY', false) });
    expect(win.__bookSearchEarly).toBe(true);
  });
  it('stops noting once search is live, so a later click is React’s alone', () => {
    const { win, fire, el } = runInlineScript();
    expect(takeEarlySearch(win)).toBe(false);
    fire({ type: 'click', target: el('BUTTON', true) });
    expect(win.__bookSearchEarly).toBeUndefined();
  });
});
