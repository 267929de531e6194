/** scripts/search/searchIndexPlugin.ts: the book's MiniSearch index, as MiniSearch's JSON. */
declare module 'virtual:search-index' {
  import type { AsPlainObject } from 'minisearch';
  const index: AsPlainObject;
  export default index;
}
