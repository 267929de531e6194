import { describe, expect, it } from 'vitest';
import { snippet } from '../../../src/shell/search/snippet';

const join = (parts: ReturnType<typeof snippet>) => parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join('');

describe('search snippets', () => {
  it('mark every whole-word or word-start occurrence of the matched terms, any case', () => {
    expect(join(snippet('The ELBO bounds the evidence; elbows do not. Maximize the ELBO.', ['elbo']))).toBe(
      'The [ELBO] bounds the evidence; [elbo]ws do not. Maximize the [ELBO].',
    );
    expect(join(snippet('a subelbo is not marked', ['elbo']))).toBe('a subelbo is not marked');
  });

  it('show a window around the first match, cut at word boundaries, with ellipses', () => {
    const text = `${'lorem '.repeat(100)}Robbins–Monro conditions ${'ipsum '.repeat(100)}`;
    const parts = snippet(text, ['robbins', 'monro'], 120);
    const shown = join(parts);
    expect(shown.startsWith('… ')).toBe(true);
    expect(shown.endsWith(' …')).toBe(true);
    expect(shown).toContain('[Robbins]–[Monro] conditions');
    const body = shown.slice(2, -2);
    expect(body.length).toBeLessThanOrEqual(120 + 4);
    for (const word of body.replace(/[[\]]/g, '').split(/\s+/)) expect(['lorem', 'ipsum', 'Robbins–Monro', 'conditions']).toContain(word);
  });

  it('match accented text and Greek letters, and start at the beginning when nothing matches', () => {
    expect(join(snippet('Kúllback and θ-estimates', ['kullback', 'θ']))).toBe('[Kúllback] and [θ]-estimates');
    expect(join(snippet('short text', ['absent']))).toBe('short text');
  });
});
