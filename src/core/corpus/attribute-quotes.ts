/**
 * Decides who speaks each quotation of an article, by reading the narrator's words around it.
 *
 * The rules, tried in this order for each quotation:
 *  1. after it, in the same sentence: “…,” Trump said / said Trump / he said / according to X /
 *     the memo reads;
 *  2. before it, in the same sentence: the subject of the last speech verb ("Peskov confirmed
 *     that talks remain “…”", "Zelensky’s office called the talks “…”"), a colon ("Rubio: “…”",
 *     "issued a direct warning: “…”"), or according to X;
 *  3. it continues the previous quotation of the paragraph across its attribution
 *     (“…,” he said. “…”);
 *  4. nothing introduces it: the words of an institution named in its clause ("the
 *     administration’s readiness to “move on”"), else a term the narrator quotes ("America
 *     First"), else unknown.
 * "He" or "she" stands for the subject of the nearest sentence (or clause) before it, in the
 * same or the previous paragraph, that names someone.
 *
 * A speaker is always a covered person named in the text. Anyone or anything else gives null
 * with a note saying what the text does say (a document, an institution, an unnamed official,
 * a namesake, a term, or nothing): the build never guesses a person.
 */
import type { SpeakerNote } from '../types';
import type { SpeakerMention } from './find-speaker-mentions';
import type { Quotation } from './find-quotations';
import { findSpeechVerbs } from './speech-verbs';
import type { TextSpan } from './text-span';

export type Attribution = { speaker: string } | { speaker: null; note: SpeakerNote };

export interface ProseLayout {
  /** The raw article text. */
  text: string;
  /** The same text with the quoted words masked (mask-quotations.ts). */
  masked: string;
  /** The paragraphs read together, in order, each with its sentences. */
  paragraphs: (TextSpan & { sentences: TextSpan[] })[];
  /** People and organisations named in those paragraphs outside quotations, in text order. */
  mentions: SpeakerMention[];
}

/** Who does the saying: a name, a pronoun whose antecedent is still to find, or a description. */
type Subject = SpeakerMention | { pronounAt: number } | { note: SpeakerNote };

/** An attribution; undefined when the rule does not apply, so the next one may. */
type Verdict = Attribution | undefined;

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

/** Nouns that make the subject a text rather than a person: "the memo reads". */
const DOCUMENT = [
  'memo', 'memorandum', 'documents?', 'draft', 'text', 'letter', 'report', 'statement', 'communiqu[eé]',
  'readout', 'decree', 'declaration', 'resolution', 'agreement', 'deal', 'treaty', 'filing', 'post',
].join('|');
/** Nouns that make the subject an institution: "Zelensky’s office called", "the administration emphasizes". */
const INSTITUTION = [
  'office', 'administration', 'government', 'ministry', 'department', 'embassy', 'presidency', 'cabinet',
  'campaign', 'parliament', 'legislature', 'side',
].join('|');
const INSTITUTION_IN_CLAUSE = new RegExp(`\\b(?:${INSTITUTION})(?:[’']s)?\\b`, 'i');
/** Nouns for a speaker the text does not name: "a U.S. official said", "according to European diplomats". */
const UNNAMED = [
  'officials?', 'diplomats?', 'sources?', 'aides?', 'advis[eo]rs?', 'negotiators?', 'spokes(?:person|man|woman)',
  'leaders', 'lawmakers',
].join('|');

const NOTE_OF_NOUN: [SpeakerNote, RegExp][] = [
  ['document', new RegExp(`^(?:${DOCUMENT})$`, 'i')],
  ['institution', new RegExp(`^(?:${INSTITUTION})$`, 'i')],
  ['unnamed official', new RegExp(`^(?:${UNNAMED})$`, 'i')],
];

/** “…,” the memo reads. A document "reads"; "read" is no speech verb for a person. */
const DOCUMENT_AFTER = new RegExp(
  `^(?:the|a|an|this|that)\\s+(?:[\\p{L}.-]+\\s+){0,2}?(?:${DOCUMENT})\\s+(?:reads?|says?|said|states?|stated)\\b`,
  'iu',
);

/** How far a name may sit from its verb in "said Kremlin spokesperson Dmitry Peskov". */
const MAX_ROLE_WORDS = 4;
/** How far after a quotation its verb may come: “…,” Kremlin spokesperson Dmitry Peskov said. */
const MAX_WORDS_BEFORE_VERB_AFTER_QUOTE = 6;
/** A quotation this short that nothing introduces is a term the narrator quotes ("term sheet"). */
const MAX_TERM_WORDS = 3;

/** The speaker of each quotation, in the order given. */
export function attributeQuotations(layout: ProseLayout, quotations: readonly Quotation[]): Attribution[] {
  return new Attributor(layout).run(quotations);
}

/** The quotation before, in the same paragraph. */
interface Previous {
  paragraph: number;
  attribution: Attribution;
  /** Where its attribution ends, when it was attributed by what follows it. */
  attributionEnd?: number;
}

class Attributor {
  constructor(private readonly layout: ProseLayout) {}

  run(quotations: readonly Quotation[]): Attribution[] {
    const attributions: Attribution[] = [];
    let previous: Previous | undefined;
    quotations.forEach((quotation, i) => {
      const paragraph = this.paragraphIndexAt(quotation.open);
      const next = quotations[i + 1];
      const nextOpen = next && this.paragraphIndexAt(next.open) === paragraph ? next.open : undefined;
      if (previous?.paragraph !== paragraph) previous = undefined;

      const after = this.attributionAfter(quotation, paragraph, nextOpen);
      const attribution =
        after?.attribution ??
        this.attributionBefore(quotation, paragraph) ??
        this.continuedSpeaker(previous, quotation.open) ??
        this.unintroduced(quotation, paragraph);
      attributions.push(attribution);
      previous = { paragraph, attribution, ...(after && { attributionEnd: after.end }) };
    });
    return attributions;
  }

  /** Rule 1: the attribution that follows the closing mark. */
  private attributionAfter(
    quotation: Quotation,
    paragraphIndex: number,
    nextOpen: number | undefined,
  ): { attribution: Attribution; end: number } | undefined {
    const { masked } = this.layout;
    const paragraph = this.paragraph(paragraphIndex);
    // “… moving on.” Rubio made the statement … — a new sentence, not an attribution.
    const closesSentence = (s: TextSpan) => s.end === quotation.close + 1 && s.end < paragraph.end;
    if (paragraph.sentences.some(closesSentence)) return undefined;

    let start = quotation.close + 1;
    const sentence = this.sentenceAt(paragraphIndex, start);
    // “…,” while Zelensky’s office called …: the next clause has a subject of its own.
    const clauseBreak = new RegExp(CLAUSE_BREAK.source).exec(masked.slice(quotation.close, sentence.end));
    const clauseEnd = clauseBreak ? quotation.close + clauseBreak.index : sentence.end;
    const end = Math.min(nextOpen ?? paragraph.end, sentence.end, clauseEnd);
    while (start < end && /[\s,]/.test(masked[start] ?? '')) start++;
    if (start >= end) return undefined;
    const rest = masked.slice(start, end);

    if (DOCUMENT_AFTER.test(rest)) return { attribution: { speaker: null, note: 'document' }, end };
    const according = /^according to\s+/i.exec(rest);
    if (according) {
      const source = this.sourceAfter(start + according[0].length, end);
      return { attribution: this.resolve(source), end };
    }
    const verb = findSpeechVerbs(masked, start, end)[0];
    if (!verb || countWords(masked.slice(start, verb.start)) > MAX_WORDS_BEFORE_VERB_AFTER_QUOTE) {
      return undefined;
    }
    const subject = this.subjectJustBefore(verb.start, start) ?? this.sourceAfter(verb.end, end);
    return subject && { attribution: this.resolve(subject), end };
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
      return this.resolve(this.sourceAfter(from + according.index + according[0].length, to));
    }
    // "Marco Rubio: “…”" and "issued a direct warning: “…”" introduce speech with the colon.
    const colon = lead.trimEnd().endsWith(':') ? from + lead.trimEnd().length - 1 : undefined;
    const cue = verb?.start ?? colon;
    if (cue === undefined) return undefined;
    const subject =
      this.subjectJustBefore(cue, from) ?? this.clauseSubject(this.clauseStart(from, cue), cue);
    // "giving Kyiv time to respond to a proposed “term sheet”": a verb, but no one it quotes.
    return subject && this.resolve(subject);
  }

  /** Rule 3: “…,” he said. “…” — nothing but the previous quotation's attribution in between. */
  private continuedSpeaker(previous: Previous | undefined, open: number): Verdict {
    if (previous?.attributionEnd === undefined) return undefined;
    const gap = this.layout.masked.slice(previous.attributionEnd, open);
    return /^[\s.,;:—–-]*$/.test(gap) ? previous.attribution : undefined;
  }

  /** Rule 4: nothing introduces the quotation. */
  private unintroduced(quotation: Quotation, paragraphIndex: number): Attribution {
    const { masked, text, mentions } = this.layout;
    const from = this.sentenceAt(paragraphIndex, quotation.open).start;
    const clauseStart = this.clauseStart(from, quotation.open);
    const clause = masked.slice(clauseStart, quotation.open);
    const organisation = mentions.some(
      (m) => m.kind === 'organisation' && m.start >= clauseStart && m.end <= quotation.open,
    );
    if (organisation || INSTITUTION_IN_CLAUSE.test(clause)) return { speaker: null, note: 'institution' };
    const words = countWords(text.slice(quotation.open + 1, quotation.close));
    return { speaker: null, note: words <= MAX_TERM_WORDS ? 'term' : 'unknown' };
  }

  private resolve(subject: Subject | undefined): Attribution {
    if (subject === undefined) return { speaker: null, note: 'unknown' };
    if ('note' in subject) return { speaker: null, note: subject.note };
    if ('pronounAt' in subject) return this.antecedent(subject.pronounAt);
    if (subject.kind === 'organisation') return { speaker: null, note: 'institution' };
    return subject.entityId === null ? { speaker: null, note: 'other person' } : { speaker: subject.entityId };
  }

  /**
   * The subject of the nearest sentence or clause before `at` that names someone, looking no
   * further back than the previous paragraph. The subject rather than the last name, because
   * "Vance, after a meeting with Meloni, struck a hopeful note. “…,” he said" is Vance.
   */
  private antecedent(at: number): Attribution {
    const index = this.paragraphIndexAt(at);
    const paragraph = this.paragraph(index);
    const current = this.sentenceIndexAt(index, at);
    const earlier = [
      { start: this.sentenceAt(index, at).start, end: at },
      ...paragraph.sentences.slice(0, current).reverse(),
      ...(this.layout.paragraphs[index - 1]?.sentences.slice().reverse() ?? []),
    ];
    for (const range of earlier) {
      for (const clause of this.clauses(range).reverse()) {
        const subject = this.clauseSubject(clause.start, clause.end, 'person');
        if (subject) return this.resolve(subject);
      }
    }
    return { speaker: null, note: 'unknown' };
  }

  /**
   * The subject right before a verb, past auxiliaries and adverbs ("Trump has also said"): a
   * name, a pronoun, "Rubio, who …", or a noun that describes a speaker ("the memo", "office").
   */
  private subjectJustBefore(verbStart: number, from: number): Subject | undefined {
    const { masked } = this.layout;
    let at = verbStart;
    for (;;) {
      at = skipSpaceBack(masked, at, from);
      const word = this.wordEndingAt(at, from);
      if (!word || !(BETWEEN_SUBJECT_AND_VERB.has(word.text) || /^\p{Ll}+ly$/u.test(word.text))) break;
      at = word.start;
    }
    const name = this.mentionEndingAt(at, from);
    if (name) return name;
    const word = this.wordEndingAt(at, from);
    if (!word) return undefined;
    if (/^(?:he|she)$/i.test(word.text)) return { pronounAt: word.start };
    if (word.text === 'who') {
      const comma = skipSpaceBack(masked, word.start, from);
      if (masked[comma - 1] === ',') return this.mentionEndingAt(skipSpaceBack(masked, comma - 1, from), from);
      return undefined;
    }
    const note = noteOfNoun(word.text);
    if (note) return { note };
    // “…,” Ivanna Smith said: someone named, but not covered (or not a person at all).
    return /^\p{Lu}/u.test(word.text) ? { note: 'unknown' } : undefined;
  }

  /**
   * Who a phrase right after `from` names, past a few role words: "said Kremlin spokesperson
   * Dmitry Peskov", "according to European diplomats".
   */
  private sourceAfter(from: number, to: number): Subject | undefined {
    const { masked } = this.layout;
    // The phrase ends at a comma or at a period that is not an initial's ("U.S. officials").
    const limit = from + (/[,;:]|(?<!\p{Lu})\.(?=\s|$)/u.exec(masked.slice(from, to))?.index ?? to - from);
    const name = this.layout.mentions.find((m) => m.start >= from && m.start < limit && !m.modifier);
    if (name && countWords(masked.slice(from, name.start)) <= MAX_ROLE_WORDS) return name;
    const nouns = masked.slice(from, limit).match(/[\p{L}’'-]+/gu)?.slice(0, MAX_ROLE_WORDS + 1) ?? [];
    for (const noun of nouns) {
      const note = noteOfNoun(noun);
      if (note) return { note };
    }
    return undefined;
  }

  /** The subject of a clause: its first name, unless an introductory phrase holds that name. */
  private clauseSubject(from: number, to: number, kind?: SpeakerMention['kind']): SpeakerMention | undefined {
    const names = this.layout.mentions.filter(
      (m) => m.start >= from && m.end <= to && !m.modifier && (kind === undefined || m.kind === kind),
    );
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

  private mentionEndingAt(at: number, from: number): SpeakerMention | undefined {
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
    return Math.max(sentences.findLastIndex((s) => s.start <= at), 0);
  }

  private sentenceAt(paragraphIndex: number, at: number): TextSpan {
    const { sentences } = this.paragraph(paragraphIndex);
    const sentence = sentences[this.sentenceIndexAt(paragraphIndex, at)];
    if (!sentence) throw new Error(`Paragraph #${paragraphIndex} has no sentences`);
    return sentence;
  }
}

function noteOfNoun(word: string): SpeakerNote | undefined {
  return NOTE_OF_NOUN.find(([, pattern]) => pattern.test(word))?.[0];
}

function skipSpaceBack(text: string, at: number, from: number): number {
  while (at > from && /\s/.test(text[at - 1] ?? '')) at--;
  return at;
}

function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:[’'.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
