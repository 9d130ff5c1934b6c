/**
 * Turns matches in collected text runs into DOM Ranges over the page's own text nodes.
 */
import { inContext, type Matcher, type TextWindow } from '../core/match/matcher';
import { locate, type TextRun } from './collect-text';

export interface Mention {
  entityId: string;
  range: Range;
  /** The text nodes the range touches, for hit-testing by node. */
  nodes: Text[];
}

/**
 * The mentions in one run (a block's text, where context aliases need company: see inContext);
 * with `window`, only those starting in that part of its text.
 */
export function mentionsInRun(run: TextRun, matcher: Matcher, doc: Document, window?: TextWindow): Mention[] {
  return inContext(matcher.findAll(run.text, window)).map((m) => {
    const from = locate(run, m.start, false);
    const to = locate(run, m.end, true);
    const range = doc.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    const nodes = run.pieces
      .slice(from.index, to.index + 1)
      .filter((p) => p.start < m.end && p.start + p.node.data.length > m.start)
      .map((p) => p.node);
    return { entityId: m.entityId, range, nodes };
  });
}

export function findMentions(runs: readonly TextRun[], matcher: Matcher, doc: Document): Mention[] {
  return runs.flatMap((run) => mentionsInRun(run, matcher, doc));
}
