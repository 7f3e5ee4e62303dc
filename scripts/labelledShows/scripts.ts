/**
 * English and Chinese text pools of the labelled-show generator: what the host says and what the audience types.
 *
 * Every pool has one job in the signal design, so the lines are written against the detector's own text rules:
 * - neutral pools (routine talk, set-ups, specs, background chat, hype) carry no sentiment-lexicon words, no
 *   call-to-action terms and (chat) no question markers, so they stay at background for those signals;
 * - `excited` and `polite` lines score clearly positive, `callToAction` / `routineCallToAction` lines match the
 *   call-to-action patterns (price, link, stock, countdown), chat `questions` read as questions, and so on.
 * Placeholders: `{p}` a product name or alias, `{price}` its price (digits), `{left}` a stock count, `{raider}` a
 * raiding channel. Lines without `{p}` never contain a product name or alias.
 * The unit test checks these properties against the real lexicon, pattern and question rules.
 */
import type { Language } from '../../shared/core/types.js';

/** A product the generator can put on sale; `price` is in the show's currency (USD for en, CNY for zh). */
export interface CatalogProduct {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly price: number;
}

/** Kinds of labelled moments; each has its own set-up and body lines. */
export type MomentKind = 'product-reveal' | 'flash-sale' | 'funny' | 'giveaway' | 'demo' | 'qa-rush';

/** What the host says. */
export interface HostPools {
  /** Neutral product talk; some lines name a product through `{p}`. */
  readonly routine: readonly string[];
  /** Neutral specification read-outs (the fast-routine-talk distractor reads these quickly). */
  readonly specs: readonly string[];
  /** Call-to-action lines: price, link, stock and countdown, sentiment-neutral. */
  readonly callToAction: readonly string[];
  /** Short call-to-action tags appended to excited lines when a moment fires both sentiment and mentions. */
  readonly shortCallToAction: readonly string[];
  /** Calm reminders that still match the call-to-action terms ("the link is in the cart"). */
  readonly routineCallToAction: readonly string[];
  /** Strongly positive exclamations, no call-to-action terms. */
  readonly excited: readonly string[];
  /** Neutral answers to audience questions that name the product (`{p}`) and point at price, cart or stock. */
  readonly answers: readonly string[];
  /** Warm thanks to the viewers: positive, nothing else. */
  readonly polite: readonly string[];
  /** The neutral line that starts a moment of each kind. */
  readonly setup: Readonly<Record<MomentKind, readonly string[]>>;
  /** Neutral follow-up lines of each kind (used when the moment fires neither sentiment nor mentions). */
  readonly body: Readonly<Record<MomentKind, readonly string[]>>;
}

/** What the audience types. */
export interface ChatPools {
  /** Neutral chatter: greetings, where people are, small talk. */
  readonly background: readonly string[];
  /** Neutral burst lines ("in", "1111"): volume without sentiment or questions. */
  readonly hype: readonly string[];
  /** Positive reactions without laughter. */
  readonly positive: readonly string[];
  /** Laughter and emotes. */
  readonly laughter: readonly string[];
  /** Questions about the product (no product names, so they do not count as product mentions). */
  readonly questions: readonly string[];
  /** Questions that have nothing to do with the products. */
  readonly offTopicQuestions: readonly string[];
  /** Lines a spam account repeats. */
  readonly spam: readonly string[];
  /** Lines of arriving raiders; `{raider}` is the raiding channel. */
  readonly raid: readonly string[];
  /** Complaints. */
  readonly negative: readonly string[];
  /** Viewer name stems; a numeric suffix makes them many distinct users. */
  readonly users: readonly string[];
  readonly spamUsers: readonly string[];
  readonly raiders: readonly string[];
  /** Words of paid messages (Super Chats): neutral, so they add spending and not sentiment. */
  readonly paid: readonly string[];
  /** Usual paid-message amounts, and the rare far larger one. */
  readonly paidAmounts: readonly number[];
  readonly bigPaidAmount: number;
  /** Gifts the platform sells, with their unit price. */
  readonly gifts: readonly { readonly name: string; readonly price: number }[];
  /** Currency of amounts (ISO 4217). */
  readonly currency: string;
}

/** Everything language-specific the generator needs. */
export interface LanguagePools {
  readonly language: Language;
  /** Calm host speech rate: words per second (en) or characters per second (zh). */
  readonly speechRate: number;
  /** Separator used when a cue is built from several sentences. */
  readonly joiner: string;
  readonly products: readonly CatalogProduct[];
  readonly host: HostPools;
  readonly chat: ChatPools;
}

const EN: LanguagePools = {
  language: 'en',
  speechRate: 2.5,
  joiner: ' ',
  products: [
    { name: 'Glow Serum', aliases: ['serum'], price: 29 },
    { name: 'Hydra Cream', aliases: ['night cream'], price: 45 },
    { name: 'Silk Lip Tint', aliases: ['lip tint'], price: 19 },
    { name: 'Trail Bottle', aliases: ['water bottle'], price: 24 },
    { name: 'Cloud Hoodie', aliases: ['hoodie'], price: 59 },
    { name: 'Pocket Blender', aliases: ['blender'], price: 39 },
    { name: 'Aero Earbuds', aliases: ['earbuds'], price: 79 },
    { name: 'Bamboo Towel Set', aliases: ['towel set'], price: 34 },
  ],
  host: {
    routine: [
      'Hi everyone, grab a seat and say hello in the chat.',
      'If you just joined us, we are going through the new arrivals today.',
      'This is the {p}, I have had it on my desk for about two months.',
      'The {p} comes in three colours and this one is the blue.',
      'Let me turn it around so you can see the back of the {p}.',
      'I will hold it closer to the camera for a second.',
      'The box is made from recycled paper, so you can throw it in with the cardboard.',
      'A lot of you asked about the size, it fits in a normal bag.',
      'I use the {p} in the morning before I start work.',
      'Let me read a few comments from the chat.',
      'Drink some water, we still have a few things to go through.',
      'The {p} has a matte finish, so it does not show fingerprints.',
      'Here is the label on the bottom with all the details.',
      'I will put the product names on the screen after the stream.',
      'We have a few more items after this one, so stay with us.',
      'The {p} weighs about as much as a phone.',
      'My team tested the {p} for a few weeks before the stream.',
      'Let me move the light a little so you can see the colour.',
      'It also comes in a travel size for people who fly a lot.',
      'This is the second time we have the {p} on the show.',
      'I am going to put it down here next to the others.',
      'You can see the texture when I tilt it like this.',
      'Some of you are watching from far away, hello to all of you.',
      'The {p} ships in a plain box without any plastic.',
      'Okay, let me check my notes for the next part.',
      'The instructions are printed on the inside of the lid.',
      'I keep the {p} in the first drawer at home.',
      'We will take a short look at each item and then go back to questions.',
    ],
    specs: [
      'The body is aluminium, it weighs two hundred and ten grams, and the cap screws on in two turns.',
      'It is eighteen centimetres tall, seven centimetres wide, and the base is rubber so it stays put on the table.',
      'The battery is eight hundred milliamp hours, charging takes ninety minutes over the USB port on the side.',
      'The fabric is sixty percent cotton and forty percent polyester, machine wash at thirty degrees, tumble dry on low.',
      'It holds five hundred millilitres, the lid has a silicone seal, the handle folds flat for the bag.',
      'There are three speed settings, the blades are stainless steel, and the cup comes off for rinsing.',
      'The formula has niacinamide, glycerin and panthenol, the bottle is thirty millilitres with a glass dropper.',
      'Bluetooth five point three, six hours per charge, twenty four hours with the case, and the case recharges over USB.',
      'The set has two bath towels, two hand towels and two face cloths, all seventy percent bamboo fibre.',
      'The size chart runs from extra small to extra extra large, the model on the page wears a medium.',
    ],
    callToAction: [
      'The {p} link is in the cart now, only ${price} for this round.',
      'Only {left} left at ${price}, three, two, one, go go go!',
      'Add the {p} to cart now, just {price} dollars, only {left} left.',
      'Link number one is the {p}, the price is ${price}, three, two, one!',
      'Checkout is open for the {p}, just ${price}, last {left} units.',
      'Here we go, {p} at ${price}, add to cart, only {left} left!',
    ],
    shortCallToAction: ['The {p} link is in the cart!', 'The {p}, only ${price}!', 'Add the {p} to cart now!', 'The {p}, three, two, one!'],
    routineCallToAction: [
      'The link for the {p} is in the cart below if you need it.',
      'The {p} is still in stock, the link is pinned above the chat.',
      'You can find the {p} in the cart, it is link number three.',
      'If you came in late, the {p} is still in the cart at ${price}.',
    ],
    excited: [
      'This is amazing, I love it so much!',
      'Wow, this is incredible, look at that!',
      'Honestly this is the best one we have ever had, I am so happy!',
      'It is absolutely perfect, you are going to love it!',
      'I am so excited about this one, it is fantastic!',
      'Look how beautiful it is, this is awesome!',
    ],
    answers: [
      'The {p} comes in three colours, and every colour is ${price}.',
      'The {p} ships within two days, order now and it leaves tomorrow.',
      'The {p} is fifteen centimetres long, the size chart is on the cart page.',
      'The {p} is ${price} today, the same as on the website.',
      'The {p} link is the third one in the cart.',
      'There are still {left} of the {p} in stock.',
    ],
    polite: [
      'Thank you so much everyone, you are all wonderful, I really appreciate you.',
      'I love this community, thank you for the kind words and the support.',
      'You are the best, thank you all for being here with me tonight.',
      'Thank you thank you, every one of you makes this show so much fun.',
    ],
    setup: {
      'product-reveal': [
        'Okay, this is the one I told you about at the start.',
        'Let me open the box so you can see it for the first time.',
        'Here it is, the new version we have been waiting for.',
        'I am taking it out of the packaging right now.',
      ],
      'flash-sale': [
        'Okay everyone, get your phones ready, this part is quick.',
        'We are starting the timer now, watch the screen.',
        'This round only runs for a few minutes, so listen closely.',
        'Put your finger on the screen and wait for my signal.',
      ],
      funny: [
        'Oh no, I just knocked the whole stand over.',
        'Wait, the cat just jumped on the table.',
        'I just put the lid on the mirror instead of the bottle.',
        'My chair just rolled away from the desk while I was talking.',
      ],
      giveaway: [
        'We are doing a giveaway right now, type one in the chat to enter.',
        'Everyone watching can enter the draw, we pick a name in two minutes.',
        'Type your name in the chat to enter the draw, we pick one at the end.',
      ],
      demo: [
        'Let me show you how it works, watch the close-up camera.',
        'I am pouring water on it now so you can see what happens.',
        'Watch the second camera, I am going to press on it with all my weight.',
        'Here is the test, I let go of it at the height of the table.',
      ],
      'qa-rush': [
        'Okay, I see a lot of questions, let me answer them one by one.',
        'Let me go through the questions in the chat now.',
        'So many of you are asking the same thing, let me explain.',
      ],
    },
    body: {
      'product-reveal': [
        'This is the first time we show it on the stream.',
        'Look at the shape, it is a bit smaller than the old one.',
        'It comes in this box with a little card inside.',
      ],
      'flash-sale': [
        'You know what to do, be quick.',
        'The timer is on the screen, watch it.',
        'At zero this round closes.',
      ],
      funny: [
        'Hold on, give me one second to put it back.',
        'Let us move on from that.',
        'Okay, where was I, the box, right.',
      ],
      giveaway: [
        'Type one in the chat and you are in the draw.',
        'We pick the name when the timer runs out.',
        'Everyone who is watching now can enter.',
      ],
      demo: [
        'See, the water runs off the side.',
        'Now I turn it over, and nothing came out.',
        'I am pressing on it with my whole hand.',
      ],
      'qa-rush': [
        'It comes in three sizes, small, medium and large.',
        'It ships within two days from the warehouse.',
        'You can put it in the dishwasher on the upper rack.',
      ],
    },
  },
  chat: {
    background: [
      'hello', 'hi from Ohio', '👋', 'evening all', 'just got here', 'watching from work', 'back again',
      'first time here', 'it is raining here', 'on my lunch break', 'here', 'hey everyone', 'hi hi', 'late again',
      'ok', 'same', 'second stream today', 'brb', 'back', 'hi from Manila', 'morning from Sydney', 'hey', 'yo',
      'just woke up', 'watching on my phone', 'hi mom', 'in the car', 'tuned in',
    ],
    hype: ['in', 'ready', 'waiting', 'here!', '1', '11111', 'now', 'done', 'sent', '👀', 'ordered', 'in the queue', 'me me', '1111'],
    positive: [
      'love it', 'so pretty', 'amazing', 'this is great', 'perfect', 'beautiful', 'so good', 'love this',
      'gorgeous', 'awesome', 'fantastic', 'best stream', '❤️', 'so nice'
    ],
    laughter: ['hahaha', 'lol', 'lmao', 'LUL', 'KEKW', '😂', '🤣', '😂😂😂', 'hahahaha', 'looool', 'lmaooo', '🤣🤣'],
    questions: [
      'how much?', 'link?', 'is it waterproof?', 'does it come in black?', 'what size is it?', 'how long does it last?',
      'price?', 'can it go in the dishwasher?', 'when does it ship?', 'is there a bigger one?', 'what colours are there?',
    ],
    offTopicQuestions: [
      'where are you from?', 'what is your name?', 'what music is this?', 'is that your dog?', 'where is your shirt from?',
      'what time is it there?', 'how old are you?',
    ],
    spam: ['follow my page for gifts', 'check my profile', 'sub4sub anyone', 'visit my shop, details in bio'],
    raid: ['RAID', 'raid from {raider}', 'we are here from {raider}', '{raider} sent us', 'raiders here'],
    negative: [
      'this is a scam', 'way too expensive', 'terrible quality', 'worst stream ever', 'mine broke after a week',
      'waste of money', 'boring',
    ],
    users: ['mia', 'dan', 'kate', 'leo', 'sam', 'zoe', 'max', 'ivy', 'tom', 'ana', 'raj', 'lily', 'ben', 'noor', 'jay', 'eli', 'ruth', 'omar'],
    spamUsers: ['giftbot_2024', 'promo_deals_77', 'sub4sub_king'],
    raiders: ['CookWithKim', 'NightOwlGaming', 'TechTalkTom', 'CraftyCarla'],
    paid: ['for the stream', 'from the night shift', 'here since day one', 'shoutout to my sister', 'from Canada', 'for the team'],
    paidAmounts: [2, 5, 5, 10, 20],
    bigPaidAmount: 100,
    gifts: [
      { name: 'Rose', price: 0.1 },
      { name: 'Heart', price: 1 },
      { name: 'Confetti', price: 5 },
      { name: 'Rocket', price: 20 },
    ],
    currency: 'USD',
  },
};

const ZH: LanguagePools = {
  language: 'zh',
  speechRate: 4,
  joiner: '',
  products: [
    { name: '精华液', aliases: ['小金瓶'], price: 199 },
    { name: '面霜', aliases: ['乳霜'], price: 159 },
    { name: '口红', aliases: ['唇釉'], price: 89 },
    { name: '保温杯', aliases: ['水杯'], price: 69 },
    { name: '卫衣', aliases: ['连帽衫'], price: 129 },
    { name: '榨汁机', aliases: ['榨汁杯'], price: 99 },
    { name: '蓝牙耳机', aliases: ['耳机'], price: 239 },
    { name: '竹纤维毛巾', aliases: ['毛巾'], price: 59 },
  ],
  host: {
    routine: [
      '刚进来的朋友，在评论区打个招呼。',
      '今天我们一起看一下新到的几款产品。',
      '这款是{p}，我自己放在桌上用了两个月。',
      '{p}一共有三个颜色，我手上这个是灰色。',
      '我把{p}转过来，大家看一下背面。',
      '我拿近一点，给镜头看一下。',
      '盒子是再生纸做的，可以和纸箱一起回收。',
      '很多人问尺寸，普通的包就能放下。',
      '我每天早上上班前用{p}。',
      '我来看一下评论区大家在聊什么。',
      '大家喝口水，我们后面还有几款。',
      '{p}是磨砂的表面，不留指纹。',
      '底部有标签，所有信息都写在上面。',
      '下播以后我会把产品名字放在屏幕上。',
      '这一款看完后面还有几款，大家别走开。',
      '{p}的重量和一部手机差不多。',
      '我们团队在直播前试用了{p}几个星期。',
      '我把灯挪一下，大家看一下颜色。',
      '它还有旅行装，经常出差的朋友可以看看。',
      '这是{p}第二次来我们直播间。',
      '我先把它放在这里，和其他几款放一起。',
      '我这样斜着拿，大家能看清纹理。',
      '有些朋友在国外看直播，跟大家打个招呼。',
      '{p}是纸盒包装，里面没有塑料。',
      '我看一下笔记，下一部分讲什么。',
      '说明书印在盖子的里面。',
      '我在家把{p}放在最上面的抽屉里。',
    ],
    specs: [
      '机身是铝合金，重量两百一十克，盖子拧两圈就能拧紧，底部是橡胶的。',
      '高十八厘米，宽七厘米，底座是橡胶的，放在桌上不会滑。',
      '电池容量八百毫安时，充电九十分钟，充电口在侧面，用的是USB接口。',
      '面料是百分之六十棉和百分之四十涤纶，可以机洗，水温三十度，低温烘干。',
      '容量五百毫升，盖子有硅胶密封圈，提手可以折叠，放进包里。',
      '有三档转速，刀片是不锈钢的，杯子可以拆下来清洗。',
      '成分有烟酰胺、甘油和泛醇，瓶子三十毫升，带玻璃滴管。',
      '蓝牙五点三，单次续航六小时，加上充电仓二十四小时。',
      '一套有两条浴巾、两条手巾和两条小方巾，竹纤维含量百分之七十。',
      '尺码从XS到XXL，详情页的模特穿的是M码。',
    ],
    callToAction: [
      '{p}链接已经上了，到手价{price}元，三，二，一，开拍！',
      '只剩{left}单，{price}元，拍下就发货，倒数三，二，一！',
      '小黄车一号链接就是{p}，只要{price}元，只剩{left}单。',
      '{p}到手价{price}元，购物车里直接拍，只剩{left}单！',
      '三，二，一，{p}链接开了，{price}元，库存只剩{left}单！',
      '{p}的链接在小黄车里，只要{price}元，最后{left}单。',
    ],
    shortCallToAction: ['{p}链接在小黄车！', '{p}只要{price}元！', '{p}赶紧拍下！', '{p}，三，二，一！'],
    routineCallToAction: [
      '{p}的链接在小黄车里，需要的可以去看一下。',
      '{p}库存还有，链接放在购物车第一个。',
      '刚才没看到的朋友，{p}还在小黄车三号链接。',
      '{p}的价格还是{price}元，链接在购物车里。',
    ],
    excited: [
      '太绝了，真的超级喜欢！',
      '家人们，这个真的太惊艳了！',
      '绝了绝了，真的太超值了！',
      '我真的爱死这个了，太完美了！',
      '天哪，太漂亮了，我真的超爱！',
      '这个效果太棒了，强烈推荐！',
    ],
    answers: [
      '{p}有三个颜色，每个颜色都是{price}元。',
      '{p}两天内发货，现在拍下明天就寄出。',
      '{p}长十五厘米，尺码表在小黄车详情里。',
      '{p}今天是{price}元，和官网一样。',
      '{p}的链接是购物车第三个。',
      '{p}库存还有{left}件。',
    ],
    polite: [
      '谢谢大家，真的特别感谢家人们的支持，爱你们！',
      '感谢每一位来直播间的朋友，你们太贴心了！',
      '谢谢大家的陪伴，有你们真的很开心！',
      '太感谢大家了，你们是最棒的！',
    ],
    setup: {
      'product-reveal': [
        '来，这就是开播的时候我说的那一款。',
        '我把盒子打开，大家第一次看到它。',
        '就是它，我们等了很久的新款。',
        '我现在把它从包装里拿出来。',
      ],
      'flash-sale': [
        '家人们把手机拿在手上，这一轮很快。',
        '计时开始了，大家看屏幕。',
        '这一轮只有几分钟，大家注意听。',
        '手指放在屏幕上，等我的口令。',
      ],
      funny: [
        '哎呀，架子被我碰倒了。',
        '等一下，猫跳到桌子上来了。',
        '我又把盖子盖到别的瓶子上了。',
        '我说着说着椅子自己滑走了。',
      ],
      giveaway: [
        '现在开始抽奖，评论区扣一参与。',
        '在直播间的朋友都能参加，两分钟后开奖。',
        '把直播间分享给朋友，评论区打名字参加抽奖。',
      ],
      demo: [
        '我给大家演示一下，看近景镜头。',
        '我现在往上面倒水，大家看看会怎么样。',
        '看第二个镜头，我用力按下去。',
        '我们来做个测试，从桌子的高度扔下去。',
      ],
      'qa-rush': [
        '我看到很多问题，一个一个回答。',
        '我来看一下评论区的问题。',
        '很多朋友问同一个问题，我解释一下。',
      ],
    },
    body: {
      'product-reveal': [
        '这是它第一次在直播间出现。',
        '大家看形状，比老款小一点。',
        '盒子里面还有一张小卡片。',
      ],
      'flash-sale': [
        '大家知道怎么做，动作快一点。',
        '计时器在屏幕上，大家看着。',
        '到零的时候这一轮就结束了。',
      ],
      funny: [
        '等我一下，我把它放回去。',
        '刚才的事情大家就当没看见。',
        '我讲到哪了，对，盒子。',
      ],
      giveaway: [
        '评论区扣一就参加抽奖了。',
        '计时结束的时候我们开奖。',
        '现在在直播间的朋友都能参加。',
      ],
      demo: [
        '大家看，水直接从上面流下去了。',
        '我把它翻过来，一点都没有漏出来。',
        '我用整个手掌压在上面。',
      ],
      'qa-rush': [
        '一共有三个尺码，小号、中号和大号。',
        '两天内从仓库发货。',
        '可以放进洗碗机，放在上层。',
      ],
    },
  },
  chat: {
    background: [
      '来了', '打卡', '第一次来', '刚下班', '在上班摸鱼', '前排', '路过', '我来了', '签到', '今天下雨了', '刚进来',
      '晚上刚吃完饭', '在地铁上看', '👋', '又来了', '蹲一会儿', '在家看', '从广州来的', '上海的来了', '北京打卡',
      '刚起床', '午休时间',
    ],
    hype: ['扣1', '1111', '等着', '蹲', '蹲一个', '来了来了', '已拍', '拍了', '手已经放在屏幕上了', '11111', '在等', '👀'],
    positive: ['太好看了', '太爱了', '爱了爱了', '好喜欢', '太划算了', '心动了', '好美', '❤️', '真不错', '太棒了', '想要，太爱了', '超值'],
    laughter: ['哈哈哈哈', '233333', '666', '笑死', 'xswl', '哈哈哈哈哈哈', '笑死我了', '😂😂', '🤣', '哈哈哈', '2333', '6666'],
    questions: ['多少钱？', '有链接吗？', '能用多久？', '防水吗？', '有黑色吗？', '什么时候发货？', '尺寸多大？', '几号链接？', '能机洗吗？', '有大码吗？'],
    offTopicQuestions: ['主播哪里人？', '主播多大了？', '背景音乐叫什么？', '主播几点下播？', '这是在哪里直播？', '主播叫什么名字？'],
    spam: ['关注我领红包', '看我主页', '互关互关', '点我头像看看'],
    raid: ['从{raider}直播间过来的', '{raider}带我们来的', '来串门了', '组团来的'],
    negative: ['太贵了', '质量太差了', '骗人的吧', '上次买的坏了', '智商税', '垃圾', '无聊'],
    users: ['小鱼干', 'momo酱', '奶茶不加糖', '阿杰', '星星', '橘子汽水', '路人甲', '夏天', '小白', '大橙子', '木木', '柠檬', '阿宁', '豆豆'],
    spamUsers: ['福利号888', '推广小号01', '红包领取处'],
    raiders: ['厨房小王', '夜猫游戏', '数码老张', '手工小屋'],
    paid: ['冲', '打卡', '报到', '从杭州来的', '今天第一次发SC', '来了来了'],
    paidAmounts: [30, 30, 50, 50, 100],
    bigPaidAmount: 1000,
    gifts: [
      { name: '小心心', price: 0.1 },
      { name: '辣条', price: 0.1 },
      { name: '告白气球', price: 52 },
      { name: '小电视飞船', price: 1245 },
    ],
    currency: 'CNY',
  },
};

/** The pools of each language. */
export const LANGUAGE_POOLS: Readonly<Record<Language, LanguagePools>> = { en: EN, zh: ZH };

/**
 * Spoken length of a text in the unit of the speech-rate signal: words (en) or characters (zh). In Chinese
 * every Han character counts and a run of Latin letters or digits ("USB", "199") counts as one.
 */
export function speechLength(text: string, language: Language): number {
  if (language === 'zh') return (text.match(/\p{Script=Han}|[A-Za-z0-9]+/gu) ?? []).length;
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
