/**
 * Stopword lists for keyword extraction (hand-written for postshow, MIT).
 *
 * English: function words plus spoken and chat filler ("um", "gonna", "lol") that would otherwise
 * top every keyword count of a live stream. Chinese: particles, pronouns, connectives and the verbal
 * filler hosts repeat constantly (啊 呢 吧 嗯 那个 这个 就是 然后).
 */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being
  below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
  each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers
  herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's me
  more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own
  same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them
  themselves then there there's these they they'd they'll they're they've this those through to too under
  until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which
  while who who's whom why why's will with won't would wouldn't you you'd you'll you're you've your yours
  yourself yourselves
  um uh uhm umm hmm er erm ah oh ooh okay ok yeah yep yes yup nope like just really actually basically
  literally gonna wanna gotta kinda sorta got get gets going go goes thing things stuff guys guy right well
  now also still even ever lol lmao haha hahaha omg pls plz thx ty im dont cant wont isnt didnt doesnt
  let lets say says said see look looking think want need come make take give put tell try
  one two three four five six seven eight nine ten hundred thousand first second next last today tonight
  little lot lots fast much many good great nice cool awesome amazing pretty quite bit kind sort way really maybe
  ask asked asking dollar dollars bucks cents`.split(/\s+/),
);

export const CHINESE_STOPWORDS: ReadonlySet<string> = new Set(
  `的 了 着 过 是 在 有 和 与 及 或 也 都 就 还 又 而 但 吗 呢 吧 啊 嗯 哦 噢 喔 哈 呀 嘛 哇 呃 额 啦 嘿 诶 欸 哎 唉
  呐 咯 么 之 其 此 等 被 把 给 让 向 从 到 对 为 以 于 跟 同 我 你 您 他 她 它 咱 谁
  我们 你们 他们 她们 它们 咱们 大家 自己 人家 别人
  这 那 这个 那个 这些 那些 这样 那样 这么 那么 这里 那里 这边 那边 这儿 那儿 哪个 哪里 哪些
  就是 然后 所以 因为 但是 可是 不过 如果 还是 或者 而且 并且 虽然 只是 只要 即使 以及 对于 关于 比如 例如
  已经 一个 一下 一些 一样 一点 一直 一起 什么 怎么 怎么样 为什么 多少 几个
  没有 没 不 不是 很 太 非常 真的 其实 可以 可能 应该 需要 觉得 知道 感觉 就是说 对吧 是的 好的 好吧 对对 对对对
  嗯嗯 哈哈 哈哈哈 呵呵 现在 今天 刚才 时候 时间 东西 事情 地方 然后呢 那么样 来说 一般来说 的话 之后 之前 以后 以前
  还有 还要 就要 要 会 能 想 去 来 说 看 做 用 上 下 里 中 个 种 位 次 些 点 多 少 再 才 只 更 最
  不能 能不能 会不会 是不是 有没有 可不可以 好不好 行不行 主播 直播间 考虑 每天 朋友 节目 播出 收看 欢迎 欢迎收看 观众 朋友们 各位 本期 本台 栏目 频道 接下来 下面 那么 好 那就 反正 总之 确实 肯定 应该是`.split(/\s+/),
);

/**
 * Single Han characters that carry meaning on their own in shopping chat (price, quality, taste,
 * calls to buy). Every other single-character Chinese token is too ambiguous to be a keyword.
 */
export const MEANINGFUL_SINGLE_HAN: ReadonlySet<string> = new Set(
  `贵 坑 美 棒 牛 赞 丑 差 烂 香 甜 辣 酸 苦 咸 冲 抢 券 货 码 色 款 钱 价 骗 假 爱 酷 帅 值 送 胖 瘦 痒 疼`.split(/\s+/),
);

/** True when the token is an English or Chinese stopword. */
export function isStopword(token: string): boolean {
  return ENGLISH_STOPWORDS.has(token) || CHINESE_STOPWORDS.has(token);
}
