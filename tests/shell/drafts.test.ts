import { compile } from '@mdx-js/mdx';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { describe, expect, it, vi } from 'vitest';
import { remarkMarkDrafts } from '../../scripts/mdx/drafts';
import rehypeFailOnMathErrors from '../../scripts/mdx/rehypeFailOnMathErrors';
import remarkNumbering from '../../scripts/mdx/remarkNumbering';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chapters-'));
const manifestFile = path.join(dir, 'manifest.json');
fs.writeFileSync(manifestFile, JSON.stringify([{ file: '01-published.mdx' }]));
const broken = 'See <EqRef id="missing" /> and <Cite id="nobody" />.\n\n$$\n\\frac{1}{\n$$\n';

function build(fileName: string) {
  return compile(
    { path: path.join(dir, fileName), value: broken },
    {
      remarkPlugins: [[remarkMarkDrafts, { chaptersDir: dir, manifestFile }], remarkMath, [remarkNumbering, { references: {} }]],
      rehypePlugins: [rehypeKatex, rehypeFailOnMathErrors],
    },
  );
}

describe('published chapters versus drafts', () => {
  it('fails the build for a chapter listed in the manifest', async () => {
    await expect(build('01-published.mdx')).rejects.toThrow(/Unknown citation key "nobody"/);
  });

  it('only warns, with every problem located, for a chapter file the manifest does not list', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const file = await build('02-draft.mdx');
    const reasons = file.messages.map((m) => m.reason);
    expect(reasons.some((r) => /refers to no numbered element/.test(r))).toBe(true);
    expect(reasons.some((r) => /Unknown citation key "nobody"/.test(r))).toBe(true);
    expect(reasons.some((r) => /Math error/.test(r))).toBe(true);
    // located: the reference problems carry the line they are on (line 1) and the file
    const lineOf = (re: RegExp) => file.messages.find((m) => re.test(m.reason))?.line;
    expect(lineOf(/refers to no numbered element/)).toBe(1);
    expect(lineOf(/Unknown citation key "nobody"/)).toBe(1);
    expect(file.messages.every((m) => m.file === file.path)).toBe(true);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
