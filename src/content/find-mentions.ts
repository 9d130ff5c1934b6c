/**
 * Turns matches in collected text runs into DOM Ranges over the page's own text nodes.
 */
import type { Matcher } from '../core/match/matcher';
import { locate, type TextRun } from './collect-text';

export interface Mention {
  entityId: string;
  range: Range;
  /** The text nodes the range touches, for hit-testing by node. */
  nodes: Text[];
}

export function findMentions(runs: readonly TextRun[], matcher: Matcher, doc: Document): Mention[] {
  const mentions: Mention[] = [];
  for (const run of runs) {
    for (const m of matcher.findAll(run.text)) {
      const from = locate(run, m.start, false);
      const to = locate(run, m.end, true);
      const range = doc.createRange();
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      const nodes = run.pieces
        .filter((p) => p.start < m.end && p.start + p.node.data.length > m.start)
        .map((p) => p.node);
      mentions.push({ entityId: m.entityId, range, nodes });
    }
  }
  return mentions;
}
