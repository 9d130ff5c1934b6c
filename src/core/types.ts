/**
 * The shapes of Backstory's corpus, shared by the build, the background, the content script and
 * the extension pages. The build (`build.mjs` → `src/core/corpus/build-index.ts`) produces one
 * `CorpusIndex`; everything else only reads it. `docs/corpus.md` describes the same shapes as
 * JSON.
 */

export type EntityKind = 'person' | 'topic' | 'place-or-organisation';

/** A covered person, topic, place or organisation, as listed in `data/entities.json`. */
export interface EntityEntry {
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
   * Aliases (each also in `aliases`) too common to name this entity on their own: on a page, one
   * counts only where the same block of text names another covered entity ("sanctions" beside
   * "Putin", not in an article about Sudan). Optional in data/entities.json.
   */
  contextAliases?: string[];
  /**
   * How page text must be cased to match an alias. `proper`: as written or in all caps
   * (names: "Trump", "TRUMP", never "trump card"). `any`: any case (topics: "ceasefire").
   */
  caseRule: CaseRule;
  /**
   * Ids of other covered entities closely tied to this one in the corpus (Sergei Lavrov → the
   * Paris talks he was briefed on). A card may link to them, and a background draws on their
   * sentences when the corpus names this entity too rarely to fill one.
   */
  related: string[];
}

export type CaseRule = 'proper' | 'any';

/** A covered entity as the index ships it: the entry, plus its background from the corpus. */
export interface Entity extends EntityEntry {
  /** 2 to 4 sentences of the corpus, verbatim, each pointing at its span; most relevant first. */
  background: BackgroundSentence[];
  /** When the background was true: the newest publication date among its sources. */
  asOf: AsOf;
  /** The articles the background quotes, in the order it first quotes them. */
  sources: string[];
}

/** A span of one article, with its text: `text === article.text.slice(start, end)`. */
export interface ArticleSpan {
  articleId: string;
  /** UTF-16 offsets into `Article.text`, end exclusive. */
  start: number;
  end: number;
  text: string;
}

/** One sentence of a background, as the article prints it. */
export type BackgroundSentence = ArticleSpan;

/**
 * No article in the bundled corpus states when it was published, so a background can only say
 * that its date is unknown; the build never puts an event date in its place.
 */
export type AsOf =
  | {
      /** The newest publication date among the sources. Undated sources may be newer still. */
      status: 'dated';
      date: string;
    }
  | { status: 'undated'; date: null };

/** A metadata field the text may or may not support; `null` means the text does not say. */
export type Known<T> = T | null;

/** The metadata fields an article's text may leave unsaid. */
export type UnknownField = 'title' | 'outlet' | 'published';

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
  /** For each field above that is null, what the text does or does not say about it. */
  unknown: Partial<Record<UnknownField, string>>;
  /** The raw text, byte for byte as in `data/articles/<file>`. Offsets below index into it. */
  text: string;
}

/**
 * Who speaks a quote when the text names no covered person:
 * - `document`: a text, not a person ("the memo reads");
 * - `institution`: an office or an administration ("Zelensky’s office called …");
 * - `unnamed official`: someone the text does not name ("a U.S. official said");
 * - `other person`: someone named who is not covered, or a namesake of someone who is;
 * - `term`: words quoted as a name or a term, not as a remark ("America First");
 * - `unknown`: the text does not say.
 */
export type SpeakerNote = 'document' | 'institution' | 'unnamed official' | 'other person' | 'term' | 'unknown';

/** One outlet's wording of a quote: a span of the words between its quotation marks. */
export type QuoteSource = ArticleSpan;

/**
 * One remark, as one or more articles quote it. Different outlets' wordings of the same remark,
 * and repeats inside one article, are sources of a single quote.
 *
 * The top-level `articleId`, `start`, `end` and `text` repeat the main wording: the fullest
 * source in an article's own prose (not a takeaway, nor a tweet cut off mid-sentence), so a
 * reader link or a one-line display needs no choice.
 */
export interface Quote extends QuoteSource {
  /** Unique within the index: the article of its first source and a number, e.g. `atlas-news-walk-away#q3`. */
  id: string;
  /** The covered person who said it, or null when the text names none (see `speakerNote`). */
  speaker: string | null;
  /** Present exactly when `speaker` is null. */
  speakerNote?: SpeakerNote;
  /** Every wording of the remark, in corpus order (article order, then position). */
  sources: QuoteSource[];
}

/** What the build emits as `index.json` and the extension loads. */
export interface CorpusIndex {
  schema: 1;
  entities: Entity[];
  articles: Article[];
  quotes: Quote[];
}
