/**
 * Chapters are code-split: each `chapters/*.mdx` is its own chunk, fetched when its page opens.
 * KaTeX has already run at build time, so a chapter chunk is plain React elements.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MDXProps } from 'mdx/types';
import { chapterFileName, type ChapterEntry } from './manifest';

type ChapterModule = { default: ComponentType<MDXProps> };

const modules = import.meta.glob<ChapterModule>('/chapters/*.mdx');
const cache = new Map<string, LazyExoticComponent<ComponentType<MDXProps>>>();

/** The lazy component for a chapter or a book page, or undefined when its file is missing from chapters/. */
export function chapterComponent(entry: Pick<ChapterEntry, 'file'>): LazyExoticComponent<ComponentType<MDXProps>> | undefined {
  const key = `/chapters/${chapterFileName(entry)}`;
  const load = modules[key];
  if (!load) return undefined;
  let component = cache.get(key);
  if (!component) {
    component = lazy(load);
    cache.set(key, component);
  }
  return component;
}
