/**
 * Guards the real chapters as they land: every chapter compiles with the book's pipeline
 * (numbering, cross-references, citations, KaTeX), uses only registered prose components,
 * and names only citations, widget kinds and computed values that exist.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chaptersDir } from '../../scripts/mdx/options';
import { scanChapter, type ChapterUsage } from '../../scripts/mdx/scanChapter';
import { computedRegistry } from '../../src/shell/computed';
import { bookReferences } from '../../src/shell/mdx/bibliography';
import { proseComponentNames } from '../../src/shell/mdx/components';
import { widgetRegistry } from '../../src/widgets/registry';
import { compileMdx, readFixture } from './support';

const chapterFiles = fs.readdirSync(chaptersDir).filter((f) => f.endsWith('.mdx'));

/** Every problem with a chapter's usage, as readable strings (empty when all is well). */
function problems(usage: ChapterUsage): string[] {
  const out: string[] = [];
  for (const name of usage.components) if (!proseComponentNames.includes(name)) out.push(`unknown component <${name}>`);
  for (const key of usage.citations) if (!Object.hasOwn(bookReferences, key)) out.push(`unknown citation "${key}"`);
  const ids = new Set<string>();
  for (const { kind, id } of usage.widgets) {
    if (!kind || !Object.hasOwn(widgetRegistry, kind)) out.push(`unknown widget kind "${kind}"`);
    if (!id) out.push(`widget "${kind}" has no id`);
    else if (ids.has(id)) out.push(`duplicate widget id "${id}"`);
    else ids.add(id);
  }
  for (const name of usage.computed) if (!Object.hasOwn(computedRegistry, name)) out.push(`unknown computed "${name}"`);
  return out;
}

describe('the checks themselves', () => {
  it('catch unknown components, citations, widget kinds and computed names in the fixture', () => {
    const found = problems(scanChapter(readFixture('numbering.mdx') + '\n<Widgit kind="x" id="y" />\nAs <Cite id="nobody1900" /> showed.\n'));
    expect(found).toContain('unknown component <Widgit>');
    expect(found).toContain('unknown widget kind "no-such-widget"');
    expect(found).toContain('unknown computed "no-such-number"');
    // A key no bibliography will hold (the fixture's own dempster1977 is in the real one, so the
    // old check on it was skipped).
    expect(Object.hasOwn(bookReferences, 'nobody1900')).toBe(false);
    expect(found).toContain('unknown citation "nobody1900"');
  });

  it('ignore tags inside code blocks', () => {
    const usage = scanChapter('```mdx\n<Widget kind="nope" id="a" />\n```\n');
    expect(usage.widgets).toEqual([]);
  });
});

describe.each(chapterFiles.length > 0 ? chapterFiles : [])('chapter %s', (file) => {
  const source = fs.readFileSync(path.join(chaptersDir, file), 'utf8');

  it('uses only registered components, citations, widget kinds and computed values', () => {
    expect(problems(scanChapter(source))).toEqual([]);
  });

  it('compiles with the book pipeline (numbering, references, KaTeX)', async () => {
    await expect(compileMdx(source, bookReferences)).resolves.toContain('MDXContent');
  });
});
