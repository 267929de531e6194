/**
 * Every component a chapter may use without importing it, in one map (react.dev's
 * MDXComponents pattern). The shell passes it to MDXProvider.
 */
import type { MDXComponents } from 'mdx/types';
import { Definition, Prerequisites, Proof, Remark, Summary, Theorem } from './Callouts';
import { Cite, References } from './Citations';
import { Computed } from './Computed';
import { EqRef, Equation, Ref } from './Equation';
import { Caption, Figure } from './Figure';
import { H2, H3 } from './Heading';
import { CheckYourself, Exercise, Solution } from './Reveal';
import { Widget } from './Widget';

export const mdxComponents = {
  h2: H2,
  h3: H3,
  Equation,
  EqRef,
  Ref,
  Figure,
  Caption,
  Definition,
  Theorem,
  Proof,
  Remark,
  Prerequisites,
  Summary,
  Cite,
  References,
  CheckYourself,
  Exercise,
  Solution,
  Widget,
  Computed,
} satisfies MDXComponents;

/** Names a chapter may use as JSX tags; the chapter tests reject anything else. */
export const proseComponentNames = Object.keys(mdxComponents).filter((name) => /^[A-Z]/.test(name));
