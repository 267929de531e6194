/**
 * The book's MDX pipeline in one place, shared by vite.config.ts and the tests that compile
 * chapters, so a chapter that builds is exactly a chapter that passes the tests.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rehypeKatex from 'rehype-katex';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import type { PluggableList } from 'unified';
import { remarkMarkDrafts } from './drafts.ts';
import rehypeFailOnMathErrors from './rehypeFailOnMathErrors.ts';
import rehypeFocusableMath from './rehypeFocusableMath.ts';
import remarkHeadingIds from './remarkHeadingIds.ts';
import remarkNumbering, { type NumberingOptions } from './remarkNumbering.ts';

export const chaptersDir = fileURLToPath(new URL('../../chapters', import.meta.url));
export const referencesFile = path.join(chaptersDir, 'references.json');
export const manifestFile = path.join(chaptersDir, 'manifest.json');

export function mdxPipeline(numbering: NumberingOptions = { references: referencesFile }): {
  remarkPlugins: PluggableList;
  rehypePlugins: PluggableList;
} {
  return {
    remarkPlugins: [
      [remarkMarkDrafts, { chaptersDir, manifestFile }],
      remarkGfm,
      remarkMath,
      remarkHeadingIds,
      [remarkNumbering, numbering],
    ],
    // rehype-katex reports errors as red text; rehypeFailOnMathErrors makes them fail the build.
    // rehypeFocusableMath lets keyboard users scroll a formula wider than the page.
    rehypePlugins: [[rehypeKatex, { strict: 'error', throwOnError: true }], rehypeFailOnMathErrors, rehypeFocusableMath],
  };
}
