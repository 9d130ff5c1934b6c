/**
 * Elements whose text is never scanned, by name (`localName`): shared by the scanner's walk
 * (collect-text.ts, which says why) and the sieve's (sieve-page.ts), which passes over them
 * too, so that a page's scripts and style sheets do not make it a candidate.
 */

/** Never rendered: skipped, and the text on either side joins. */
export const NEVER_RENDERED: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);

/** Rendered, but not prose to mark: skipped, and the run ends at them. */
export const NOT_PROSE: ReadonlySet<string> = new Set([
  'textarea', 'input', 'select', 'option', 'optgroup', 'datalist', 'button',
  'code', 'kbd', 'samp',
  'iframe', 'frame', 'object', 'embed', 'canvas', 'svg', 'math', 'video', 'audio',
]);
