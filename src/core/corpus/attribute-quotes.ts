/**
 * Decides who speaks each quotation of an article, by reading the narrator's words around it.
 *
 * The rules, tried in this order for each quotation:
 *  1. after it, in the same sentence: “…,” Trump said / said Trump / he said / according to X;
 *  2. before it, in the same sentence: the subject of the last speech verb ("Peskov confirmed
 *     that talks remain “…”", "Rubio, who issued a direct warning: “…”"), or according to X;
 *  3. it continues the previous quotation of the paragraph across its attribution
 *     (“…,” he said. “…”).
 * "He" or "she" stands for the subject of the nearest sentence (or clause) before it, in the
 * same or the previous paragraph, that names someone. A speaker who is not a covered person, a
 * namesake, or no speaker at all gives null: the quotation is dropped rather than guessed at.
 */
import type { PersonMention } from './find-person-mentions';
import type { Quotation } from './find-quotations';
import { findSpeechVerbs } from './speech-verbs';
import type { TextSpan } from './text-span';

export interface ProseLayout {
  /** The article text with the quoted words masked (mask-quotations.ts). */
  masked: string;
  /** The article's own paragraphs, site chrome left out, in order, each with its sentences. */
  paragraphs: (TextSpan & { sentences: TextSpan[] })[];
  /** People named in those paragraphs outside quotations, in text order. */
  mentions: PersonMention[];
}

/** Who does the saying: a name, or a pronoun at this offset whose antecedent is still to find. */
type Subject = PersonMention | { pronounAt: number };

/**
 * A speaker id; null when a rule applies but finds no covered person; undefined when the rule
 * does not apply, so the next one may.
 */
type Verdict = string | null | undefined;

/**
 * A conjunction after a comma or a closing quotation mark starts a new clause with its own
 * subject ("Rubio reported …, while Zelensky’s office called …").
 */
const CLAUSE_BREAK = /(?:[,;]|[”"])\s+(?=(?:while|whereas|but|though|although|and|yet|so)\s)|;\s*/g;

/** An introductory phrase whose names are not the subject ("Despite … Trump and Rubio, Vance …"). */
const INTRODUCTORY = new RegExp(
  '^[\\s•–—-]*(?:Despite|While|Although|Though|After|Before|As|When|Following|Amid|Speaking|With|' +
    'Without|In|Since|Unlike|Like|Meanwhile|However|Still|Asked|Earlier|Later|On|At|During|If|' +
    'Because|Once)\\b',
);

/** Words that may stand between a subject and its verb: "Zelensky has told", "Trump stated bluntly". */
const BETWEEN_SUBJECT_AND_VERB = new Set('has have had also further then later again once first'.split(' '));

/** How far a name may sit from its verb in "said Kremlin spokesperson Dmitry Peskov". */
const MAX_ROLE_WORDS = 4;
/** How far after a quotation its verb may come: “…,” Kremlin spokesperson Dmitry Peskov said. */
const MAX_WORDS_BEFORE_VERB_AFTER_QUOTE = 6;

/** The speaker of each quotation (in the order given), or null where none can be trusted. */
export function attributeQuotations(
  layout: ProseLayout,
  quotations: readonly Quotation[],
): (string | null)[] {
  return new Attribution(layout).run(quotations);
}

/** The quotation before, in the same paragraph. */
interface Previous {
  paragraph: number;
  speaker: string | null;
  /** Where its attribution ends, when it was attributed by what follows it. */
  attributionEnd?: number;
}

class Attribution {
  constructor(private readonly layout: ProseLayout) {}

  run(quotations: readonly Quotation[]): (string | null)[] {
    const speakers: (string | null)[] = [];
    let previous: Previous | undefined;
    quotations.forEach((quotation, i) => {
      const paragraph = this.paragraphIndexAt(quotation.open);
      const next = quotations[i + 1];
      const nextOpen = next && this.paragraphIndexAt(next.open) === paragraph ? next.open : undefined;
      if (previous?.paragraph !== paragraph) previous = undefined;

      const after = this.attributionAfter(quotation, paragraph, nextOpen);
      let speaker: Verdict = after ? after.speaker : this.attributionBefore(quotation, paragraph);
      if (speaker === undefined) speaker = this.continuedSpeaker(previous, quotation.open);
      speakers.push(speaker);
      previous = { paragraph, speaker, ...(after && { attributionEnd: after.end }) };
    });
    return speakers;
  }

  /** Rule 1: the attribution that follows the closing mark. */
  private attributionAfter(
    quotation: Quotation,
    paragraphIndex: number,
    nextOpen: number | undefined,
  ): { speaker: string | null; end: number } | undefined {
    const { masked } = this.layout;
    const paragraph = this.paragraph(paragraphIndex);
    // “… moving on.” Rubio made the statement … — a new sentence, not an attribution.
    const closesSentence = (s: TextSpan) => s.end === quotation.close + 1 && s.end < paragraph.end;
    if (paragraph.sentences.some(closesSentence)) return undefined;

    let start = quotation.close + 1;
    const sentence = this.sentenceAt(paragraphIndex, start);
    const end = Math.min(nextOpen ?? paragraph.end, sentence.end);
    while (start < end && /[\s,]/.test(masked[start] ?? '')) start++;
    if (start >= end) return undefined;

    const according = /^according to\s+/i.exec(masked.slice(start, end));
    if (according) {
      const source = this.nameAfter(start + according[0].length, end);
      return { speaker: source ? this.resolve(source) : null, end };
    }
    const verb = findSpeechVerbs(masked, start, end)[0];
    if (!verb || countWords(masked.slice(start, verb.start)) > MAX_WORDS_BEFORE_VERB_AFTER_QUOTE) {
      return undefined;
    }
    const subject = this.subjectJustBefore(verb.start, start) ?? this.nameAfter(verb.end, end);
    return subject && { speaker: this.resolve(subject), end };
  }

  /** Rule 2: the attribution earlier in the quotation's own sentence. */
  private attributionBefore(quotation: Quotation, paragraphIndex: number): Verdict {
    const { masked } = this.layout;
    const from = this.sentenceAt(paragraphIndex, quotation.open).start;
    const to = quotation.open;
    const lead = masked.slice(from, to);

    const according = [...lead.matchAll(/\baccording to\s+/gi)].at(-1);
    const verb = findSpeechVerbs(masked, from, to).at(-1);
    if (according && (!verb || from + according.index > verb.start)) {
      const source = this.nameAfter(from + according.index + according[0].length, to);
      return source ? this.resolve(source) : null;
    }
    // "Marco Rubio: “…”" and "issued a direct warning: “…”" introduce speech with the colon.
    const colon = lead.trimEnd().endsWith(':') ? from + lead.trimEnd().length - 1 : undefined;
    const cue = verb?.start ?? colon;
    if (cue === undefined) return undefined;
    const subject =
      this.subjectJustBefore(cue, from) ?? this.clauseSubject(this.clauseStart(from, cue), cue);
    return subject ? this.resolve(subject) : null;
  }

  /** Rule 3: “…,” he said. “…” — nothing but the previous quotation's attribution in between. */
  private continuedSpeaker(previous: Previous | undefined, open: number): string | null {
    if (previous?.attributionEnd === undefined) return null;
    const gap = this.layout.masked.slice(previous.attributionEnd, open);
    return /^[\s.,;:—–-]*$/.test(gap) ? previous.speaker : null;
  }

  private resolve(subject: Subject): string | null {
    return 'pronounAt' in subject ? this.antecedent(subject.pronounAt) : subject.entityId;
  }

  /**
   * The subject of the nearest sentence or clause before `at` that names someone, looking no
   * further back than the previous paragraph. The subject rather than the last name, because
   * "Vance, after a meeting with Meloni, struck a hopeful note. “…,” he said" is Vance.
   */
  private antecedent(at: number): string | null {
    const index = this.paragraphIndexAt(at);
    const paragraph = this.paragraph(index);
    const current = this.sentenceIndexAt(index, at);
    const earlier = [
      { start: this.sentenceAt(index, at).start, end: at },
      ...paragraph.sentences.slice(0, current).reverse(),
      ...(this.layout.paragraphs[index - 1]?.sentences.slice().reverse() ?? []),
    ];
    for (const range of earlier) {
      const clauses = this.clauses(range).reverse();
      for (const clause of clauses) {
        const subject = this.clauseSubject(clause.start, clause.end);
        if (subject) return subject.entityId;
      }
    }
    return null;
  }

  /** The name or pronoun right before a verb, past auxiliaries and adverbs ("Trump has also said"). */
  private subjectJustBefore(verbStart: number, from: number): Subject | undefined {
    let at = verbStart;
    for (;;) {
      at = skipSpaceBack(this.layout.masked, at, from);
      const word = this.wordEndingAt(at, from);
      if (!word || !(BETWEEN_SUBJECT_AND_VERB.has(word.text) || /^\p{Ll}+ly$/u.test(word.text))) break;
      at = word.start;
    }
    const name = this.nameEndingAt(at, from);
    if (name) return name;
    const word = this.wordEndingAt(at, from);
    if (word && /^(?:he|she)$/i.test(word.text)) return { pronounAt: word.start };
    if (word?.text === 'who') {
      // "Marco Rubio, who issued …"
      const { masked } = this.layout;
      const comma = skipSpaceBack(masked, word.start, from);
      if (masked[comma - 1] === ',') return this.nameEndingAt(skipSpaceBack(masked, comma - 1, from), from);
    }
    return undefined;
  }

  /** A name shortly after `from`, past a few role words: "said Kremlin spokesperson Dmitry Peskov". */
  private nameAfter(from: number, to: number): PersonMention | undefined {
    const name = this.layout.mentions.find((m) => m.start >= from && m.start < to && !m.modifier);
    if (!name) return undefined;
    const gap = this.layout.masked.slice(from, name.start);
    return !/[,.;:]/.test(gap) && countWords(gap) <= MAX_ROLE_WORDS ? name : undefined;
  }

  /** The subject of a clause: its first name, unless an introductory phrase holds that name. */
  private clauseSubject(from: number, to: number): PersonMention | undefined {
    const names = this.layout.mentions.filter((m) => m.start >= from && m.end <= to && !m.modifier);
    const text = this.layout.masked.slice(from, to);
    const comma = text.indexOf(',');
    if (INTRODUCTORY.test(text) && comma >= 0) {
      const main = names.find((m) => m.start > from + comma);
      if (main) return main;
    }
    return names[0];
  }

  private clauseStart(from: number, at: number): number {
    const breaks = [...this.layout.masked.slice(from, at).matchAll(CLAUSE_BREAK)];
    const last = breaks.at(-1);
    return last ? from + last.index + last[0].length : from;
  }

  private clauses(range: TextSpan): TextSpan[] {
    const clauses: TextSpan[] = [];
    let start = range.start;
    for (const brk of this.layout.masked.slice(range.start, range.end).matchAll(CLAUSE_BREAK)) {
      clauses.push({ start, end: range.start + brk.index });
      start = range.start + brk.index + brk[0].length;
    }
    clauses.push({ start, end: range.end });
    return clauses;
  }

  private nameEndingAt(at: number, from: number): PersonMention | undefined {
    return this.layout.mentions.find((m) => m.end === at && m.start >= from && !m.modifier);
  }

  private wordEndingAt(at: number, from: number): { start: number; text: string } | undefined {
    const match = /[\p{L}\p{N}’'-]+$/u.exec(this.layout.masked.slice(from, at));
    return match ? { start: at - match[0].length, text: match[0] } : undefined;
  }

  private paragraph(index: number): ProseLayout['paragraphs'][number] {
    const paragraph = this.layout.paragraphs[index];
    if (!paragraph) throw new Error(`No paragraph #${index}`);
    return paragraph;
  }

  private paragraphIndexAt(at: number): number {
    const index = this.layout.paragraphs.findIndex((p) => p.start <= at && at <= p.end);
    if (index < 0) throw new Error(`Offset ${at} is in no paragraph`);
    return index;
  }

  private sentenceIndexAt(paragraphIndex: number, at: number): number {
    const { sentences } = this.paragraph(paragraphIndex);
    const index = sentences.findLastIndex((s) => s.start <= at);
    return Math.max(index, 0);
  }

  private sentenceAt(paragraphIndex: number, at: number): TextSpan {
    const { sentences } = this.paragraph(paragraphIndex);
    const sentence = sentences[this.sentenceIndexAt(paragraphIndex, at)];
    if (!sentence) throw new Error(`Paragraph #${paragraphIndex} has no sentences`);
    return sentence;
  }
}

function skipSpaceBack(text: string, at: number, from: number): number {
  while (at > from && /\s/.test(text[at - 1] ?? '')) at--;
  return at;
}

function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:[’'.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
