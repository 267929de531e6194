import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChapterContext } from '../../src/shell/mdx/ChapterContext';
import { mdxComponents } from '../../src/shell/mdx/components';
import { evaluateMdx } from './support';

const source = [
  'A numbered equation:',
  '',
  '<Equation id="wide">',
  '$$',
  'a + b',
  '$$',
  '</Equation>',
  '',
  'and an unnumbered one:',
  '',
  '$$',
  'c + d',
  '$$',
  '',
  'with inline $e$ math.',
].join('\n');

async function render(): Promise<string> {
  const Content = await evaluateMdx(source);
  return renderToString(
    <ChapterContext.Provider value={{ slug: 'fixture', number: 3 }}>
      <Content components={mdxComponents} />
    </ChapterContext.Provider>,
  );
}

/** The opening tags of the elements whose class list contains `name`. */
function openingTags(html: string, name: string): string[] {
  return [...html.matchAll(/<[a-z]+\b[^>]*>/g)].map((m) => m[0]).filter((tag) => new RegExp(`class="[^"]*\\b${name}\\b`).test(tag));
}

describe('rehypeFocusableMath: a display formula that may scroll sideways is reachable by keyboard', () => {
  it('makes an unnumbered display formula a focusable, labelled group', async () => {
    const html = await render();
    const displays = openingTags(html, 'katex-display');
    expect(displays).toHaveLength(2);
    const focusable = displays.filter((tag) => tag.includes('tabindex="0"'));
    expect(focusable).toHaveLength(1);
    expect(focusable[0]).toContain('role="group"');
    expect(focusable[0]).toContain('aria-label="Formula"');
  });

  it('leaves a numbered equation one tab stop: its box is focusable, the formula inside is not', async () => {
    const html = await render();
    const body = openingTags(html, 'equation-body');
    expect(body).toHaveLength(1);
    expect(body[0]).toContain('tabindex="0"');
    const inside = html.slice(html.indexOf('equation-body'), html.indexOf('equation-number'));
    expect(openingTags(inside, 'katex-display').every((tag) => !tag.includes('tabindex'))).toBe(true);
    expect(openingTags(inside, 'katex-display')).toHaveLength(1);
    // Inline math is never a tab stop.
    expect((html.match(/tabindex="0"/g) ?? []).length).toBe(2);
  });
});
