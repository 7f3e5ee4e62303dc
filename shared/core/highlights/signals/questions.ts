import { chatCountSignal } from './chatCountSignal.js';

/** Questions: audience questions (多少钱, 有链接吗, "how much?") per chat window, a burst meaning viewers want to buy or know. */
export const questions = chatCountSignal(
  'questions',
  (lines) => lines.questions,
  ({ count, z, window }) => `questions z=${z} (${count} audience questions in ${window})`,
);
