import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chaptersDir } from '../../scripts/mdx/options';
import { chapterFileName, validateManifest, type ChapterEntry } from '../../src/shell/manifest';

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
