/**
 * Numbers that chapter prose quotes, computed by src/core at render time: <Computed name="…" />.
 * Each entry is a pure function returning the text to show (format it here, e.g. toFixed(3)).
 * Add one entry per number; never type a computed result into a chapter.
 */
export const computedRegistry: Record<string, () => string> = {
};
