/**
 * Chapters listed in chapters/manifest.json (and pages in chapters/pages.json) are published, so every authoring mistake in them
 * fails the build. A chapter file not (yet) listed is a draft: the same mistakes are printed
 * as warnings and the build goes on, so one author's work in progress does not break the
 * shared build for everyone. (tests/shell/chapters.test.ts still compiles drafts strictly.)
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Node } from 'unist';
import type { VFile } from 'vfile';

interface DraftData {
  bookDraft?: boolean;
}

/** Marks `file.data.bookDraft` for files in `chaptersDir` that the manifest does not list. */
export function remarkMarkDrafts(options: { chaptersDir: string; manifestFile: string }) {
  return (_tree: Node, file: VFile) => {
    if (!file.path || path.resolve(path.dirname(file.path)) !== path.resolve(options.chaptersDir)) return;
    const manifest = JSON.parse(fs.readFileSync(options.manifestFile, 'utf8')) as Array<{ file: string }>;
    // Unnumbered book pages (chapters/pages.json, next to the manifest) are published as well.
    const pagesFile = path.join(path.dirname(options.manifestFile), 'pages.json');
    const pages = fs.existsSync(pagesFile) ? (JSON.parse(fs.readFileSync(pagesFile, 'utf8')) as Array<{ file: string }>) : [];
    const listed = new Set([...manifest, ...pages].map((entry) => path.basename(entry.file)));
    (file.data as DraftData).bookDraft = !listed.has(path.basename(file.path));
  };
}

/** Fails the build for a published chapter; warns for a draft. */
export function complain(file: VFile, reason: string, place?: Node | NonNullable<Node['position']>): void {
  const position = place && 'type' in place ? place.position : place;
  if ((file.data as DraftData).bookDraft) {
    const message = file.message(reason, position);
    console.warn(`[draft chapter, not in manifest.json] ${file.path}:${message.line ?? '?'}:${message.column ?? '?'} ${reason}`);
    return;
  }
  file.fail(reason, position);
}
