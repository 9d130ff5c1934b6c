/**
 * Reading the corpus JSON files. Each failed check throws a CorpusError naming the file, the
 * line, the object inside the file and the field, so a corpus author can go straight to it.
 */
import { CorpusError } from './corpus-error';
import { JsonLines, positionIn, type JsonPath } from './json-lines';

export type JsonObject = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isString = (value: unknown): value is string => typeof value === 'string';

export const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every(isString);

/** Stable ids end up in reader links and quote ids, so they are kept to one plain form. */
export const isKebabCase = (value: string): boolean => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);

/** A parsed corpus JSON file, with the lines of its values for error messages. */
export interface JsonFile {
  /** The file, as the author would open it, e.g. `data/entities.json`. */
  path: string;
  root: unknown;
  lines: JsonLines;
}

export function parseJsonFile(path: string, json: string): JsonFile {
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    const offset = /at position (\d+)/.exec(reason)?.[1];
    const where = offset === undefined ? '' : ` at line ${describePosition(positionIn(json, Number(offset)))}`;
    throw new CorpusError(`${path}: is not valid JSON${where} (${reason})`);
  }
  const lines = new JsonLines(json);
  const repeated = lines.repeatedKeys[0];
  if (repeated) {
    const key = String(repeated.path.at(-1));
    throw CorpusError.at(
      path,
      repeated.line,
      `the field "${key}" is written twice in one object (first on line ${repeated.firstLine}); keep one`,
    );
  }
  return { path, root, lines };
}

function describePosition({ line, column }: { line: number; column: number }): string {
  return `${line}, column ${column}`;
}

/** Reads the fields of one object of a corpus file, complaining in terms of that file. */
export class FieldReader {
  constructor(
    private readonly file: JsonFile,
    private readonly object: JsonObject,
    /** Where the object is in the file. */
    private readonly at: JsonPath,
    /** Which object it is, for the author, e.g. `entity "marco-rubio"`; empty for the top level. */
    private readonly subject: string,
  ) {}

  /** Stops the build; the line is that of `field` when given and present, else the object's. */
  fail(problem: string, field?: string | JsonPath): never {
    const where = this.subject ? `${this.subject} ` : '';
    throw CorpusError.at(this.file.path, this.lineOf(field), `${where}${problem}`);
  }

  lineOf(field?: string | JsonPath): number {
    const inner = field === undefined ? [] : typeof field === 'string' ? [field] : field;
    return this.file.lines.line([...this.at, ...inner]);
  }

  /** A typo such as "pubished" would otherwise silently leave the real field missing. */
  onlyFields(allowed: readonly string[]): void {
    const unknown = Object.keys(this.object).filter((key) => !allowed.includes(key));
    if (unknown.length > 0) {
      this.fail(`has unknown field "${unknown[0]}" (allowed: ${allowed.join(', ')})`, unknown[0]);
    }
  }

  has(field: string): boolean {
    return field in this.object;
  }

  private present(field: string): unknown {
    if (!(field in this.object)) this.fail(`is missing the field "${field}"`);
    return this.object[field];
  }

  /** A non-empty string without surrounding spaces. */
  text(field: string): string {
    const value = this.present(field);
    if (!isString(value)) this.fail(`field "${field}" must be a string, not ${describeJson(value)}`, field);
    if (value.trim() === '') this.fail(`field "${field}" is empty`, field);
    if (value.trim() !== value) this.fail(`field "${field}" has spaces around "${value.trim()}"`, field);
    return value;
  }

  /** A string, or null where the article text does not say. Empty strings are not allowed. */
  knownText(field: string): string | null {
    const value = this.present(field);
    if (value === null) return null;
    if (!isString(value)) {
      this.fail(`field "${field}" must be a string or null, not ${describeJson(value)}`, field);
    }
    if (value.trim() === '') this.fail(`field "${field}" is empty; write null if the text does not say`, field);
    return this.text(field);
  }

  /** An array of non-empty strings without surrounding spaces. */
  textList(field: string): string[] {
    const value = this.present(field);
    if (!isStringArray(value)) {
      this.fail(`field "${field}" must be an array of strings, not ${describeJson(value)}`, field);
    }
    value.forEach((item, i) => {
      if (item.trim() === '') this.fail(`field "${field}" has an empty entry`, [field, i]);
      if (item.trim() !== item) this.fail(`field "${field}" has spaces around "${item.trim()}"`, [field, i]);
    });
    return value;
  }

  /** An object whose values are all non-empty strings, such as `{ "outlet": "why unknown" }`. */
  textMap(field: string): Record<string, string> {
    const value = this.present(field);
    if (!isJsonObject(value)) this.fail(`field "${field}" must be an object, not ${describeJson(value)}`, field);
    for (const [key, item] of Object.entries(value)) {
      if (!isString(item) || item.trim() === '') {
        this.fail(`field "${field}" must give "${key}" a non-empty string, not ${describeJson(item)}`, [field, key]);
      }
    }
    return value as Record<string, string>;
  }

  id(field: string): string {
    const value = this.text(field);
    if (!isKebabCase(value)) {
      this.fail(`field "${field}" must be kebab-case (lower-case words joined by "-"), not "${value}"`, field);
    }
    return value;
  }
}

/** Names a JSON value's type the way a corpus author sees it in the file. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (isString(value)) return `the string "${value}"`;
  return typeof value === 'object' ? 'an object' : `the ${typeof value} ${String(value)}`;
}
