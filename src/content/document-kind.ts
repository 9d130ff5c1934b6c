/**
 * Which documents Backstory reads: pages of text (HTML, XHTML, XML, plain text). A browser may
 * also give a PDF, an image or a video a document of its own at the file's http address, which
 * the content script's match patterns cannot tell apart; Chromium's PDF viewer is one
 * (docs/robustness.md, page kinds). Those have no text to mark, so the script stops there.
 */
export function isReadable(contentType: string): boolean {
  return /^text\//.test(contentType) || /^application\/(?:[\w.+-]+\+)?xml$/.test(contentType);
}
