/** Compiles MDX with the book's real pipeline (scripts/mdx/options.ts) for the shell tests. */
import { compile, evaluate } from '@mdx-js/mdx';
import type { MDXContent } from 'mdx/types';
import fs from 'node:fs';
import * as runtime from 'react/jsx-runtime';
import { mdxPipeline } from '../../scripts/mdx/options';
import type { Bibliography } from '../../src/shell/mdx/citations';

export const fixtureReferences: Bibliography = {
  dempster1977: {
    authors: ['Dempster, A. P.', 'Laird, N. M.', 'Rubin, D. B.'],
    year: 1977,
    title: 'Maximum likelihood from incomplete data via the EM algorithm',
    venue: 'Journal of the Royal Statistical Society, Series B',
  },
  kingma2014: {
    authors: ['Diederik P. Kingma', 'Max Welling'],
    year: 2014,
    title: 'Auto-encoding variational Bayes',
    venue: 'ICLR',
    url: 'https://arxiv.org/abs/1312.6114',
  },
  bishop2006: { authors: ['Bishop, C. M.'], year: 2006, title: 'Pattern Recognition and Machine Learning', venue: 'Springer' },
};

export function readFixture(name: string): string {
  return fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

export async function compileMdx(source: string, references: Bibliography = fixtureReferences): Promise<string> {
  return String(await compile(source, { ...mdxPipeline({ references }), providerImportSource: '@mdx-js/react' }));
}

export async function evaluateMdx(source: string, references: Bibliography = fixtureReferences): Promise<MDXContent> {
  const module = await evaluate(source, { ...runtime, ...mdxPipeline({ references }) });
  return module.default;
}
