import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CLAIM_RULES,
  findComplianceFlags,
  parseClaimRules,
  type ClaimRule,
  type ComplianceItem,
} from '../../shared/core/compliance/index.js';
import { InputError } from '../../shared/core/errors.js';

const chat = (text: string, t = 0): ComplianceItem => ({ start: t, end: t, text, source: 'chat' });
const speech = (text: string, start: number, end: number): ComplianceItem => ({ start, end, text, source: 'speech' });
const flagsOf = (text: string) => findComplianceFlags([chat(text)]);

describe('findComplianceFlags with the default rules', () => {
  it.each([
    ['全网最低价', '全网最低价', 'warn'],
    ['这是我们家最好的面霜', '最好', 'warn'],
    ['销量第一，国家级配方', '销量第一', 'warn'],
    ['我们是NO.1', 'NO.1', 'warn'],
    ['顶级面料', '顶级', 'warn'],
    ['绝对好用，万能膏', '绝对', 'warn'],
    ['百分之百纯天然', '百分之百', 'warn'],
    ['零风险', '零风险', 'warn'],
    ['永久祛斑', '永久', 'warn'],
    ['三天根治痘痘', '根治', 'block'],
    ['包治百病', '包治', 'block'],
    ['没有任何副作用', '没有任何副作用', 'block'],
    ['this is the best ever', 'best ever', 'warn'],
    ["it's the #1 serum", '#1', 'warn'],
    ['number one seller on the site', 'number one', 'warn'],
    ['results guaranteed', 'guaranteed', 'warn'],
    ['100% natural ingredients', '100% natural', 'warn'],
    ['cures acne', 'cures', 'block'],
    ['a miracle cream', 'miracle', 'warn'],
    ['totally risk-free', 'risk-free', 'warn'],
    ['lowest price ever', 'lowest price ever', 'warn'],
    ['clinically proven formula', 'clinically proven', 'warn'],
  ] as const)('flags %j with term %j (%s)', (text, term, severity) => {
    const flags = flagsOf(text);
    expect(flags.map((flag) => flag.term)).toContain(term);
    expect(flags.find((flag) => flag.term === term)?.severity).toBe(severity);
  });

  it.each([
    '最近怎么样',
    '最后一单了',
    '最初的版本',
    '最终价格是99',
    '最多拍两件',
    '你最好先领券',
    '第一次来直播间',
    '第一个链接',
    '100分',
    'my best friend says hi',
    'secure checkout',
    '100% cotton',
    'clinically proven to reduce redness in a 12-week study of 40 participants',
    'hello everyone, welcome back',
    '',
  ])('does not flag %j', (text) => {
    expect(flagsOf(text)).toEqual([]);
  });

  it('keeps one flag for overlapping matches, preferring the longer one', () => {
    const flags = flagsOf('全网最低价！');
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ term: '全网最低价', severity: 'warn', language: 'zh', source: 'chat' });
    expect(flags[0]?.rule).toContain('广告法');
  });

  it('prefers block over warn when matches overlap', () => {
    const rules: ClaimRule[] = [
      { id: 'w', language: 'en', pattern: 'miracle cure', severity: 'warn', rule: 'warn rule' },
      { id: 'b', language: 'en', pattern: 'cure', severity: 'block', rule: 'block rule' },
    ];
    expect(findComplianceFlags([chat('a miracle cure')], rules).map((flag) => flag.rule)).toEqual(['block rule']);
  });

  it('labels NO.1 with the rule in the line’s own language', () => {
    expect(flagsOf('我们是NO.1')[0]?.language).toBe('zh');
    expect(flagsOf('we are the No.1 brand')[0]?.language).toBe('en');
  });

  it('matches full-width forms and code-switched lines', () => {
    expect(flagsOf('１００％ natural').map((flag) => flag.term)).toEqual(['100% natural']);
    expect(flagsOf('这个真的是 best ever 的面霜').map((flag) => flag.term)).toEqual(['best ever']);
  });

  it('returns item times, text and source, sorted by start', () => {
    const flags = findComplianceFlags([
      chat('全网最低价', 30),
      speech('this cures acne, guaranteed', 5, 9),
      chat('最近怎么样', 1),
    ]);
    expect(flags.map((flag) => [flag.start, flag.end, flag.term, flag.source])).toEqual([
      [5, 9, 'cures', 'speech'],
      [5, 9, 'guaranteed', 'speech'],
      [30, 30, '全网最低价', 'chat'],
    ]);
    expect(flags[0]?.text).toBe('this cures acne, guaranteed');
  });

  it('reports each finding once: a term repeated in one line, or the same line given twice at one time', () => {
    expect(flagsOf('绝对好看，绝对划算').map((flag) => flag.term)).toEqual(['绝对']);
    expect(flagsOf('绝对好看，史上最低').map((flag) => flag.term)).toEqual(['绝对', '史上最低']);
    const line = { start: 12, end: 15, text: '这是全网最好的面霜', source: 'speech' as const };
    expect(findComplianceFlags([line, { ...line }])).toHaveLength(1);
    expect(findComplianceFlags([line, { ...line, start: 40, end: 43 }])).toHaveLength(2);
  });
});

describe('parseClaimRules', () => {
  it('accepts the default rules, which all pass their own examples', () => {
    expect(parseClaimRules({ rules: DEFAULT_CLAIM_RULES })).toHaveLength(DEFAULT_CLAIM_RULES.length);
    expect(new Set(DEFAULT_CLAIM_RULES.map((rule) => rule.id)).size).toBe(DEFAULT_CLAIM_RULES.length);
  });

  it('loads the documented example file, merging, disabling and overriding defaults', () => {
    const path = fileURLToPath(new URL('../../docs/compliance-rules.example.json', import.meta.url));
    const rules = parseClaimRules(JSON.parse(readFileSync(path, 'utf8')));
    const ids = rules.map((rule) => rule.id);
    expect(ids).not.toContain('en-guarantee'); // disabled
    expect(ids).toContain('shop-weight-loss'); // added
    expect(ids.filter((id) => id === 'zh-absolute')).toHaveLength(1); // overridden, not duplicated
    expect(findComplianceFlags([chat('躺着也能瘦，100%纯棉')], rules).map((flag) => [flag.term, flag.severity])).toEqual([
      ['躺着也能瘦', 'block'],
    ]);
    expect(findComplianceFlags([chat('results guaranteed')], rules)).toEqual([]);
  });

  it('accepts a bare array of rules without defaults', () => {
    const rules = parseClaimRules([{ id: 'x', language: 'en', pattern: '\\bfoo\\b', severity: 'warn', rule: 'foo' }]);
    expect(rules.map((rule) => rule.id)).toEqual(['x']);
  });

  it('rejects an invalid regex with the rule id', () => {
    const bad = [{ id: 'broken-rule', language: 'zh', pattern: '最(好', severity: 'warn', rule: 'r' }];
    expect(() => parseClaimRules(bad)).toThrow(InputError);
    expect(() => parseClaimRules(bad)).toThrow(/broken-rule.*invalid pattern/);
  });

  it('rejects a rule that fails its own examples, or matches the empty string', () => {
    expect(() =>
      parseClaimRules([
        { id: 'r1', language: 'zh', pattern: '最好', severity: 'warn', rule: 'r', examples: { passes: ['最好的'] } },
      ]),
    ).toThrow(/r1.*counter-example/);
    expect(() => parseClaimRules([{ id: 'r2', language: 'en', pattern: 'a*', severity: 'warn', rule: 'r' }])).toThrow(
      /r2.*empty string/,
    );
  });

  it('names bad fields, unknown keys, duplicate ids and unknown disabled ids', () => {
    expect(() => parseClaimRules({ rules: [{ id: 'a', language: 'fr', pattern: 'x', severity: 'warn', rule: 'r' }] })).toThrow(
      /rules\.0\.language/,
    );
    expect(() => parseClaimRules([{ id: 'a', language: 'en', pattern: 'x', severty: 'warn', rule: 'r' }])).toThrow(InputError);
    const rule = { id: 'dup', language: 'en', pattern: 'x', severity: 'warn', rule: 'r' };
    expect(() => parseClaimRules([rule, rule])).toThrow(/duplicate rule id "dup"/);
    expect(() => parseClaimRules({ includeDefaults: true, disable: ['nope'] })).toThrow(/unknown default rule id.*"nope"/);
    expect(() => parseClaimRules('rules')).toThrow(InputError);
    expect(() => parseClaimRules(null)).toThrow(InputError);
  });

  it('raises InputError naming the rule when findComplianceFlags gets an unvalidated bad pattern', () => {
    const rules: ClaimRule[] = [{ id: 'oops', language: 'en', pattern: '(', severity: 'warn', rule: 'r' }];
    expect(() => findComplianceFlags([chat('x')], rules)).toThrow(/oops/);
  });
});
