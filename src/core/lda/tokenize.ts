/**
 * The one tokenizer, shared by the corpus build (scripts/buildCorpus.ts) and the streamed
 * corpora of `npm run lab -- lda --corpus FILE`: lower case, runs of letters (an apostrophe
 * inside a word is dropped with what follows it: "nation's" → "nation"), at least 3 letters.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const re = /[a-z]+(?:['’][a-z]+)*/g;
  const lower = text.toLowerCase();
  let m: RegExpExecArray | null;
  while ((m = re.exec(lower)) !== null) {
    const word = m[0].split(/['’]/)[0];
    if (word.length >= 3) out.push(word);
  }
  return out;
}

/** Word ids of the tokens found in `index` (others dropped), as a sorted bag. */
export function bagOfWords(text: string, index: ReadonlyMap<string, number>): { ids: number[]; counts: number[] } {
  const m = new Map<number, number>();
  for (const t of tokenize(text)) {
    const id = index.get(t);
    if (id !== undefined) m.set(id, (m.get(id) ?? 0) + 1);
  }
  const ids = [...m.keys()].sort((a, b) => a - b);
  return { ids, counts: ids.map((w) => m.get(w)!) };
}
