/**
 * Tells an article's own words from the site furniture that came along when it was collected.
 *
 * Nothing is deleted: the raw text stays byte for byte as collected, and cleaning only labels
 * spans of it. Each non-blank line is one block with a kind; citation markers inside a line
 * are cut out as spans of their own. The cleaned view (`bodySpans`) is therefore a list of raw
 * spans, and every offset found in it is already an offset into the raw text.
 *
 * The rules, tried in this order on each line:
 *  - crumbs: the run of "- Atlas News" / "- Posts" lines the text opens with;
 *  - an embedded tweet (a pic.twitter.com link) and its credit line ("— Name (@handle) April 18, 2025");
 *  - "Advertisement · Scroll to continue", "Reply", "Leave a Reply" and the comment form;
 *  - the title: the first remaining line, if it reads as a headline; a later copy of it is chrome;
 *  - headings: a line led by an emoji ("⚖️ Peace Talks on a Ticking Clock"), or a short line in
 *    title case without a closing period ("Strategic Interests Beyond Peace");
 *  - list items under a "Key Takeaways" heading, which restate the body;
 *  - paragraphs under an "… Opinion" heading: the outlet's comment, not its reporting;
 *  - everything else is prose.
 */
import type { TextSpan } from './text-span';

export type BlockKind =
  /** The headline. */
  | 'title'
  /** The article's own paragraphs. */
  | 'prose'
  | 'heading'
  /** An item of a "Key Takeaways" list: it repeats the body in other words. */
  | 'takeaway'
  /** The outlet's opinion box. */
  | 'opinion'
  /** Site furniture, not part of the article; `chrome` says which. */
  | 'chrome';

export type ChromeKind =
  | 'crumb'
  | 'repeated-title'
  | 'advertisement'
  | 'reply'
  | 'comment-form'
  | 'embedded-tweet'
  | 'tweet-credit';

/** One non-blank line of the raw text, without its line break or surrounding spaces. */
export interface Block extends TextSpan {
  kind: BlockKind;
  /** For `chrome` blocks: the rule that recognised it. */
  chrome?: ChromeKind;
  /** Chrome inside the line: citation markers (" 1 2 3" in "… remains elusive 1 2 3."). */
  cuts: TextSpan[];
}

const CHROME_LINES: readonly [ChromeKind, RegExp][] = [
  ['embedded-tweet', /\bpic\.twitter\.com\/|\btwitter\.com\/\w+\/status\//],
  ['tweet-credit', /^[—–-]\s.+\(@\w+\)\s+\p{L}+\.? \d{1,2}, \d{4}$/u],
  ['advertisement', /^Advertisement\b/],
  ['reply', /^(?:Leave a )?Reply$/],
  ['comment-form', /^Your email address will not be published\b|\bRequired fields are marked\b/],
];

const CRUMB = /^- \S/;
const LIST_ITEM = /^[-•*] \S/;
const EMOJI_LED = /^\p{Extended_Pictographic}/u;
const TAKEAWAYS_HEADING = /^(?:Key )?(?:Takeaways|Points|Highlights)$|^In Brief$/i;
const OPINION_HEADING = /\bOpinion$/;
/** Words a title-case heading leaves in lower case. */
const MINOR_WORDS = new Set(
  'a an and as at but by for from in into of on or over the to under vs with amid without'.split(' '),
);
const MAX_HEADING_WORDS = 12;
const MAX_TITLE_WORDS = 25;

/** The article's non-blank lines, each labelled. */
export function cleanArticle(text: string): Block[] {
  const blocks: Block[] = [];
  let title: string | undefined;
  let section: 'body' | 'takeaways' | 'opinion' = 'body';
  let opening = true;

  for (const line of lines(text)) {
    const content = text.slice(line.start, line.end);
    const block = (kind: BlockKind, chrome?: ChromeKind): Block => ({
      ...line,
      kind,
      ...(chrome && { chrome }),
      cuts: kind === 'chrome' || kind === 'heading' || kind === 'title' ? [] : citationMarkers(text, line),
    });

    const chrome = CHROME_LINES.find(([, pattern]) => pattern.test(content))?.[0];
    if (opening && CRUMB.test(content)) {
      blocks.push(block('chrome', 'crumb'));
      continue;
    }
    opening = false;
    if (chrome) {
      blocks.push(block('chrome', chrome));
    } else if (title === undefined && blocks.every((b) => b.kind === 'chrome') && isHeadline(content)) {
      title = content;
      blocks.push(block('title'));
    } else if (content === title) {
      blocks.push(block('chrome', 'repeated-title'));
    } else if (isHeading(content)) {
      section = TAKEAWAYS_HEADING.test(content) ? 'takeaways' : OPINION_HEADING.test(content) ? 'opinion' : 'body';
      blocks.push(block('heading'));
    } else if (section === 'takeaways' && LIST_ITEM.test(content)) {
      blocks.push(block('takeaway'));
    } else {
      if (section === 'takeaways') section = 'body';
      blocks.push(block(section === 'opinion' ? 'opinion' : 'prose'));
    }
  }
  return blocks;
}

/**
 * The cleaned view: the title and the prose, without citation markers, as spans of the raw
 * text in order. Joining their slices with line breaks gives the article as a reader sees it.
 */
export function bodySpans(blocks: readonly Block[]): TextSpan[] {
  return blocks
    .filter((b) => b.kind === 'title' || b.kind === 'prose')
    .flatMap((b) => subtract(b, b.cuts));
}

/** A span minus some spans inside it, as the pieces that remain. */
export function subtract(span: TextSpan, cuts: readonly TextSpan[]): TextSpan[] {
  const pieces: TextSpan[] = [];
  let start = span.start;
  for (const cut of [...cuts].sort((a, b) => a.start - b.start)) {
    if (cut.start > start) pieces.push({ start, end: Math.min(cut.start, span.end) });
    start = Math.max(start, cut.end);
  }
  if (start < span.end) pieces.push({ start, end: span.end });
  return pieces;
}

function lines(text: string): TextSpan[] {
  const found: TextSpan[] = [];
  for (const m of text.matchAll(/[^\n]+/g)) {
    const lead = /^\s*/.exec(m[0])![0].length;
    const trail = /\s*$/.exec(m[0])![0].length;
    if (lead < m[0].length) found.push({ start: m.index + lead, end: m.index + m[0].length - trail });
  }
  return found;
}

function words(line: string): string[] {
  return line.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/** A headline: one line, not too long, and not a sentence ending in a period. */
function isHeadline(line: string): boolean {
  return !LIST_ITEM.test(line) && !/[.;,][”"’)]*$/.test(line) && words(line).length <= MAX_TITLE_WORDS;
}

function isHeading(line: string): boolean {
  if (EMOJI_LED.test(line)) return true;
  const all = words(line);
  if (all.length === 0 || all.length > MAX_HEADING_WORDS || /[.;,:”"]$/.test(line) || LIST_ITEM.test(line)) {
    return false;
  }
  return all.every((word, i) => {
    const letters = word.replace(/^[^\p{L}\p{N}]+/u, '');
    return /^[\p{Lu}\p{N}]/u.test(letters) || (i > 0 && MINOR_WORDS.has(letters.toLowerCase()));
  });
}

/**
 * Footnote numbers a site printed as plain text: two or more ascending numbers before the
 * end of a sentence ("… remains elusive 1 2 3." → " 1 2 3"). A single number is left alone:
 * "aged 30." is not a citation.
 */
function citationMarkers(text: string, line: TextSpan): TextSpan[] {
  const cuts: TextSpan[] = [];
  const content = text.slice(line.start, line.end);
  for (const m of content.matchAll(/(?<=[\p{L}”"’)])((?: \d{1,2}){2,})(?=[.!?]?$|[.!?]\s)/gu)) {
    const numbers = m[1]!.trim().split(' ').map(Number);
    if (numbers.every((n, i) => i === 0 || n > numbers[i - 1]!)) {
      cuts.push({ start: line.start + m.index, end: line.start + m.index + m[0].length });
    }
  }
  return cuts;
}
