import { buildLexicon, type LexiconEntry, type SlangPattern } from './lexiconEntry.js';

/*
 * Chinese sentiment lexicon, hand-curated for the postshow foundation (MIT, ours).
 * Biased to live-commerce and live-stream chat: product quality and price talk (好用, 划算, 贵, 假货),
 * buying calls (冲, 闭眼入, 回购) and danmaku slang (绝了, 爱了, 破防, 裂开).
 * Weights follow the AFINN scale (-5..5) so Chinese and English scores are comparable.
 * Matching is longest-first over the raw text, which is why compounds that merely contain a
 * sentiment character are listed as neutral below.
 */

const POSITIVE: Readonly<Record<string, number>> = {
  // quality and experience
  好用: 2, 好看: 2, 好吃: 3, 好喝: 3, 好闻: 2, 好玩: 2, 好听: 2, 好评: 3, 好物: 1, 好货: 2, 好价: 2,
  好评如潮: 3, 不错: 2, 还行: 1, 还可以: 1, 还好: 1, 满意: 2, 舒服: 2, 舒适: 2, 顺滑: 2, 清爽: 2, 水润: 2,
  滋润: 2, 保湿: 1, 细腻: 2, 柔软: 2, 精致: 2, 高档: 1, 高级: 1, 高端: 1, 大气: 2, 洋气: 2, 时尚: 1,
  显白: 2, 显瘦: 2, 百搭: 2, 耐用: 2, 结实: 2, 方便: 2, 实用: 2, 有用: 2, 管用: 2, 有效: 2, 靠谱: 2,
  正品: 2, 优质: 2, 优秀: 3, 完美: 3, 出色: 3, 清晰: 1, 流畅: 2, 稳: 1, 稳了: 2, 放心: 2, 良心: 2,
  贴心: 2, 真诚: 2, 专业: 1, 温柔: 2, 治愈: 2, 暖心: 2, 有爱: 2, 舒心: 2, 神器: 3, 宝藏: 3, 天花板: 2,
  封神: 3, 给力: 3, 厉害: 3, 棒: 3, 赞: 2, 点赞: 2, 牛: 2, 牛逼: 3, 牛批: 3, 牛啊: 3, 强: 1, 真香: 2,
  好香: 2, 漂亮: 2, 美: 2, 美丽: 2, 绝美: 3, 惊艳: 3, 养眼: 2, 帅: 2, 帅气: 2, 酷: 2, 可爱: 2, 萌: 2,
  // price (cheap is good news in live commerce)
  便宜: 2, 实惠: 2, 划算: 2, 划得来: 2, 超值: 3, 值: 1, 值得: 2, 值了: 2, 物超所值: 3, 性价比: 1,
  性价比高: 3, 优惠: 1, 福利: 2, 白菜价: 2, 捡漏: 2, 省钱: 2, 包邮: 1, 秒杀: 1, 特价: 1,
  // liking and buying calls
  喜欢: 2, 爱: 2, 爱了: 3, 爱死: 3, 心动: 2, 种草: 2, 安利: 2, 推荐: 2, 强烈推荐: 3, 回购: 2,
  无限回购: 3, 必买: 3, 闭眼入: 3, 闭眼买: 3, 入手: 1, 下单: 1, 抢到: 2, 冲: 2, 冲冲冲: 3, 上车: 1,
  // excitement and chat reactions
  绝了: 3, 绝绝子: 3, 无敌: 3, 精彩: 3, 震撼: 2, 惊喜: 3, 开心: 3, 高兴: 3, 快乐: 3, 幸福: 3, 激动: 2,
  兴奋: 2, 期待: 2, 感动: 2, 感人: 2, 泪目: 1, 感谢: 2, 谢谢: 2, 辛苦了: 1, 加油: 2, 支持: 2, 恭喜: 3,
  成功: 2, 赢: 2, 赢麻了: 3, 有趣: 2, 有意思: 2, 好耍: 2, 笑死: 2, 笑哭: 2, 哇塞: 2, 哇: 1, 欢迎: 1,
  没毛病: 2, 没得说: 2, 灿烂: 2, 珍贵: 2, 宝贵: 2, 高能: 2, 神作: 3, 名场面: 2, 学到了: 2,
  涨知识: 2, 妙: 2,
  // added while tuning on the dev split of eval/sentiment: 不贵 is praise of a price (and 不贵不贵 must not
  // read as 不 cancelling 不); 好多了 / 好了很多 = "much better" (好多 alone is "many", 好了 "done")
  不贵: 2, 好多了: 2, 好了很多: 2, 燃爆: 3, 大佬: 1, 经典: 2, 怀念: 1, 顶: 1, 顶级: 2, 最好: 2, 最爱: 3, 喜大普奔: 3, 好家伙: 1, 爽: 2,
};

const NEGATIVE: Readonly<Record<string, number>> = {
  // price and value
  贵: -2, 坑: -2, 坑人: -3, 坑爹: -3, 不值: -2, 不值得: -2, 智商税: -3, 割韭菜: -3, 韭菜: -1,
  血亏: -3, 亏: -2, 吃亏: -2, 骗钱: -3, 黑心: -3, 奸商: -4, 溢价: -1,
  // quality
  难用: -3, 难看: -3, 难吃: -3, 难喝: -3, 难闻: -2, 垃圾: -3, 辣鸡: -3, 拉垮: -3, 拉胯: -3, 劣质: -3,
  粗糙: -2, 廉价: -2, 差: -2, 差劲: -3, 差评: -3, 烂: -2, 稀烂: -3, 不行: -2, 不好: -2, 一般: -1,
  一般般: -1, 凑合: -1, 没用: -2, 无效: -2, 坏: -2, 坏了: -2, 破损: -2, 起球: -2, 掉色: -2, 褪色: -2,
  过期: -2, 过敏: -2, 烂脸: -3, 闷痘: -2, 爆痘: -2, 丑: -2, 假货: -3, 假的: -2, 水货: -3, 三无: -2,
  翻车: -2, 踩雷: -3, 踩坑: -3, 卡顿: -2, 卡了: -1, 黑屏: -2, 掉线: -1, 听不清: -2, 看不清: -2,
  没声音: -2, 慢: -1, 失败: -2, 麻烦: -1,
  // trust and after-sales
  骗: -3, 骗子: -4, 骗人: -3, 被骗: -3, 上当: -3, 忽悠: -3, 欺骗: -3, 虚假: -3, 退货: -2, 退款: -2,
  投诉: -2, 举报: -2, 后悔: -2, 失望: -3, 敷衍: -2, 糊弄: -2,
  // feelings and chat reactions
  无语: -2, 无聊: -2, 没意思: -2, 没劲: -2, 无趣: -2, 难过: -2, 难受: -2, 伤心: -3, 生气: -3, 气死: -3,
  恶心: -3, 讨厌: -3, 烦: -2, 烦人: -2, 尴尬: -2, 离谱: -2, 无耻: -3, 吐了: -2, 吐槽: -1, 糟糕: -3,
  完蛋: -2, 崩溃: -2, 裂开: -2, 破防: -1, 麻了: -1, 心疼: -1, 可惜: -2, 遗憾: -2, 痛苦: -3, 哭: -1,
  哭死: -2, 担心: -1, 害怕: -2, 焦虑: -2, 怀疑: -1, 不爽: -2, 恐怖: -2, 吓人: -2, 吵: -1, 吵死: -2,
  一言难尽: -2, 滚: -3, 闭嘴: -3, 傻: -2, 傻逼: -4, 傻子: -3, 蠢: -2, 智障: -3, 脑残: -3, 菜鸡: -2,
  别买: -3, 千万别买: -4, 呕: -2, 烦恼: -2,
  // added while tuning on the dev split of eval/sentiment: lag and "useless" in stream and product talk
  卡死: -3, 鸡肋: -2,
};

/** 不 and friends flip the polarity of the next few words (不喜欢, 没有想象中好, 并不便宜). */
const NEGATORS = ['不', '没', '没有', '别', '不是', '并不', '并没有', '并非', '从不', '从没', '从来没有', '绝不', '毫不', '未', '不会'];

/** Degree adverbs; multiplied onto the next valence word. Values < 1 soften ("有点贵" is milder than "贵"). */
const INTENSIFIERS: Readonly<Record<string, number>> = {
  很: 1.3, 挺: 1.2, 蛮: 1.2, 太: 1.5, 非常: 1.5, 超: 1.5, 超级: 1.6, 特别: 1.5, 特: 1.4, 真: 1.3, 真的: 1.3,
  真是: 1.3, 巨: 1.6, 贼: 1.5, 十分: 1.5, 极其: 1.6, 极: 1.5, 相当: 1.4, 格外: 1.4, 更: 1.2, 更加: 1.3,
  越来越: 1.2, 最: 1.5, 多么: 1.3, 如此: 1.3, 实在: 1.3, 确实: 1.2, 绝对: 1.5, 简直: 1.4, 不要太: 1.6,
  有点: 0.8, 有点儿: 0.8, 有些: 0.8, 有一点: 0.8, 稍微: 0.7, 略: 0.7,
};

/** 好 is "good" on its own and "very" before another sentiment word (好贵, 好漂亮). */
const AMBIVALENT = { 好: { value: 2, factor: 1.3 } } as const;

/**
 * Compounds that contain a sentiment, negator or intensifier character but mean something else.
 * Longest-match picks these first, so e.g. 最近 never reaches 最 and 别人 never reaches 别.
 */
const NEUTRAL = [
  // 不 / 没 / 别 compounds that do not negate
  '不但', '不仅', '不管', '不论', '不然', '不少', '不断', '不久', '不同', '不用', '不得不', '不一定',
  '不知道', '不知', '不客气', '不必', '不停', '不住', '不禁', '不可思议', '不要', '没想到', '没事',
  '没关系', '没办法', '别人', '别的', '别说', '区别', '差别', '分别', '告别', '性别', '级别', '类别', '特别是',
  // 好 compounds
  '好像', '好多', '好几', '好久', '只好', '正好', '刚好', '好奇', '爱好', '好友', '好不好', '好不容易',
  '你好', '您好', '大家好', '好吧', '好的', '好啦', '好了',
  // 最 compounds that are not superlatives
  '最近', '最后', '最初', '最终', '最多', '最少', '最早', '最晚', '最新',
  // other characters used in unrelated words
  '美国', '美元', '美金', '美术', '美食', '美妆', '美白', '美容', '美甲', '牛奶', '牛肉', '牛排', '牛仔',
  '牛角', '牛油', '蜗牛', '犀牛', '奶牛', '黄牛', '牛年', '价值', '数值', '值班', '值日', '产值', '阈值',
  '差不多', '差点', '出差', '时差', '差距', '差异', '太太', '太阳', '太空', '太极', '超市', '超过', '超出',
  '真相', '真实', '真人', '巨大', '盗贼', '坑位', '坑位费', '顶部', '一顶', '慢慢', '强调', '强制', '勉强',
  '冲突', '冲动', '爱人', '恋爱', '策略', '忽略', '简略', '略微', '特点', '特殊', '特色', '独特', '奇特',
  '极了', '积极', '南极', '北极', '哭笑不得', '坏处', '不好意思', '一般来说', '幸亏', '多亏', '亏本', '坏笑',
  // 这不就是X吗 ("isn't this just X?") asserts X; 不 here does not negate
  '不就是',
  '认真', '真正', '天真', '赞助', '差一点', '差价', '贵宾', '贵州', '滚动', '未来', '未必',
];

/** Clause boundaries: what comes after 但是 is judged on its own. */
const BREAKS = ['但是', '但', '可是', '不过', '然而'];

/** The Chinese lexicon: valence words, negators, intensifiers, blockers and clause breaks. */
export const CHINESE_LEXICON: ReadonlyMap<string, LexiconEntry> = buildLexicon({
  valence: { ...POSITIVE, ...NEGATIVE },
  negators: NEGATORS,
  intensifiers: INTENSIFIERS,
  ambivalent: AMBIVALENT,
  neutral: NEUTRAL,
  breaks: BREAKS,
});

/** Length of the longest Chinese lexicon key, the window of the longest-match scan. */
export const CHINESE_LEXICON_MAX_LENGTH = Math.max(...[...CHINESE_LEXICON.keys()].map((key) => key.length));

/**
 * Repeated-character chat reactions, matched before the lexicon as whole runs. They are reactions,
 * not claims, so negation and intensifiers never apply to them.
 * 哈哈 = laughing; 呵呵 = dismissive (a sneer in Chinese internet usage, unlike English "hehe");
 * 嘿嘿 / 嘻嘻 = playful; 呜呜 = crying.
 */
export const CHINESE_REPEAT_PATTERNS: readonly SlangPattern[] = [
  { pattern: /^哈{2,}/u, value: 2 },
  { pattern: /^嘿{2,}/u, value: 1 },
  { pattern: /^嘻{2,}/u, value: 1 },
  { pattern: /^呵{2,}/u, value: -1 },
  { pattern: /^呜{2,}/u, value: -2 },
];

/** 草 ("lol" on bilibili) only counts when a message or clause is nothing but 草, since 草 is also grass. */
export const CHINESE_WHOLE_RUN_PATTERNS: readonly SlangPattern[] = [{ pattern: /^草+$/u, value: 1 }];
