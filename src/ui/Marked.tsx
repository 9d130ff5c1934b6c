import type { Segment } from '../core/search';

export interface Props {
  /** Text in runs, some marked as matching the search. */
  segments: Segment[];
}

/** Text with the characters a search matched in <mark>; always text, never markup. */
export function Marked({ segments }: Props) {
  return (
    <>
      {segments.map((s, i) => (s.marked ? <mark key={i}>{s.text}</mark> : s.text))}
    </>
  );
}
