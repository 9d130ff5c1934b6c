/**
 * What Backstory would mark in HTML files, for corpus authors:
 *
 *   npm run --silent scan -- [--json] FILE.html...
 *
 * Each file is parsed in node as a browser parses it (jsdom: the HTML standard's parser, no
 * scripts run, nothing fetched), then read by the extension's own code: text collection
 * (src/content/collect-text.ts), mention finding and the matcher (src/core/match), with the
 * entities the build puts into the extension (build.mjs `buildCorpus()` over data/).
 *
 * Output, one file after another: a readable list, or with --json one line per file:
 *   {"file": …, "mentions": [{"entity": id, "name": display name, "text": …, "start": …, "end": …}]}
 * `start` and `end` are UTF-16 offsets into the file's `document.body.textContent` (all text
 * under <body> in document order, script and style text included, as the DOM defines it);
 * `text` is `body.textContent.slice(start, end)`, the mention as the page prints it.
 *
 * A file that cannot be scanned (missing, a directory, too large, binary, not HTML) gets a
 * message on stderr; the others are still scanned, and the exit status is 1. A usage error
 * exits with 2.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { collectTextRuns } from '../content/collect-text';
import { mentionsInRun } from '../content/find-mentions';
import { compileMatcher, type Matcher, type MatcherEntity } from '../core/match/matcher';
import type { Entity } from '../core/types';

/** Larger files are refused: no news page comes near, and parsing one would take minutes. */
export const MAX_BYTES = 16 * 1024 * 1024;

/** Matched in windows of this many characters, as the extension does with long runs. */
const WINDOW = 16_384;

export interface ScanMention {
  entity: string;
  name: string;
  text: string;
  start: number;
  end: number;
}

export type ScanEntity = MatcherEntity & Pick<Entity, 'name'>;

/** A mention, and the words around it in its block, for people to read. */
export interface FoundMention {
  mention: ScanMention;
  before: string;
  after: string;
}

/** The mentions Backstory would mark in a parsed document. */
export function scanDocument(doc: Document, matcher: Matcher, names: ReadonlyMap<string, string>): FoundMention[] {
  const body = doc.body;
  if (!body) return [];
  // Where each text node starts in body.textContent.
  const offsets = new Map<Node, number>();
  let length = 0;
  const walker = doc.createTreeWalker(body, 0x4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    offsets.set(n, length);
    length += (n as Text).data.length;
  }
  const content = body.textContent ?? '';

  const found: FoundMention[] = [];
  for (const run of collectTextRuns(body)) {
    const inRun = new Map<Node, number>(run.pieces.map((p) => [p.node, p.start]));
    for (let from = 0; from < run.text.length; from += WINDOW) {
      const window = run.text.length > WINDOW ? { from, to: from + WINDOW } : undefined;
      for (const m of mentionsInRun(run, matcher, doc, window)) {
        const start = offsets.get(m.range.startContainer)! + m.range.startOffset;
        const end = offsets.get(m.range.endContainer)! + m.range.endOffset;
        const runStart = inRun.get(m.range.startContainer)! + m.range.startOffset;
        const runEnd = inRun.get(m.range.endContainer)! + m.range.endOffset;
        found.push({
          mention: { entity: m.entityId, name: names.get(m.entityId) ?? m.entityId, text: content.slice(start, end), start, end },
          before: run.text.slice(Math.max(0, runStart - 40), runStart),
          after: run.text.slice(runEnd, runEnd + 40),
        });
      }
    }
  }
  return found;
}

/** Parses HTML as a browser would, with scripts off and nothing loaded. */
export function parseHtml(html: string): { doc: Document; close: () => void } {
  const hasNoscript = /<noscript/i.test(html);
  // A silent console: pages' style sheets that jsdom cannot parse are none of the reader's business.
  const dom = new JSDOM(html, { virtualConsole: new VirtualConsole(), includeNodeLocations: hasNoscript });
  const doc = dom.window.document as unknown as Document;
  if (hasNoscript) {
    // Browsers run Backstory with scripting on, where <noscript> holds its source as raw text;
    // jsdom parses it with scripting off, as elements. Put the raw text back, so offsets into
    // body.textContent agree with the browser's.
    for (const el of doc.querySelectorAll('noscript')) {
      const at = dom.nodeLocation(el as never) as { startTag?: { endOffset: number }; endTag?: { startOffset: number } } | null;
      if (at?.startTag && at.endTag) el.replaceChildren(doc.createTextNode(html.slice(at.startTag.endOffset, at.endTag.startOffset)));
    }
  }
  return { doc, close: () => dom.window.close() };
}

export class InputError extends Error {}

/** The text of an HTML file, or an InputError saying why it is not one. */
export async function readHtml(file: string): Promise<string> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`);
  }
  if (info.isDirectory()) throw new InputError('is a directory, not an HTML file');
  if (!info.isFile()) throw new InputError('is not a regular file');
  if (info.size > MAX_BYTES) {
    throw new InputError(`is ${megabytes(info.size)}; scan reads HTML files up to ${megabytes(MAX_BYTES)}`);
  }
  const bytes = await readFile(file);
  if (looksBinary(bytes)) throw new InputError('is binary data, not an HTML file');
  const text = decode(bytes);
  if (!/<(?:!doctype|[a-z][a-z0-9-]*)[\s/>]/i.test(text)) {
    throw new InputError('does not look like HTML: it holds no tags');
  }
  return text;
}

/** NUL bytes, or more than 1% control characters, in the first 8 kB. */
function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++;
  }
  return control > head.length / 100;
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** UTF-8 when the bytes are; else the charset the page declares; else windows-1252, as browsers do. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const head = bytes.subarray(0, 2048).toString('latin1');
    const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
    try {
      return new TextDecoder(declared ?? 'windows-1252').decode(bytes);
    } catch {
      return new TextDecoder('windows-1252').decode(bytes);
    }
  }
}

/** The repository root: the nearest folder above this module that holds build.mjs. */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'build.mjs'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('scan: cannot find build.mjs above this tool');
    dir = up;
  }
  return dir;
}

/** The entities as the build gives them to the extension. */
export async function loadEntities(): Promise<ScanEntity[]> {
  // `npm run scan` runs this tool from inside build.mjs, whose top-level await is still
  // pending: importing that same module instance would wait for itself. A query string makes
  // a separate instance, whose entry-point check sees it is not the entry point.
  const url = `${pathToFileURL(path.join(repoRoot(), 'build.mjs')).href}?scan`;
  const build = (await import(url)) as typeof import('../../build.mjs');
  const index = await build.buildCorpus();
  return index.entities;
}

const USAGE = `usage: npm run --silent scan -- [--json] FILE.html...

Prints what Backstory would mark in each HTML file.
  --json   one JSON line per file: {"file", "mentions": [{"entity", "name", "text", "start", "end"}]}
           start/end are UTF-16 offsets into the file's document.body.textContent
`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** The entities to match; by default those built from data/. */
  entities?: ScanEntity[];
}

const defaultIo: Io = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

export async function main(args: string[], io: Io = defaultIo): Promise<number> {
  const files: string[] = [];
  let json = false;
  for (const arg of args) {
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') {
      io.out(USAGE.trimEnd());
      return 0;
    } else if (arg.startsWith('--')) {
      io.err(`scan: unknown option ${arg}\n${USAGE}`);
      return 2;
    } else files.push(arg);
  }
  if (files.length === 0) {
    io.err(`scan: no files given\n${USAGE}`);
    return 2;
  }

  const entities = io.entities ?? (await loadEntities());
  const matcher = compileMatcher(entities);
  const names = new Map(entities.map((e) => [e.id, e.name]));

  let failed = 0;
  for (const file of files) {
    let found: FoundMention[];
    try {
      const { doc, close } = parseHtml(await readHtml(file));
      try {
        found = scanDocument(doc, matcher, names);
      } finally {
        close();
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.err(`scan: ${file}: ${error.message}`);
      failed++;
      continue;
    }
    if (json) {
      io.out(JSON.stringify({ file, mentions: found.map((f) => f.mention) }));
    } else {
      const n = found.length;
      io.out(`${file}: ${n === 0 ? 'no mentions' : n === 1 ? '1 mention' : `${n} mentions`}`);
      for (const f of found) io.out(`  ${describe(f)}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

/** One mention as a line: where, who, and the words around it. */
export function describe({ mention: m, before, after }: FoundMention): string {
  const flat = (t: string) => t.replace(/\s+/g, ' ');
  return `${m.start}-${m.end}  ${m.name} (${m.entity})  …${flat(before).trimStart()}[${flat(m.text)}]${flat(after).trimEnd()}…`;
}
