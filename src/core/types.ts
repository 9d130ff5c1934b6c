/**
 * The shapes of Backstory's corpus, shared by the build, the background, the content script and
 * the extension pages. The build (`build.mjs` → `src/core/corpus/build-index.ts`) produces one
 * `CorpusIndex`; everything else only reads it.
 */

export type EntityKind = 'person' | 'topic' | 'place-or-organisation';

/** A covered person, topic, place or organisation, as listed in `data/entities.json`. */
export interface Entity {
  /** Stable kebab-case id, e.g. `marco-rubio`. */
  id: string;
  kind: EntityKind;
  /** Display name, e.g. `Marco Rubio`. */
  name: string;
  /** One line drawn from the corpus, e.g. `US Secretary of State`. */
  role: string;
  /** Every spelling that names this entity in page text, the display name included. */
  aliases: string[];
  /** Names that contain an alias but are someone else, e.g. `Melania Trump` for Donald Trump. */
  namesakes: string[];
  /**
   * How page text must be cased to match an alias. `proper`: as written or in all caps
   * (names: "Trump", "TRUMP", never "trump card"). `any`: any case (topics: "ceasefire").
   */
  caseRule: CaseRule;
}

export type CaseRule = 'proper' | 'any';

/** A metadata field the text may or may not support; `null` means the text does not say. */
export type Known<T> = T | null;

/** One corpus article: its raw text exactly as collected, and what the text tells about it. */
export interface Article {
  /** Stable kebab-case id, used in reader links. */
  id: string;
  /** Source file name under `data/articles/`. */
  file: string;
  title: Known<string>;
  outlet: Known<string>;
  /** ISO date of publication; no article in the bundled corpus states one. */
  published: Known<string>;
  /** BCP 47 language tag. */
  language: string;
  /** The raw text, byte for byte as in `data/articles/<file>`. Offsets below index into it. */
  text: string;
}

/** A direct quotation, attributed to a covered entity. */
export interface Quote {
  /** Unique within the index, e.g. `atlas-news-walk-away#q3`. */
  id: string;
  /** The entity who said it. */
  speakerId: string;
  articleId: string;
  /** UTF-16 offsets into `Article.text`, covering the quoted words without the quote marks. */
  start: number;
  end: number;
  /** Exactly `article.text.slice(start, end)`. */
  text: string;
}

/** What the build emits as `index.json` and the extension loads. */
export interface CorpusIndex {
  schema: 1;
  entities: Entity[];
  articles: Article[];
  quotes: Quote[];
}
