import { z } from 'zod';
import { InputError } from '../errors.js';
import { languageSchema, readonlyArray } from '../schemas/basics.js';
import { complianceSeveritySchema } from '../schemas/compliance.js';

/** Flags every claim pattern is compiled with: global (all matches), case-insensitive, Unicode. */
export const CLAIM_PATTERN_FLAGS = 'giu';

/**
 * Default rules. Chinese rules follow the Advertising Law of the PRC (广告法, 2021 revision):
 * art. 9(3) bans 国家级/最高级/最佳 and similar absolute terms; art. 16-18 ban efficacy and safety
 * guarantees and any disease-treatment claim outside medical ads; art. 25 bans guaranteed returns.
 * English rules cover the claims US regulators (FTC Act §5, FDA drug-claim rules) and shopping
 * platforms most often reject. Severity: `block` for medical/cure claims that must not air,
 * `warn` for superlatives and guarantees a human should review.
 */
export const DEFAULT_CLAIM_RULES: readonly ClaimRule[] = [
  {
    id: 'zh-superlative',
    language: 'zh',
    // An allow-list of adjectives after 最, so 最近/最后/最初/最终/最多 never match;
    // 最好 as "had better" (最好先领券, 最好别) is excluded by the lookahead.
    pattern:
      '最(?:好(?!先|还是|别|不要|能|要)|佳|强|优|棒|牛|便宜|优惠|实惠|划算|低价|低折扣|高级|高端|顶级|先进|权威|专业|正宗|安全|有效|受欢迎|畅销|热销|火爆|时尚|流行|完美|值|具性价比)',
    severity: 'warn',
    rule: 'absolute claim: 最 + superlative (广告法 第九条第三项)',
    examples: { flags: ['这是最好的面霜', '最便宜的一次', '最佳选择'], passes: ['最近怎么样', '最后一单', '最终价格', '你最好先领券'] },
  },
  {
    id: 'zh-lowest-price',
    language: 'zh',
    pattern: '(?:全网|全国|史上|历史|行业|全年)(?:最低价格?|最低|最便宜|最优惠|底价|最好|最强|最佳)',
    severity: 'warn',
    rule: 'absolute price or superlative claim (广告法 第九条第三项)',
    examples: { flags: ['全网最低价', '史上最低'], passes: ['全网都在卖'] },
  },
  {
    id: 'zh-number-one',
    language: 'zh',
    // Bare 第一 is mostly ordinal (第一次, 第一个链接), so only ranking forms are flagged.
    pattern: '(?:全网|全国|全球|世界|行业|销量|排名|同类|业内|天下|国内|亚洲)第一|第一(?:品牌|名)|(?<![A-Za-z0-9])NO\\.\\s?1(?!\\d)',
    severity: 'warn',
    rule: 'ranking claim 第一 / NO.1 (广告法 第九条第三项)',
    examples: { flags: ['全网第一', '销量第一的品牌', '我们是NO.1'], passes: ['第一次来直播间', '第一个链接'] },
  },
  {
    id: 'zh-grade',
    language: 'zh',
    pattern: '国家级|世界级|全球级|宇宙级|最高级|顶级|顶尖|极品',
    severity: 'warn',
    rule: 'absolute grade claim 国家级 / 世界级 / 顶级 (广告法 第九条第三项)',
    examples: { flags: ['国家级配方', '顶级面料', '极品好茶'], passes: ['国家队'] },
  },
  {
    id: 'zh-absolute',
    language: 'zh',
    // "100%" only counts here when Chinese follows (100%纯棉); English "100% ..." has its own rule.
    pattern: '绝对|万能|百分之百|100\\s*%(?=\\s*\\p{Script=Han})|史上|独一无二',
    severity: 'warn',
    rule: 'absolute claim 绝对 / 万能 / 100% (广告法 第九条第三项)',
    examples: { flags: ['绝对好用', '万能膏', '100%有效', '百分之百纯天然'], passes: ['打100分'] },
  },
  {
    id: 'zh-zero-risk',
    language: 'zh',
    pattern: '零风险|无风险|稳赚不赔|稳赚|保本|包赚',
    severity: 'warn',
    rule: 'guaranteed-outcome claim 零风险 / 稳赚 (广告法 第二十五条)',
    examples: { flags: ['零风险投资', '稳赚不赔'], passes: ['风险提示'] },
  },
  {
    id: 'zh-permanent',
    language: 'zh',
    pattern: '永久|永不反弹|一劳永逸|终身有效',
    severity: 'warn',
    rule: 'permanent-effect claim, misleading (广告法 第二十八条)',
    examples: { flags: ['永久祛斑', '永不反弹'], passes: ['长久以来'] },
  },
  {
    id: 'zh-medical-cure',
    language: 'zh',
    pattern:
      '根治|治愈|包治|药到病除|祛病|抗癌|防癌|降血压|降血糖|降血脂|治疗(?:痘痘|青春痘|湿疹|脱发|失眠|糖尿病|高血压|疾病|皮炎)',
    severity: 'block',
    rule: 'disease-treatment claim for a non-medical product (广告法 第十七条)',
    examples: { flags: ['三天根治痘痘', '包治百病', '可以降血压'], passes: ['治理环境'] },
  },
  {
    id: 'zh-medical-safety',
    language: 'zh',
    pattern: '(?:无|零|没有任何|无任何)副作用|(?:治愈|有效)率',
    severity: 'block',
    rule: 'efficacy or safety guarantee (广告法 第十六条、第十八条)',
    examples: { flags: ['无副作用', '有效率高达'], passes: ['作用很大'] },
  },
  {
    id: 'en-superlative',
    language: 'en',
    pattern: '\\bbest\\s+(?:ever|in\\s+the\\s+world|on\\s+the\\s+market)\\b',
    severity: 'warn',
    rule: 'unsubstantiated superlative claim (FTC Act §5; platform ad policies)',
    examples: { flags: ['this is the best ever', 'Best in the world!'], passes: ['best wishes everyone', 'my best friend'] },
  },
  {
    id: 'en-number-one',
    language: 'en',
    pattern: '(?<![\\w#])#\\s?1(?!\\d)|\\bnumber\\s+one\\b|(?<![A-Za-z0-9])no\\.\\s?1(?!\\d)',
    severity: 'warn',
    rule: 'ranking claim #1 / number one without substantiation (FTC Act §5)',
    examples: { flags: ['the #1 serum', 'number one seller'], passes: ['#10 in line', 'no 1 asked'] },
  },
  {
    id: 'en-guarantee',
    language: 'en',
    pattern: '\\bguarantee(?:d|s)?\\b',
    severity: 'warn',
    rule: 'guarantee claim, must state its terms (FTC Guides, 16 CFR 239)',
    examples: { flags: ['results guaranteed'], passes: ['guard'] },
  },
  {
    id: 'en-100-percent',
    language: 'en',
    pattern: '\\b100\\s?(?:%|percent)\\s*(?:natural|safe|effective|organic|pure|proven)\\b',
    severity: 'warn',
    rule: 'absolute "100% natural/safe/effective" claim (FTC Act §5)',
    examples: { flags: ['100% natural', '100 percent safe'], passes: ['100% cotton'] },
  },
  {
    id: 'en-cure',
    language: 'en',
    pattern:
      '\\bcur(?:e|es|ed|ing)\\b|\\b(?:treats?|prevents?|heals?)\\s+(?:acne|eczema|psoriasis|cancer|diabetes|arthritis|depression|anxiety|insomnia|hair\\s+loss|covid(?:-19)?|disease)\\b',
    severity: 'block',
    rule: 'disease cure/treatment claim for a non-drug product (FDA drug-claim rules; FTC Act §5)',
    examples: { flags: ['cures acne', 'it treats eczema'], passes: ['secure checkout', 'curious'] },
  },
  {
    id: 'en-no-side-effects',
    language: 'en',
    pattern: '\\bno\\s+side[-\\s]effects?\\b',
    severity: 'block',
    rule: 'medical safety guarantee (FDA; FTC Act §5)',
    examples: { flags: ['no side effects at all'], passes: ['side by side'] },
  },
  {
    id: 'en-miracle',
    language: 'en',
    pattern: '\\bmiracles?\\b',
    severity: 'warn',
    rule: 'miracle claim (FTC Act §5)',
    examples: { flags: ['a miracle cream'], passes: [] },
  },
  {
    id: 'en-risk-free',
    language: 'en',
    pattern: '\\brisk[-\\s]?free\\b|\\b(?:zero|no)\\s+risk\\b',
    severity: 'warn',
    rule: 'risk-free claim (FTC Act §5)',
    examples: { flags: ['totally risk-free', 'zero risk'], passes: ['risky'] },
  },
  {
    id: 'en-lowest-price',
    language: 'en',
    pattern: '\\blowest\\s+prices?\\s+(?:ever|anywhere|online|guaranteed|in\\s+town)\\b|\\bcheapest\\s+(?:ever|anywhere|online)\\b',
    severity: 'warn',
    rule: 'absolute price claim (FTC Guides Against Deceptive Pricing, 16 CFR 233)',
    examples: { flags: ['lowest price ever', 'cheapest anywhere'], passes: ['lowest setting'] },
  },
  {
    id: 'en-clinically-proven',
    language: 'en',
    // "Without qualifier": flagged unless the same sentence names the study backing it.
    pattern:
      '\\bclinically\\s+(?:proven|tested|shown)\\b(?![^.!?]{0,80}\\b(?:study|studies|trial|trials|participants|subjects|according\\s+to|published)\\b)',
    severity: 'warn',
    rule: 'clinically-proven claim without citing the study (FTC Health Products Compliance Guidance)',
    examples: {
      flags: ['clinically proven formula'],
      passes: ['clinically proven to reduce redness in a 12-week study of 40 participants'],
    },
  },
  {
    id: 'en-fda-approved',
    language: 'en',
    pattern: '\\bfda[-\\s]approved\\b',
    severity: 'warn',
    rule: 'FDA approval claim (cosmetics and supplements are not FDA approved)',
    examples: { flags: ['FDA approved serum'], passes: [] },
  },
];

/** Compiles a rule's pattern; an invalid pattern raises an InputError naming the rule. */
export function compileClaimPattern(rule: Pick<ClaimRule, 'id' | 'pattern'>): RegExp {
  try {
    return new RegExp(rule.pattern, CLAIM_PATTERN_FLAGS);
  } catch (error) {
    throw new InputError(`compliance rule "${rule.id}": invalid pattern: ${(error as Error).message}`, { cause: error });
  }
}

const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Schema of one banned or risky advertising claim, as a regular expression (a rule file's rule, and `inputs/rules.json`). */
export const claimRuleSchema = z
  .object({
    /** Stable id, used to disable or override the rule from a rule file. */
    id: z.string().regex(RULE_ID, 'letters, digits, ".", "_" or "-", starting with a letter or digit').max(80),
    /** Language the pattern is written for; copied onto each flag. */
    language: languageSchema,
    /** Regex source, compiled with flags `giu` (case-insensitive, Unicode: `\p{Script=Han}` works). */
    pattern: z.string().min(1).max(2000),
    severity: complianceSeveritySchema,
    /** Human reason shown with each flag, e.g. "absolute claim (广告法 第九条)". */
    rule: z.string().min(1).max(300),
    /** Optional self-test: lines that must flag and lines that must pass, checked when a rule file is parsed. */
    examples: z
      .object({ flags: readonlyArray(z.string()).optional(), passes: readonlyArray(z.string()).optional() })
      .strict()
      .readonly()
      .optional(),
  })
  .strict() // unknown keys are typos ("severty"), which would otherwise be silently ignored
  .superRefine((rule, context) => {
    const problem = patternProblem(rule);
    if (problem !== undefined) context.addIssue({ code: 'custom', path: ['pattern'], message: `rule "${rule.id}": ${problem}` });
  })
  .readonly();

/** One banned or risky advertising claim, as a regular expression. */
export type ClaimRule = z.infer<typeof claimRuleSchema>;

/**
 * Schema of a rule file: either a bare array of rules, or an object that can keep the defaults,
 * disable some of them by id, and add or override rules (a rule whose id matches a default replaces it).
 */
export const claimRuleFileObjectSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    /** Keep DEFAULT_CLAIM_RULES and add to them. @default false */
    includeDefaults: z.boolean().default(false),
    /** Ids of default rules to drop. @default [] */
    disable: z.array(z.string()).default([]),
    rules: z.array(claimRuleSchema).default([]),
  })
  .strict();

/** Either form of a rule file: a bare array of rules or the object form. */
export const claimRuleFileSchema = z.union([z.array(claimRuleSchema), claimRuleFileObjectSchema]);

/**
 * Validates a parsed JSON rule file and returns the effective rule list. Bad files raise an
 * InputError that names the offending field or rule id (invalid regex, a rule failing its own
 * examples, duplicate ids, unknown ids in `disable`).
 */
export function parseClaimRules(json: unknown): ClaimRule[] {
  if (typeof json !== 'object' || json === null) {
    throw new InputError('invalid compliance rule file: expected an array of rules or an object with "rules"');
  }
  // Parsing each form with its own schema (not the union) keeps error messages about the actual field.
  const parsed = Array.isArray(json) ? z.array(claimRuleSchema).safeParse(json) : claimRuleFileObjectSchema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new InputError(`invalid compliance rule file: ${details.join('; ')}`);
  }
  const file = Array.isArray(parsed.data) ? { includeDefaults: false, disable: [], rules: parsed.data } : parsed.data;

  const seen = new Set<string>();
  for (const rule of file.rules) {
    if (seen.has(rule.id)) throw new InputError(`invalid compliance rule file: duplicate rule id "${rule.id}"`);
    seen.add(rule.id);
  }
  const defaultIds = new Set(DEFAULT_CLAIM_RULES.map((rule) => rule.id));
  const unknown = file.disable.filter((id) => !defaultIds.has(id));
  if (unknown.length > 0) {
    throw new InputError(
      `invalid compliance rule file: disable lists unknown default rule id(s) ${unknown.map((id) => `"${id}"`).join(', ')}`,
    );
  }

  const kept = file.includeDefaults
    ? DEFAULT_CLAIM_RULES.filter((rule) => !file.disable.includes(rule.id) && !seen.has(rule.id))
    : [];
  return [...kept, ...file.rules];
}

/** Why a rule's pattern is unusable, or undefined when it is fine. */
function patternProblem(rule: Pick<ClaimRule, 'pattern' | 'examples'>): string | undefined {
  let regex: RegExp;
  try {
    regex = new RegExp(rule.pattern, CLAIM_PATTERN_FLAGS);
  } catch (error) {
    return `invalid pattern: ${(error as Error).message}`;
  }
  // A pattern that matches nothing at all (e.g. "a*") would flag every line of every show.
  if (new RegExp(rule.pattern, 'iu').test('')) return 'pattern matches the empty string, so it would flag every line';
  for (const example of rule.examples?.flags ?? []) {
    regex.lastIndex = 0;
    if (!regex.test(example.normalize('NFKC'))) return `pattern does not match its example ${JSON.stringify(example)}`;
  }
  for (const example of rule.examples?.passes ?? []) {
    regex.lastIndex = 0;
    if (regex.test(example.normalize('NFKC'))) return `pattern matches its counter-example ${JSON.stringify(example)}`;
  }
  return undefined;
}
