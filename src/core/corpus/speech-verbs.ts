/**
 * The verbs (and a few nouns) that introduce or report speech: "said", "told reporters",
 * "posted", "warning:". Lower case only, so "Secretary of State" is not "stated".
 */
import type { TextSpan } from './text-span';

const SPEECH_WORDS = [
  'say|says|said|saying',
  'tell|tells|told|telling',
  'stat(?:e|es|ed|ing)',
  'writes?|wrote|writing|written',
  'post(?:s|ed|ing)?',
  'tweet(?:s|ed|ing)?',
  'warn(?:s|ed|ing)?',
  'confirm(?:s|ed|ing)?',
  'insist(?:s|ed|ing)?',
  'emphasi[sz](?:e|es|ed|ing)',
  'stress(?:es|ed|ing)?',
  'add(?:s|ed|ing)?',
  'not(?:e|es|ed|ing)',
  'argu(?:e|es|ed|ing)',
  'claim(?:s|ed|ing)?',
  'call(?:s|ed|ing)?',
  'describ(?:e|es|ed|ing)',
  'acknowledg(?:e|es|ed|ing)',
  'reiterat(?:e|es|ed|ing)',
  'respond(?:s|ed|ing)?',
  'repl(?:y|ies|ied|ying)',
  'declar(?:e|es|ed|ing)',
  'announc(?:e|es|ed|ing)',
  'ask(?:s|ed|ing)?',
  'urg(?:e|es|ed|ing)',
  'explain(?:s|ed|ing)?',
  'clarif(?:y|ies|ied|ying)',
  'remark(?:s|ed|ing)?',
  'report(?:s|ed|ing)?',
  'voic(?:e|es|ed|ing)',
  'condemn(?:s|ed|ing)?',
  'critici[sz](?:e|es|ed|ing)',
  'vow(?:s|ed|ing)?',
  'pledg(?:e|es|ed|ing)',
  'promis(?:e|es|ed|ing)',
  'den(?:y|ies|ied|ying)',
  'admit(?:s|ted|ting)?',
];

const SPEECH_VERB = new RegExp(`(?<![\\p{L}\\p{N}])(?:${SPEECH_WORDS.join('|')})(?![\\p{L}\\p{N}])`, 'gu');

/** Speech verbs in `text` between `from` and `to`, in order. */
export function findSpeechVerbs(text: string, from: number, to: number): TextSpan[] {
  const found: TextSpan[] = [];
  for (const m of text.slice(from, to).matchAll(SPEECH_VERB)) {
    found.push({ start: from + m.index, end: from + m.index + m[0].length });
  }
  return found;
}
