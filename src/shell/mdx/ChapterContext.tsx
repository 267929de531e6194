/** Which chapter is being rendered: its number prefixes equation, figure and exercise numbers. */
import { createContext, useContext } from 'react';

export interface ChapterInfo {
  slug?: string;
  number?: number;
}

export const ChapterContext = createContext<ChapterInfo>({});

export function useChapter(): ChapterInfo {
  return useContext(ChapterContext);
}
