import { describe, expect, it } from 'vitest';
import { slugify } from '../../scripts/mdx/remarkHeadingIds';
import { compileMdx } from './support';

describe('remarkHeadingIds', () => {
  it('turns a trailing {/*id*/} into the heading id and removes it from the text', async () => {
    const js = await compileMdx('## The E step {/*e-step*/}\n\nText.');
    expect(js).toMatch(/_components\.h2, \{\s*id: "e-step",\s*children: "The E step"\s*\}/);
  });

  it('slugs headings without a stable id and keeps ids unique in the chapter', async () => {
    const js = await compileMdx('## Why a bound?\n\n## Why a bound?\n\n### Über $q$\n');
    expect(js).toContain('id: "why-a-bound"');
    expect(js).toContain('id: "why-a-bound-1"');
    expect(js).toContain('id: "uber-q"');
  });

  it('fails the build on a repeated stable id', async () => {
    await expect(compileMdx('## A {/*x*/}\n\n## B {/*x*/}\n')).rejects.toThrow(/Duplicate heading id "x"/);
  });

  it('slugify keeps letters and digits only', () => {
    expect(slugify('  EM, step by step: (1) ')).toBe('em-step-by-step-1');
    expect(slugify('Kullback–Leibler')).toBe('kullbackleibler');
  });
});
