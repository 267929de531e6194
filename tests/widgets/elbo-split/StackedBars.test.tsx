import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StackedBars } from '../../../src/widgets/elbo-split/StackedBars';

const columns = [
  { label: 'exact q', split: { logLik: -3.5, elbo: -3.5, kl: 0 } },
  { label: 'q & shift <1>', split: { logLik: -3.5, elbo: -4.25, kl: 0.75 } },
];

describe('StackedBars text alternative', () => {
  it('the svg image names each column, its ELBO, KL and log p(x), with the label escaped', () => {
    const markup = renderToStaticMarkup(<StackedBars columns={columns} range={6} />);
    const svg = /<svg[^>]*>/.exec(markup)?.[0] ?? '';
    expect(svg).toContain('role="img"');
    const alt = 'exact q: ELBO -3.50 + KL 0.00 = log p(x) -3.50; q &amp; shift &lt;1&gt;: ELBO -4.25 + KL 0.75 = log p(x) -3.50';
    expect(svg).toContain(`aria-label="${alt}"`);
    expect(markup).toContain(`<title>${alt}</title>`);
  });
});
