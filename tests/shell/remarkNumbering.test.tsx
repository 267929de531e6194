import { renderToString } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { BibliographyContext } from '../../src/shell/mdx/Citations';
import { ChapterContext } from '../../src/shell/mdx/ChapterContext';
import { ComputedRegistryContext } from '../../src/shell/mdx/Computed';
import { mdxComponents } from '../../src/shell/mdx/components';
import { compileMdx, evaluateMdx, fixtureReferences, readFixture } from './support';

/** Renders the fixture chapter as chapter 7 with the real component map. */
async function renderFixture(): Promise<string> {
  const Content = await evaluateMdx(readFixture('numbering.mdx'));
  return renderToString(
    <ChapterContext.Provider value={{ slug: 'fixture', number: 7 }}>
      <BibliographyContext.Provider value={fixtureReferences}>
        <ComputedRegistryContext.Provider value={{ 'fixture-gap': () => (0.1234).toFixed(3), 'fixture-throws': () => { throw new Error('no data'); } }}>
          <Content components={mdxComponents} />
        </ComputedRegistryContext.Provider>
      </BibliographyContext.Provider>
    </ChapterContext.Provider>,
  );
}

/** The text of the first element matching an attribute, e.g. href="#eq-elbo". */
function textOfLink(html: string, href: string): string {
  const match = new RegExp(`<a[^>]*href="${href}"[^>]*>(.*?)</a>`).exec(html);
  return match ? match[1].replace(/<!-- -->/g, '') : '';
}

describe('build-time numbering (remarkNumbering) on the fixture chapter', () => {
  let html = '';
  beforeAll(async () => {
    html = await renderFixture();
  });

  it('numbers equations in document order, prefixed by the chapter number', () => {
    expect(html).toMatch(/id="eq-identity"[\s\S]*?\(7\.1\)/);
    expect(html).toMatch(/id="eq-elbo"[\s\S]*?\(7\.2\)/);
    expect(html.indexOf('id="eq-identity"')).toBeLessThan(html.indexOf('id="eq-elbo"'));
  });

  it('resolves an EqRef that precedes its equation to the same number', () => {
    const refs = [...html.matchAll(/<a class="eqref" href="#eq-(\w+)">(.*?)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(refs).toEqual([
      ['elbo', '(7.2)'],
      ['identity', '(7.1)'],
    ]);
  });

  it('numbers figures, definitions, theorems and exercises per kind, and Ref names the kind', () => {
    expect(textOfLink(html, '#fig-fit')).toBe('Figure 7.1');
    expect(html).toMatch(/<figcaption><span class="figure-label">Figure 7\.1\.<\/span> <!-- -->A fitted mixture\.<!-- --> <!-- -->With <span class="katex">/);
    expect(textOfLink(html, '#thm-jensen')).toBe('Theorem 7.1');
    expect(html).toMatch(/Definition 7\.1/);
    expect(html).toMatch(/id="ex-1"[\s\S]*?Exercise 7\.1/);
    expect(html).toMatch(/id="ex-second"[\s\S]*?Exercise 7\.2/);
    expect(html).toMatch(/Show solution to exercise 7\.1/);
  });

  it('formats author–year citations and lists references in order of first citation', () => {
    expect(textOfLink(html, '#ref-dempster1977')).toBe('Dempster et al., 1977');
    expect(textOfLink(html, '#ref-kingma2014')).toBe('Kingma and Welling, 2014');
    expect(textOfLink(html, '#ref-bishop2006')).toBe('Bishop, 2006');
    const order = [...html.matchAll(/<li id="ref-(\w+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['dempster1977', 'kingma2014', 'bishop2006']);
  });

  it('renders KaTeX at build time', () => {
    expect(html).toContain('class="katex-display"');
    expect(html).toContain('class="katex"');
  });

  it('shows authoring mistakes visibly: unknown widget kind and unknown computed name', () => {
    expect(html).toMatch(/role="alert"[^>]*>Unknown widget kind “<!-- -->no-such-widget/);
    expect(html).toMatch(/role="alert"[^>]*>Unknown computed value “<!-- -->no-such-number/);
    expect(html).toMatch(/role="alert"[^>]*>Computing “<!-- -->fixture-throws<!-- -->” failed: <!-- -->no data/);
  });

  it('prints computed values from the registry', () => {
    expect(html).toContain('<span class="computed" data-computed="fixture-gap">0.123</span>');
  });

  it('hides answers and solutions behind a button with aria-expanded, keeping them in the DOM', () => {
    expect(html).toMatch(/<button[^>]*aria-expanded="false"[^>]*>Show answer<\/button>/);
    expect(html).toMatch(/<div id="[^"]+" class="reveal-body" hidden="">[\s\S]*?when <span class="katex">/);
    expect(html).toContain('∎');
  });
});

describe('build-time failures: authoring mistakes stop the build', () => {
  it.each([
    ['an EqRef to no equation', 'See <EqRef id="nope" />.', /refers to no numbered element/],
    ['an EqRef to a figure', '<Figure id="f" caption="c">x</Figure>\n\n<EqRef id="f" />', /use <Ref id="f"/],
    ['an unknown citation key', 'As in <Cite id="nobody2020" />.', /Unknown citation key "nobody2020"/],
    ['an Equation without math', '<Equation id="e">\nplain text\n</Equation>', /must wrap a \$\$…\$\$/],
    ['an Equation without id', '<Equation>\n$$\nx\n$$\n</Equation>', /needs an id/],
    ['a duplicate id', '<Equation id="e">\n$$\nx\n$$\n</Equation>\n\n<Figure id="e" caption="c">y</Figure>', /Duplicate id "e"/],
    ['invalid TeX', '$$\n\\frac{1}{\n$$', /KaTeX|parse error/i],
  ])('rejects %s', async (_name, source, message) => {
    await expect(compileMdx(source)).rejects.toThrow(message);
  });
});
