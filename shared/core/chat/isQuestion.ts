/**
 * Tells whether a chat line is an audience question, in English or Chinese. Used by the highlight detector
 * (a rush of questions marks a moment the audience wants to know more about) and by topic mining
 * (unanswered questions become topic suggestions).
 */

// Openers are matched at the start of the message only: "how", "what" inside a sentence are too often not questions.
// "what a ..." / "how cute" are exclamations, not questions.
const EN_OPENER =
  /^\s*(?:@\S+\s+)?(?:how(?!\s+(?:cute|nice|cool|funny)\b)|what(?!\s+(?:a|an)\b)|when|where|which|who|why|can|could|does|do|is there|is it|are there|will)\b/i;
// "price" and "link" are requests wherever they appear ("price pls", "link??").
const EN_REQUEST = /\b(?:price|prices|link|links)\b/i;
// 吗/呢 end yes-no and follow-up questions; the rest are interrogative words. 几 is kept out of 几乎 ("almost").
const ZH_MARKER = /吗|呢|怎么|多少|什么|啥|哪里|哪儿|哪个|几(?!乎)|有没有|能不能|可不可以|是不是|求链接/;
const QUESTION_MARK = /[?？]/;

/** True when a chat line reads as a question in English or Chinese (both are checked: chat mixes languages). */
export function isQuestion(text: string): boolean {
  return QUESTION_MARK.test(text) || EN_OPENER.test(text) || EN_REQUEST.test(text) || ZH_MARKER.test(text);
}
