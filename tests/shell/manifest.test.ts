import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chaptersDir } from '../../scripts/mdx/options';
import { bookPages, chapterFileName, chapters, findChapter, findPage, validateManifest, validatePages, type BookPage, type ChapterEntry } from '../../src/shell/manifest';

const manifest = JSON.parse(fs.readFileSync(path.join(chaptersDir, 'manifest.json'), 'utf8')) as ChapterEntry[];

describe('chapters/manifest.json', () => {
  it('is well formed: kebab-case unique slugs, NN-kebab files, unique numbers, titles and blurbs', () => {
    expect(validateManifest(manifest)).toEqual([]);
  });

  it('lists only chapter files that exist', () => {
    const missing = manifest.map(chapterFileName).filter((file) => !fs.existsSync(path.join(chaptersDir, file)));
    expect(missing).toEqual([]);
  });

  it('the validator rejects what it should', () => {
    expect(validateManifest({})).toHaveLength(1);
    const good = { slug: 'em', file: '02-em.mdx', number: 2, title: 'EM', blurb: 'b' };
    expect(validateManifest([good])).toEqual([]);
    expect(validateManifest([good, good]).join()).toMatch(/duplicate slug[\s\S]*duplicate number/);
    expect(validateManifest([{ ...good, slug: 'Bad Slug' }]).join()).toMatch(/kebab-case/);
    expect(validateManifest([{ ...good, file: 'em.md' }]).join()).toMatch(/NN-kebab-title/);
    expect(validateManifest([{ ...good, title: ' ', blurb: undefined }])).toHaveLength(2);
  });
});

describe('chapters/pages.json (unnumbered pages such as the notation page)', () => {
  const pages = JSON.parse(fs.readFileSync(path.join(chaptersDir, 'pages.json'), 'utf8')) as BookPage[];

  it('is well formed, its slugs collide with no chapter, and its files exist', () => {
    expect(validatePages(pages, manifest.map((c) => c.slug))).toEqual([]);
    expect(pages.filter((p) => !fs.existsSync(path.join(chaptersDir, p.file)))).toEqual([]);
  });

  it('holds the notation page, found by slug and never mistaken for a chapter', () => {
    expect(bookPages.map((p) => p.slug)).toContain('notation');
    expect(findPage('notation')?.file).toBe('notation.mdx');
    expect(findChapter('notation')).toBeUndefined();
    expect(chapters.every((c) => findPage(c.slug) === undefined)).toBe(true);
  });

  it('the validator rejects what it should', () => {
    expect(validatePages({}, [])).toHaveLength(1);
    const good = { slug: 'notation', file: 'notation.mdx', title: 'Notation', blurb: 'b' };
    expect(validatePages([good], [])).toEqual([]);
    expect(validatePages([good], ['notation']).join()).toMatch(/already used/);
    expect(validatePages([good, good], []).join()).toMatch(/already used/);
    expect(validatePages([{ ...good, file: '09-notation.mdx' }], []).join()).toMatch(/no number/);
    expect(validatePages([{ ...good, title: '', blurb: ' ' }], [])).toHaveLength(2);
  });
});

