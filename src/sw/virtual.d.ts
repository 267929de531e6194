/** scripts/site/pwa.ts: the book's Content-Security-Policy (scripts/site/csp.ts), fixed when the service worker is built. */
declare module 'virtual:book-csp' {
  const policy: string;
  export default policy;
}
