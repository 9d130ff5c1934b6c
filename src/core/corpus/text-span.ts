/** A range of UTF-16 offsets into an article's text, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}
