/** Unknown paths get a friendly page with the table of contents, not a blank screen. */
import { homePath } from '../router';
import { PageHeading } from './PageHeading';
import { TableOfContents } from './TableOfContents';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <div className="not-found prose">
      <header className="page-header">
        <p className="eyebrow">Page not found</p>
        <PageHeading>This page is not in the book</PageHeading>
      </header>
      <p>
        Nothing lives at <code>{path}</code>. It may have been renamed. Pick a chapter below, or go back to the{' '}
        <a href={homePath()}>front page</a>.
      </p>
      <TableOfContents />
    </div>
  );
}
