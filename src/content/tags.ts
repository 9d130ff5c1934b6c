/**
 * Elements by name (`localName`), as the text walks see them: shared by the scanner's
 * (collect-text.ts, which says why) and the sieve's (sieve-page.ts). Neither reads the text of
 * the skipped ones, so a page's scripts and style sheets do not make it a candidate; both join
 * text across inline ones.
 */

/** Never rendered: skipped, and the text on either side joins. */
export const NEVER_RENDERED: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);

/** Rendered, but not prose to mark: skipped, and the run ends at them. */
export const NOT_PROSE: ReadonlySet<string> = new Set([
  'textarea', 'input', 'select', 'option', 'optgroup', 'datalist', 'button',
  'code', 'kbd', 'samp',
  'iframe', 'frame', 'object', 'embed', 'canvas', 'svg', 'math', 'video', 'audio',
]);

/** Elements that flow inline with their neighbours; any other element ends a run of text. */
export const INLINE: ReadonlySet<string> = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'dfn', 'em', 'font', 'i', 'ins', 'del',
  'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'label',
  'nobr', 'tt', 'big', 'strike', 'acronym', 'ruby', 'rb', 'output',
]);
