/**
 * Background vocabulary: words so common in any live show (greetings, filler, the host's running commentary,
 * generic shopping talk) that a hashtag of one says nothing about the moment: #Hello, #你好, #首先, #说完.
 * Stopwords are already gone before this list is consulted; these are the content words every show has.
 * Hand-written for postshow from live-commerce transcripts and chat; extend it when a tag reads as filler.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  `hello hi hey welcome thanks thank everyone everybody people person folks friends fam chat stream streamer live
  show shows video today yesterday tomorrow morning night day days week year time times minute minutes moment
  way lot lots bit little big small huge tiny fast slow quick quickly good great nice cool awesome amazing
  wonderful beautiful pretty gorgeous cute love loved loving lovely like liked likes best better bad worse worst
  super really pretty quite enough sure maybe probably definitely totally absolutely exactly already always never
  sometimes something anything everything nothing someone anyone everyone back around again here there away
  know knew mean means feel feels felt use used using show showing shown start started starting stop keep kept
  kind sort whole part hand hands able real different same new old first last next other another
  buy buying bought get got grab grabs grabbing grabbed price prices link links order orders deal deals sale sales shop shopping cart
  stock left hurry go going
  check checking wait waiting hope happy glad excited sorry please welcome congrats congratulations lucky
  yes no yeah okay alright wow oh omg lol haha hype wild crazy insane fun funny
  wanna thing things stuff guys guy man dude bro sis girl girls boy boys
  上 下 首先 其次 最后 然后 接下来 说完 说 讲 这是 那是 就是 还是 你好 大家好 哈喽 嗨 谢谢 感谢 欢迎 再见 拜拜
  宝宝 宝宝们 家人们 人们 姐妹们 朋友们 兄弟们 老铁 老铁们 亲 亲们 主播 直播 直播间 弹幕 观众 粉丝 关注 点赞 分享 评论
  经理 老板 助理 小助理 运营 工作人员 今天 明天 昨天 今晚 晚上 早上 一下 一点 一起 一会 马上 现在 已经 刚刚 刚才
  看看 来看 看到 看一下 来了 来啦 开始 结束 知道 觉得 感觉 喜欢 好看 好用 好吃 好听 不错 厉害 可以 真的 非常 特别
  东西 事情 问题 地方 时候 样子 感觉 哈哈 哈哈哈 好的 好吧 对的 没错 是的 完了 开心 高兴 激动 期待 辛苦
  链接 下单 拍 拍下 价格 库存 福利 优惠 活动 上车 抢 买 购买 付款 发货 包邮 秒杀 截图 抽奖
  一 二 三 第一 第二 第三 个 次 号 点 分钟 秒`.split(/\s+/u).filter((w) => w.length > 0),
);

/** True when a (lower-cased) word is background vocabulary, not a topic. */
export function isCommonWord(word: string): boolean {
  return COMMON_WORDS.has(word.toLowerCase());
}
