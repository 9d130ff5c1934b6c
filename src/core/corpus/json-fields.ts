/**
 * Type guards for the corpus JSON files. Each failed check throws a CorpusError naming the
 * file, the object inside it and the field, so a corpus author can go straight to the line.
 */
import { CorpusError } from './corpus-error';

export type JsonObject = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isString = (value: unknown): value is string => typeof value === 'string';

export const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every(isString);

/** Stable ids end up in reader links and quote ids, so they are kept to one plain form. */
export const isKebabCase = (value: string): boolean => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);

export function parseJson(path: string, json: string): unknown {
  try {
    return JSON.parse(json);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CorpusError(`${path}: is not valid JSON (${reason})`);
  }
}

/** Reads the fields of one object of a corpus file, complaining in terms of that file. */
export class FieldReader {
  constructor(
    private readonly object: JsonObject,
    /** The file, as the author would open it. */
    private readonly path: string,
    /** Which object inside the file, e.g. `entity "marco-rubio"`; empty for the top level. */
    private readonly subject: string,
  ) {}

  fail(problem: string): never {
    const where = this.subject ? `${this.subject} ` : '';
    throw new CorpusError(`${this.path}: ${where}${problem}`);
  }

  /** A typo such as "pubished" would otherwise silently leave the real field missing. */
  onlyFields(allowed: readonly string[]): void {
    const unknown = Object.keys(this.object).filter((key) => !allowed.includes(key));
    if (unknown.length > 0) {
      this.fail(`has unknown field "${unknown[0]}" (allowed: ${allowed.join(', ')})`);
    }
  }

  private present(field: string): unknown {
    if (!(field in this.object)) this.fail(`is missing the field "${field}"`);
    return this.object[field];
  }

  /** A non-empty string without surrounding spaces. */
  text(field: string): string {
    const value = this.present(field);
    if (!isString(value)) this.fail(`field "${field}" must be a string, not ${describeJson(value)}`);
    if (value.trim() === '') this.fail(`field "${field}" is empty`);
    if (value.trim() !== value) this.fail(`field "${field}" has spaces around "${value.trim()}"`);
    return value;
  }

  /** A string, or null where the article text does not say. Empty strings are not allowed. */
  knownText(field: string): string | null {
    const value = this.present(field);
    if (value === null) return null;
    if (!isString(value)) {
      this.fail(`field "${field}" must be a string or null, not ${describeJson(value)}`);
    }
    if (value.trim() === '') this.fail(`field "${field}" is empty; write null if the text does not say`);
    return this.text(field);
  }

  /** An array of non-empty strings without surrounding spaces. */
  textList(field: string): string[] {
    const value = this.present(field);
    if (!isStringArray(value)) {
      this.fail(`field "${field}" must be an array of strings, not ${describeJson(value)}`);
    }
    for (const item of value) {
      if (item.trim() === '') this.fail(`field "${field}" has an empty entry`);
      if (item.trim() !== item) this.fail(`field "${field}" has spaces around "${item.trim()}"`);
    }
    return value;
  }

  id(field: string): string {
    const value = this.text(field);
    if (!isKebabCase(value)) {
      this.fail(`field "${field}" must be kebab-case (lower-case words joined by "-"), not "${value}"`);
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
