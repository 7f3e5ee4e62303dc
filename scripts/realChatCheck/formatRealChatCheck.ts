/** Plain-text report of scripts/realChatCheck.ts: per show, the top clips' chat and where the echo floods rank. Pure. */
import { renderTextTable } from '../textTable.js';
import type { ProfiledClip, ShowChatCheck } from './checkShowChat.js';

/** Clips profiled in full (chat character and sample lines); the rest of the kept clips get one table row each. */
export const DETAILED_CLIPS = 10;

const percent = (share: number) => `${Math.round(share * 100)}%`;
const clock = (seconds: number) => {
  const s = Math.round(seconds);
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};
const span = (clip: { start: number; end: number }) => `${clock(clip.start)}-${clock(clip.end)}`;

export function formatShowCheck(show: ShowChatCheck): string {
  const out: string[] = [];
  out.push(`== ${show.name}: ${clock(show.duration)}, ${show.chatLines} counted chat lines, ${percent(show.echoShare)} echo, chat lag ${show.chatLagSeconds} s, ${show.clips.length} clips kept`);
  for (const clip of show.clips.slice(0, DETAILED_CLIPS)) out.push(formatClip(clip));
  const rest = show.clips.slice(DETAILED_CLIPS);
  if (rest.length > 0) {
    out.push(`\nOther kept clips:`);
    out.push(renderTextTable(['rank', 'span', 'score', 'lines', 'distinct', 'top', 'echo', 'lottery'], rest.map((clip) => [
      String(clip.rank), span(clip), clip.score.toFixed(1), String(clip.lines), percent(clip.distinctRatio), percent(clip.topShare), percent(clip.echoShare), percent(clip.lotteryShare),
    ])));
  }
  out.push(`\nBiggest echo floods (30 s windows, most echo lines) and the best kept clip overlapping each:`);
  out.push(show.floods.length === 0 ? '  none' : renderTextTable(['flood', 'echo lines', 'lines', 'clip rank', 'token'], show.floods.map((flood) => [
    span(flood), String(flood.echoLines), String(flood.lines), flood.rank === undefined ? '-' : String(flood.rank), flood.token,
  ])));
  return out.join('\n');
}

function formatClip(clip: ProfiledClip): string {
  const lottery = clip.lotteryWords.length > 0 ? `${percent(clip.lotteryShare)} (${clip.lotteryWords.join(', ')})` : 'none';
  return [
    `\n#${clip.rank} ${span(clip)} score ${clip.score.toFixed(1)} [${clip.signals.join(', ')}]`,
    `   ${clip.lines} lines, ${percent(clip.distinctRatio)} distinct, top "${clip.topLine}" ${percent(clip.topShare)}, echo ${percent(clip.echoShare)}, lottery ${lottery}`,
    `   ${clip.samples.map((line) => `「${line}」`).join(' ')}`,
  ].join('\n');
}
