/**
 * The workspace's own words in English and Chinese. The language is the browser's (zh-* -> Chinese) until the
 * user picks one in the top bar; the pick is kept in localStorage. What shows say (titles, transcripts, chat)
 * is never translated; the review and plan sections carry the show's own language, as in report.html.
 */
export type UiLanguage = 'en' | 'zh';

const STORAGE_KEY = 'postshow.language';

const EN = {
  clips: 'Clips', shows: 'Shows', suggestions: 'Suggestions', loading: 'Loading…', search: 'Search', searchPlaceholder: 'Search titles, descriptions, hashtags',
  show: 'Show', allShows: 'All shows', product: 'Product', any: 'any', score: 'Score', compliance: 'Compliance', language: 'Language', review: 'Review', sort: 'Sort',
  postable: 'Postable (not blocked)', clear: 'Clear', checkClaims: 'Check claims', blocked: 'Blocked', english: 'English', chinese: 'Chinese',
  pending: 'Pending', approved: 'Approved', rejected: 'Rejected', bestFirst: 'Best first', recordingOrder: 'Recording order', shortestFirst: 'Shortest first',
  sortNeedsShow: 'Pick a show to order its clips by time or length', noClips: 'No clips', page: 'Pages', pageLineOne: 'Page {page}: {count} clip', pageLineMany: 'Page {page}: {count} clips', matching: 'matching',
  previous: '← Previous', next: 'Next page →', open: 'Open', version: 'version', highlightScore: 'Highlight score',
  clipShapes: 'Clip shapes', download: 'Download', thumbnail: 'Thumbnail', captionsSrt: 'Captions (SRT)', captionsBurned: 'captions burned in', captionsNotBurned: 'captions not burned',
  note: 'Note (optional)', approve: 'Approve', reject: 'Reject', copy: 'Copy', title: 'Title', description: 'Description', hashtags: 'Hashtags', save: 'Save',
  whyThisMoment: 'Why this moment', signalDetails: 'The detector\'s measurements', products: 'Products', said: 'Said', chat: 'Chat', noReliableTranscript: 'No reliable transcript in this moment (unsure speech recognition is never quoted).',
  check: 'Check', fixAndRerender: 'Fix and re-render', start: 'Start (s in the recording)', end: 'End (s)', startHere: 'Start here', endHere: 'End here', trim: 'Trim and re-render',
  captionsLabel: "Captions (SRT, timed from the clip's start; burned in exactly as written)", saveCaptions: 'Save captions and re-render', history: 'History', rerender: 're-render',
  rendering: 'Rendering version', renderFailed: 'Re-rendering version {v} failed:', renderProgress: 'Render progress',
  approvedDone: 'Approved.', rejectedDone: 'Rejected.', savedRendering: 'Saved: rendering the new version…', trimmedRendering: 'Trimmed: rendering the new version…', captionsRendering: 'Captions saved: rendering the new version…',
  channel: 'Channel', aired: 'Aired', length: 'Length', status: 'Status', transcript: 'Transcript', inCatalog: 'in the catalog', timeline: 'Timeline',
  timelineLater: 'The timeline appears once the show has been analysed.', highlights: 'Highlights', noHighlights: 'No highlights were found.',
  noReview: 'No review yet: it is written when the run reaches its suggest stage.', topicIdeas: 'Topic ideas from this show', allSuggestions: 'All suggestions for the channel →',
  noShows: 'No shows yet: run postshow run <recording> first.', clipsColumn: 'Clips', gmv: 'GMV', queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed', interrupted: 'Interrupted: run it again to continue',
  topicSuggestions: 'Topic suggestions', allChannels: 'All channels', noSuggestions: 'No suggestions yet: they come from shows that have been run.',
  viewersAsked: 'Viewers asked', sourceSpeech: 'host', sourceChat: 'chat', sourceMetrics: 'metrics', theme: 'Theme', clip: 'clip', noSuchPage: 'No such page.', backToClips: 'Back to the clips', couldNotStart: 'postshow could not start:',
  signIn: 'sign in to see the workspace', chinesePick: '中文', englishPick: 'English', notFound: 'Not found',
};
type Words = typeof EN;

const ZH: Words = {
  clips: '片段', shows: '场次', suggestions: '选题', loading: '加载中…', search: '搜索', searchPlaceholder: '搜索标题、简介、话题标签',
  show: '场次', allShows: '全部场次', product: '商品', any: '不限', score: '得分', compliance: '合规', language: '语言', review: '审核', sort: '排序',
  postable: '可发布（未拦截）', clear: '无问题', checkClaims: '需核对说法', blocked: '已拦截', english: '英语', chinese: '中文',
  pending: '待审核', approved: '已通过', rejected: '已驳回', bestFirst: '得分最高', recordingOrder: '按录像顺序', shortestFirst: '最短优先',
  sortNeedsShow: '先选一个场次，才能按时间或时长排序', noClips: '没有片段', page: '分页', pageLineOne: '第 {page} 页：{count} 个片段', pageLineMany: '第 {page} 页：{count} 个片段', matching: '（已筛选）',
  previous: '← 上一页', next: '下一页 →', open: '打开', version: '版本', highlightScore: '高光得分',
  clipShapes: '片段画幅', download: '下载', thumbnail: '封面', captionsSrt: '字幕（SRT）', captionsBurned: '字幕已压制', captionsNotBurned: '字幕未压制',
  note: '备注（可选）', approve: '通过', reject: '驳回', copy: '文案', title: '标题', description: '简介', hashtags: '话题标签', save: '保存',
  whyThisMoment: '为什么选这一段', signalDetails: '检测器的测量值', products: '商品', said: '主播原话', chat: '弹幕', noReliableTranscript: '这一段没有可靠的转写（不确定的语音识别从不引用）。',
  check: '需核对', fixAndRerender: '修改并重新渲染', start: '开始（录像中的秒数）', end: '结束（秒）', startHere: '从这里开始', endHere: '到这里结束', trim: '裁剪并重新渲染',
  captionsLabel: '字幕（SRT，从片段开头计时；按所写内容原样压制）', saveCaptions: '保存字幕并重新渲染', history: '修改记录', rerender: '重新渲染',
  rendering: '正在渲染版本', renderFailed: '版本 {v} 渲染失败：', renderProgress: '渲染进度',
  approvedDone: '已通过。', rejectedDone: '已驳回。', savedRendering: '已保存：正在渲染新版本…', trimmedRendering: '已裁剪：正在渲染新版本…', captionsRendering: '字幕已保存：正在渲染新版本…',
  channel: '账号', aired: '开播日期', length: '时长', status: '状态', transcript: '转写来源', inCatalog: '个片段在片段库中', timeline: '时间线',
  timelineLater: '分析完成后显示时间线。', highlights: '高光片段', noHighlights: '没有找到高光片段。',
  noReview: '还没有复盘：运行到选题阶段时生成。', topicIdeas: '本场的选题点子', allSuggestions: '查看该账号的全部选题 →',
  noShows: '还没有场次：先运行 postshow run <录像>。', clipsColumn: '片段', gmv: 'GMV', queued: '排队中', running: '处理中', done: '完成', failed: '失败', interrupted: '已中断：再次运行即可继续',
  topicSuggestions: '选题建议', allChannels: '全部账号', noSuggestions: '还没有选题：运行过的场次才会产生选题。',
  viewersAsked: '观众提问', sourceSpeech: '主播', sourceChat: '弹幕', sourceMetrics: '数据', theme: '话题', clip: '片段', noSuchPage: '没有这个页面。', backToClips: '回到片段', couldNotStart: 'postshow 无法启动：',
  signIn: '请登录后查看', chinesePick: '中文', englishPick: 'English', notFound: '未找到',
};

export type WordKey = keyof Words;

function initialLanguage(): UiLanguage {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'zh') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export const uiLanguage: UiLanguage = initialLanguage();
const WORDS: Readonly<Record<UiLanguage, Words>> = { en: EN, zh: ZH };

/** The word in the page's language; `{v}` placeholders are filled from `values`. */
export function t(key: WordKey, values: Readonly<Record<string, string | number>> = {}): string {
  return WORDS[uiLanguage][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Keeps the pick and reloads: every word on the page changes at once. */
export function chooseLanguage(language: UiLanguage): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  location.reload();
}
