/**
 * Chapters are code-split: each `chapters/*.mdx` is its own chunk, fetched when its page opens.
 * KaTeX has already run at build time, so a chapter chunk is plain React elements. A chapter's
 * component reads its module with `use()` (one settled promise per file), so once the module is
 * loaded (src/shell/preload.ts does it before hydration) it renders without suspending.
 */
import { createElement, memo, use, type ComponentType } from 'react';
import type { MDXProps } from 'mdx/types';
import { chapterFileName, type ChapterEntry } from './manifest';
import { settledPromise } from './settledPromise';

type ChapterModule = { default: ComponentType<MDXProps> };

const modules = import.meta.glob<ChapterModule>('/chapters/*.mdx');
const loading = new Map<string, Promise<ChapterModule>>();
const components = new Map<string, ComponentType<MDXProps>>();

const keyOf = (entry: Pick<ChapterEntry, 'file'>) => `/chapters/${chapterFileName(entry)}`;

/** Starts loading a chapter's (or book page's) module; undefined when its file is missing. */
export function loadChapterModule(entry: Pick<ChapterEntry, 'file'>): Promise<ChapterModule> | undefined {
  const key = keyOf(entry);
  const load = modules[key];
  if (!load) return undefined;
  let module = loading.get(key);
  if (!module) {
    module = settledPromise(load());
    loading.set(key, module);
  }
  return module;
}

/** The component for a chapter or a book page, or undefined when its file is missing from chapters/. */
export function chapterComponent(entry: Pick<ChapterEntry, 'file'>): ComponentType<MDXProps> | undefined {
  const key = keyOf(entry);
  if (!modules[key]) return undefined;
  let component = components.get(key);
  if (!component) {
    const Chapter = (props: MDXProps) => createElement(use(loadChapterModule(entry)!).default, props);
    Chapter.displayName = `Chapter(${chapterFileName(entry)})`;
    // Memoized: a chapter body is thousands of elements (KaTeX's typeset HTML), and the page around
    // it re-renders for reasons of its own (the sidebar's sections arriving, the drawer, the theme).
    // With props unchanged, React skips the body instead of re-creating every element.
    component = memo(Chapter);
    components.set(key, component);
  }
  return component;
}
