/**
 * The search index builder: every published page's every h2 and h3 is a section, its anchor is
 * the id the heading really gets when the chapter is rendered with the book's pipeline, the
 * text holds what a reader would search for (prose, definitions, theorems, exercises) and not
 * what they cannot see as text (display equations, widget tags), and the built MiniSearch index
 * finds a section by its words.
 */
import fs from 'node:fs';
import { createElement, Fragment, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanChapter } from '../../../scripts/mdx/scanChapter';
import { bookSections, buildSearchIndex, publishedPages } from '../../../scripts/search/buildIndex';
import { pageSections } from '../../../scripts/search/sections';
import { texToText } from '../../../scripts/search/texToText';
import { bookReferences } from '../../../src/shell/mdx/bibliography';
import { SEARCH_OPTIONS, type SearchSection } from '../../../src/shell/search/indexConfig';
import { evaluateMdx } from '../../shell/support';

const pages = publishedPages();
let sections: SearchSection[];
beforeAll(() => {
  sections = bookSections();
}, 120_000);

/** The ids of the h2 and h3 elements a page renders to, with every prose component as a plain wrapper. */
async function renderedHeadingIds(source: string): Promise<string[]> {
  const Content = await evaluateMdx(source, bookReferences);
  const stub = ({ children }: { children?: ReactNode }) => createElement(Fragment, null, children ?? null);
  const components = Object.fromEntries([...scanChapter(source).components].map((name) => [name, stub]));
  const html = renderToStaticMarkup(createElement(Content, { components }));
  return [...html.matchAll(/<h[23] id="([^"]+)"/g)].map((m) => m[1]);
}

describe('search sections', () => {
  it('cover every chapter in the manifest and every page in pages.json', () => {
    expect(pages.length).toBeGreaterThanOrEqual(10);
    expect(pages.some((p) => p.slug === 'notation')).toBe(true);
    for (const p of pages) expect(sections.filter((s) => s.slug === p.slug).length, p.slug).toBeGreaterThan(2);
    expect(new Set(sections.map((s) => s.id)).size).toBe(sections.length);
  });

  for (const p of pages) {
    it(`${p.slug}: one section per h2 and h3, anchored at the id the rendered heading has`, async () => {
      const source = fs.readFileSync(p.file, 'utf8');
      const anchors = sections.filter((s) => s.slug === p.slug && s.anchor !== '').map((s) => s.anchor);
      const rendered = await renderedHeadingIds(source);
      expect(rendered.length).toBeGreaterThan(2);
      expect(anchors).toEqual(rendered);
      // Markdown headings in the source, counted independently of any parser.
      const sourceHeadings = source.split('\n').filter((line) => /^#{2,3} /.test(line)).length;
      expect(anchors).toHaveLength(sourceHeadings);
    }, 60_000);
  }

  it('hold definitions, theorem and exercise titles, callout questions and inline math; not display math or widgets', () => {
    const source = [
      'Intro with $\\theta^\\star$ and $\\mathrm{KL}(q \\parallel p)$.',
      '',
      '## First part {/*first*/}',
      '',
      '<Definition title="Identifiability">A model is identifiable when distinct parameters give distinct laws.</Definition>',
      '',
      '<Exercise title="The Gaussian KL">Compute it.<Solution>It is closed form.</Solution></Exercise>',
      '',
      '<CheckYourself question="Why is the bound tight?">Because the gap vanishes.</CheckYourself>',
      '',
      '$$',
      '\\log p_\\theta(x) = \\mathcal{L}(q, \\theta) + \\mathrm{KL}',
      '$$',
      '',
      '<Widget kind="em-gmm" id="ch2-em" />',
      '',
      'The number is <Computed name="ch3-mle-tau2" /> here.',
      '',
      '### Sub part',
      '',
      '| a | b |',
      '| - | - |',
      '| tabled | words |',
    ].join('\n');
    const [intro, first, sub] = pageSections(source, { slug: 'demo', title: 'Demo', label: 'Chapter 0 · Demo' });
    expect(intro).toMatchObject({ id: 'demo#', anchor: '', heading: 'Demo', page: 'Chapter 0 · Demo' });
    expect(intro.text).toBe('Intro with θ^⋆ and KL(q ‖ p).');
    expect(first).toMatchObject({ anchor: 'first', heading: 'First part' });
    expect(first.text).toContain('Identifiability');
    expect(first.text).toContain('distinct parameters give distinct laws');
    expect(first.text).toContain('The Gaussian KL');
    expect(first.text).toContain('It is closed form');
    expect(first.text).toContain('Why is the bound tight?');
    expect(first.terms).toBe('Identifiability · The Gaussian KL · Why is the bound tight?');
    expect(first.text).not.toMatch(/mathcal|log p|em-gmm|ch2-em|ch3-mle/);
    expect(sub).toMatchObject({ anchor: 'sub-part', heading: 'Sub part' });
    expect(sub.text).toContain('tabled words');
  });

  it('turn inline TeX into readable text', () => {
    expect(texToText('p_\\theta(z \\mid x)')).toBe('p_θ(z | x)');
    expect(texToText('\\mathbb{E}_{q}\\left[\\log q\\right]')).toBe('E_q[log q]');
    expect(texToText('\\hat{\\tau}^2 = \\max(0, s^2 - \\sigma^2)')).toBe('τ^2 = max(0, s^2 - σ^2)');
    expect(texToText('\\|x\\|_2 \\le 1')).toBe('|x|_2 ≤ 1');
  });
});

describe('the search index', () => {
  it('finds a section by words that only it uses, and ranks a heading match first', () => {
    const index = buildSearchIndex(sections);
    // Neyman and Scott's example is chapter 9's alone: the premise is read from the MDX sources,
    // independently of the index (chapter 10 also names Robbins and Monro, the word used before).
    const owners = publishedPages()
      .filter((p) => /Neyman/.test(fs.readFileSync(p.file, 'utf8')))
      .map((p) => p.slug);
    expect(owners).toEqual(['variational-estimator']);
    const neyman = index.search('Neyman Scott', SEARCH_OPTIONS);
    expect(neyman.length).toBeGreaterThan(0);
    expect(new Set(neyman.map((r) => r.slug))).toEqual(new Set(owners));
    // A heading's own words find its section among the first three; a heading that several
    // chapters share ("Exercises") does so together with its chapter's title.
    const headed = sections.filter((x) => x.anchor !== '');
    for (const s of headed) {
      const shared = headed.filter((x) => x.heading === s.heading).length > 1;
      const top = index.search(shared ? `${s.heading} ${s.page}` : s.heading, SEARCH_OPTIONS).slice(0, 3).map((r) => r.id);
      expect(top, s.id).toContain(s.id);
    }
  }, 60_000);
});
