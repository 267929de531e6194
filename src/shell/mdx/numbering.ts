/**
 * Which prose elements are numbered, and how their anchors are spelled. Shared by the build-time
 * remark plugin (scripts/mdx/remarkNumbering.ts), which assigns the numbers, and the components,
 * which print them. Pure data: no React.
 */
export const numberedKinds = {
  Equation: { anchorPrefix: 'eq', label: 'Equation', idRequired: true },
  Figure: { anchorPrefix: 'fig', label: 'Figure', idRequired: true },
  Definition: { anchorPrefix: 'def', label: 'Definition', idRequired: false },
  Theorem: { anchorPrefix: 'thm', label: 'Theorem', idRequired: false },
  Exercise: { anchorPrefix: 'ex', label: 'Exercise', idRequired: false },
} as const;

export type NumberedKind = keyof typeof numberedKinds;

export function isNumberedKind(name: string): name is NumberedKind {
  return Object.prototype.hasOwnProperty.call(numberedKinds, name);
}

/** `#eq-elbo`; elements without an id are anchored by their number (`#ex-3`). */
export function anchorFor(kind: NumberedKind, id: string | undefined, number: string | number): string {
  return `${numberedKinds[kind].anchorPrefix}-${id ?? number}`;
}

/** "2.3": chapter number from the manifest, position within the chapter from the build. */
export function qualifiedNumber(chapter: number | undefined, number: string | number | undefined): string {
  if (number === undefined) return '?';
  return chapter === undefined ? String(number) : `${chapter}.${number}`;
}

/** Anchor of a bibliography entry. */
export function referenceAnchor(key: string): string {
  return `ref-${key}`;
}
