import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/shell/App';
import { bookPages, chapters } from '../../src/shell/manifest';
import { citationLabel, surname } from '../../src/shell/mdx/citations';

describe('App shell (server render of the home page)', () => {
  const html = renderToString(<App />);

  it('has landmarks, a skip link and the book title', () => {
    expect(html).toMatch(/<header class="site-header">/);
    expect(html).toMatch(/<nav id="sidebar"[^>]*aria-label="Chapters"/);
    expect(html).toMatch(/<main id="main"/);
    expect(html).toMatch(/<a class="skip-link" href="#main">Skip to content<\/a>/);
    expect(html).toContain('From EM to Diffusion');
  });

  it('lists every manifest chapter in the table of contents, in order, each with its number, title and link', () => {
    expect(chapters.length).toBeGreaterThan(0);
    const items = [...html.matchAll(/<li class="toc-item"><a href="([^"]*)" class="toc-link"><span class="toc-number">([^<]*)<\/span><span class="toc-title">([^<]*)<\/span>/g)];
    const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
    expect(items.map((m) => [m[1], m[2], m[3]])).toEqual(chapters.map((c) => [`/${c.slug}/`, String(c.number), escape(c.title)]));
    expect(html).not.toContain('The first chapters are being written');
  });
});

describe('the notation page in the shell', () => {
  it('is linked from the sidebar and the front page', () => {
    const html = renderToString(<App />);
    for (const page of bookPages) {
      const links = html.match(new RegExp(`href="/${page.slug}/"`, 'g')) ?? [];
      expect(links.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('citation labels', () => {
  it('take surnames from "Surname, Given" and "Given Surname"', () => {
    expect(surname('Rubin, D. B.')).toBe('Rubin');
    expect(surname('Max Welling')).toBe('Welling');
    const ref = { year: 2020, title: 't', venue: 'v' };
    expect(citationLabel({ ...ref, authors: ['Ho, J.'] })).toBe('Ho, 2020');
    expect(citationLabel({ ...ref, authors: ['Ho, J.', 'Jain, A.'] })).toBe('Ho and Jain, 2020');
    expect(citationLabel({ ...ref, authors: ['Ho, J.', 'Jain, A.', 'Abbeel, P.'] })).toBe('Ho et al., 2020');
  });
});
