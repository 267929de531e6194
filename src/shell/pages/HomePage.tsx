/** The book's front page: what it argues, and its table of contents. */
import { bookPages, PRINT_SLUG } from '../manifest';
import { chapterPath } from '../router';
import { PageHeading } from './PageHeading';
import { TableOfContents } from './TableOfContents';

export function HomePage() {
  return (
    <div className="home prose">
      <header className="page-header">
        <p className="eyebrow">An interactive textbook</p>
        <PageHeading>From EM to Diffusion</PageHeading>
        <p className="lede">Variational inference as approximate maximum likelihood, with models you can train in your browser.</p>
      </header>
      <p>
        Fitting a model with hidden variables by maximum likelihood means maximizing{' '}
        <span className="inline-math">
          log <i>p</i>
          <sub>θ</sub>(<i>x</i>) = log ∫ <i>p</i>
          <sub>θ</sub>(<i>x</i>, <i>z</i>) d<i>z</i>
        </span>
        , an integral we can rarely compute. This book follows a single idea from the EM algorithm to
        variational autoencoders and diffusion models: replace the log-likelihood by a lower bound built
        from an approximating distribution <i>q</i> over the hidden variables, and maximize the bound.
      </p>
      <p>
        The point of view is frequentist. The parameters θ are fixed unknowns, and variational inference is
        a device for approximating their maximum-likelihood estimate. What the bound gives up is a
        Kullback–Leibler divergence that we can name, plot and shrink. Every figure is a live model: change
        its settings, step through its training, and check the mathematics against what it does.
      </p>
      <TableOfContents />
      {bookPages.map((page) => (
        <p key={page.slug} className="toc-page">
          <a href={chapterPath(page.slug)}>{page.title}</a>: {page.blurb}
        </p>
      ))}
      <p className="toc-page">
        <a href={chapterPath(PRINT_SLUG)} data-reload="">The whole book on one page</a>: every chapter in order, for printing.
      </p>
    </div>
  );
}
