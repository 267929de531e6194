/**
 * The book's bibliography, chapters/references.json. Imported lazily (see Citations.tsx), so it
 * is a chunk of its own that only chapter pages download.
 */
import referencesJson from '../../../chapters/references.json';
import type { Bibliography } from './citations';

export const bookReferences = referencesJson as Bibliography;
