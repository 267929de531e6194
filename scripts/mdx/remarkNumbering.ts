/**
 * Numbers a chapter's equations, figures, definitions, theorems and exercises at build time,
 * in document order, and resolves every cross-reference against those numbers, so that
 * `<EqRef id="elbo" />` prints the same "(2.3)" as `<Equation id="elbo">` even when the
 * reference comes first. Also checks citations against chapters/references.json and tells
 * `<References />` which keys the chapter cites, in order of first citation.
 *
 * Numbers are injected as string props (`number="3"`); the chapter number is prefixed at
 * render time from the manifest. Every inconsistency fails the build with a located message
 * (a warning in draft chapters; see drafts.ts).
 */
import fs from 'node:fs';
import type { Root } from 'mdast';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { isNumberedKind, numberedKinds, type NumberedKind } from '../../src/shell/mdx/numbering.ts';
import { complain } from './drafts.ts';
import { isJsxElement, setStringAttribute, stringAttribute, type JsxElement } from './jsx.ts';

export interface NumberingOptions {
  /** Known citation keys, or a JSON file of them (read on every compile so edits are seen). */
  references?: Record<string, unknown> | string;
}

interface Target {
  kind: NumberedKind;
  number: number;
}

/** `id="a, b"` → ["a", "b"]; a citation may name several works. */
export function citationKeys(id: string): string[] {
  return id
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
}

function loadReferences(source: NumberingOptions['references']): Record<string, unknown> | undefined {
  if (source === undefined) return undefined;
  if (typeof source !== 'string') return source;
  return JSON.parse(fs.readFileSync(source, 'utf8')) as Record<string, unknown>;
}

function containsMath(node: Node): boolean {
  let found = false;
  visit(node, 'math', () => {
    found = true;
  });
  return found;
}

export default function remarkNumbering(options: NumberingOptions = {}) {
  return (tree: Root, file: VFile) => {
    const references = loadReferences(options.references);
    const counters = new Map<NumberedKind, number>();
    const targets = new Map<string, Target>();
    const cited: string[] = [];
    const refs: JsxElement[] = [];
    const bibliographies: JsxElement[] = [];

    visit(tree, (node) => {
      if (!isJsxElement(node) || !node.name) return;
      const name = node.name;
      const id = stringAttribute(node, 'id');
      if (isNumberedKind(name)) {
        if (numberedKinds[name].idRequired && !id) complain(file, `<${name}> needs an id="…" so it can be referenced`, node);
        if (name === 'Equation' && !containsMath(node)) {
          complain(file, `<Equation id="${id}"> must wrap a $$…$$ display-math block`, node);
        }
        const number = (counters.get(name) ?? 0) + 1;
        counters.set(name, number);
        if (id && targets.has(id)) complain(file, `Duplicate id "${id}": ids of numbered elements must be unique in a chapter`, node);
        else if (id) targets.set(id, { kind: name, number });
        setStringAttribute(node, 'number', String(number));
      } else if (name === 'EqRef' || name === 'Ref') {
        if (id) refs.push(node);
        else complain(file, `<${name}> needs an id="…"`, node);
      } else if (name === 'Cite') {
        if (!id) complain(file, '<Cite> needs an id="key" from chapters/references.json', node);
        for (const key of citationKeys(id ?? '')) {
          if (references && !Object.prototype.hasOwnProperty.call(references, key)) {
            complain(file, `Unknown citation key "${key}": add it to chapters/references.json`, node);
          }
          if (!cited.includes(key)) cited.push(key);
        }
      } else if (name === 'References') {
        bibliographies.push(node);
      }
    });

    for (const ref of refs) {
      const id = stringAttribute(ref, 'id')!;
      const target = targets.get(id);
      if (!target) {
        complain(file, `<${ref.name} id="${id}"> refers to no numbered element in this chapter`, ref);
        continue;
      }
      if (ref.name === 'EqRef' && target.kind !== 'Equation') {
        complain(file, `<EqRef id="${id}"> refers to a ${target.kind}; use <Ref id="${id}" />`, ref);
        continue;
      }
      setStringAttribute(ref, 'number', String(target.number));
      setStringAttribute(ref, 'kind', target.kind);
    }
    for (const bibliography of bibliographies) setStringAttribute(bibliography, 'keys', cited.join(','));
  };
}
