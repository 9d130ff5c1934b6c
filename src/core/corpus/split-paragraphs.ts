/**
 * Splits an article into paragraphs (one per non-blank line, as the corpus texts are laid out)
 * and flags the site chrome that came along with the body when the article was collected.
 */
import type { TextSpan } from './text-span';

export interface Paragraph extends TextSpan {
  /**
   * Page furniture rather than the article's own prose: an embedded tweet, a comment form.
   * Quotes in it are not the outlet's reporting (the tweet text is cut off mid-sentence), and
   * names in it must not become the "he" of the next paragraph.
   */
  chrome: boolean;
}

const CHROME_LINES: readonly RegExp[] = [
  /pic\.twitter\.com\//,
  // The credit line under an embedded tweet: "— Mr Producer (@RichSementa) April 18, 2025".
  /^[—–-]\s.*\(@\w+\)/,
  /^(?:Leave a )?Reply$/,
  /^Advertisement\b/,
  /^Your email address will not be published\b/,
];

export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const content = line.replace(/\r$/, '');
    const trimmed = content.trim();
    if (trimmed !== '') {
      paragraphs.push({
        start,
        end: start + content.length,
        chrome: CHROME_LINES.some((pattern) => pattern.test(trimmed)),
      });
    }
    start += line.length + 1;
  }
  return paragraphs;
}
