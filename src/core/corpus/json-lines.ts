/**
 * Where each value of a JSON text sits, so that an error about `entities[12].aliases` can name
 * the line to open. `JSON.parse` gives values only; this walks the same text once more and
 * records the line of every member key and array element. It also notices a key written twice
 * in one object, which `JSON.parse` would silently resolve to the last value.
 */

/** A path into a JSON value: object keys and array indices, outermost first. */
export type JsonPath = readonly (string | number)[];

export interface RepeatedKey {
  path: JsonPath;
  firstLine: number;
  line: number;
}

export class JsonLines {
  private readonly lineStarts: number[] = [0];
  private readonly offsets = new Map<string, number>();
  /** Keys that appear twice in the same object, in text order. */
  readonly repeatedKeys: RepeatedKey[] = [];

  /** `text` must be valid JSON (call after `JSON.parse` succeeded). */
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
    let at = 0;
    const skipSpace = () => {
      while (/\s/.test(text[at] ?? '')) at++;
    };
    const readString = (): string => {
      const start = at;
      for (at++; text[at] !== '"'; at++) if (text[at] === '\\') at++;
      at++;
      return JSON.parse(text.slice(start, at)) as string;
    };
    const readValue = (path: JsonPath): void => {
      skipSpace();
      const key = JSON.stringify(path);
      if (!this.offsets.has(key)) this.offsets.set(key, at);
      const char = text[at];
      if (char === '"') {
        readString();
      } else if (char === '{' || char === '[') {
        const isObject = char === '{';
        const seen = new Set<string>();
        at++;
        skipSpace();
        for (let index = 0; text[at] !== (isObject ? '}' : ']'); index++) {
          if (isObject) {
            const keyAt = at;
            const name = readString();
            const member = [...path, name];
            if (seen.has(name)) {
              const firstLine = this.lineOf(this.offsets.get(JSON.stringify(member)) ?? keyAt);
              this.repeatedKeys.push({ path: member, firstLine, line: this.lineOf(keyAt) });
            } else {
              seen.add(name);
              this.offsets.set(JSON.stringify(member), keyAt);
            }
            skipSpace();
            at++; // the colon
            readValue(member);
          } else {
            readValue([...path, index]);
          }
          skipSpace();
          if (text[at] === ',') at++;
          skipSpace();
        }
        at++;
      } else {
        while (at < text.length && !/[\s,\]}]/.test(text[at] ?? '')) at++;
      }
    };
    readValue([]);
  }

  /**
   * The 1-based line of the value at `path` (of its key, for an object member). A path that is
   * not in the text, such as a missing field, gives the line of its nearest ancestor.
   */
  line(path: JsonPath): number {
    for (let depth = path.length; depth >= 0; depth--) {
      const offset = this.offsets.get(JSON.stringify(path.slice(0, depth)));
      if (offset !== undefined) return this.lineOf(offset);
    }
    return 1;
  }

  /** The 1-based line of a UTF-16 offset into the text. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
}

/** Line and column of an offset in any text, valid JSON or not. */
export function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
