import { describe, expect, it } from 'vitest';
import { CSV_SKIP, parseCsvChat, sniffCsvChat } from '../../shared/core/inputs/csvChat.js';
import { ReasonTally } from '../../shared/core/inputs/reasonTally.js';

function parse(content: string) {
  const tally = new ReasonTally();
  const messages = parseCsvChat(content, tally, {});
  return { messages, report: tally.report('csv', messages.length) };
}

const lines = (...rows: string[]) => rows.join('\n');

describe('parseCsvChat', () => {
  it('reads t,user,text rows in file order', () => {
    // Prepare
    const content = lines('t,user,text', '12.5,ann,second', '3,bob,first');

    // Act
    const { messages, report } = parse(content);

    // Assess
    expect(messages).toEqual([
      { t: 12.5, user: 'ann', text: 'second', kind: 'message' },
      { t: 3, user: 'bob', text: 'first', kind: 'message' },
    ]);
    expect(report).toEqual({ format: 'csv', accepted: 2, skipped: 0, skippedReasons: {} });
  });

  it('keeps commas, quotes and newlines inside quoted fields, and bare quotes inside unquoted text', () => {
    const content = lines('t,user,text', '1,"Smith, Ann","hello, world"', '2,bob,"two', 'lines with ""quotes"""', '3,cat,he said "hi" twice');

    const { messages } = parse(content);

    expect(messages).toEqual([
      { t: 1, user: 'Smith, Ann', text: 'hello, world', kind: 'message' },
      { t: 2, user: 'bob', text: 'two lines with "quotes"', kind: 'message' },
      { t: 3, user: 'cat', text: 'he said "hi" twice', kind: 'message' },
    ]);
  });

  it('accepts the alternative header names in any case and order, CRLF and a BOM', () => {
    const content = '\ufeffComment,Nick,Time,Extra\r\nnice,ann,0:05,x\r\ncool,bob,01:02:03.250,y\r\n';

    expect(parse(content).messages).toEqual([
      { t: 5, user: 'ann', text: 'nice', kind: 'message' },
      { t: 3723.25, user: 'bob', text: 'cool', kind: 'message' },
    ]);
    expect(parse(lines('SECONDS,Author,Message', '7,ann,a')).messages).toEqual([{ t: 7, user: 'ann', text: 'a', kind: 'message' }]);
    expect(parse(lines('offset,name,body', '7,ann,a')).messages).toHaveLength(1);
  });

  it('reads MM:SS with more than 60 minutes, and a missing user column as an empty user', () => {
    const { messages } = parse(lines('time,text', '75:30,late', '0:00.5,early'));

    expect(messages).toEqual([
      { t: 4530, user: '', text: 'late', kind: 'message' },
      { t: 0.5, user: '', text: 'early', kind: 'message' },
    ]);
  });

  it('maps the kind, amount and currency columns when valid', () => {
    const content = lines(
      't,user,text,kind,amount,currency',
      '1,ann,thanks!,paid,5,usd',
      '2,bob,辣条 x10,gift,10,bilibili-gold',
      '3,cat,subscribed (Tier 1),MEMBER,,',
      '4,dan,,paid,1000,JPY',
      '5,eve,big spender,paid,$5.00,',
      '6,fay,cheer,paid,100,bits',
      '7,gus,just chat,,,',
    );

    const { messages, report } = parse(content);

    expect(messages).toEqual([
      { t: 1, user: 'ann', text: 'thanks!', kind: 'paid', amount: 5, currency: 'USD' },
      { t: 2, user: 'bob', text: '辣条 x10', kind: 'gift', amount: 10, currency: 'bilibili-gold' },
      { t: 3, user: 'cat', text: 'subscribed (Tier 1)', kind: 'member' },
      { t: 4, user: 'dan', text: '1000 JPY', kind: 'paid', amount: 1000, currency: 'JPY' },
      { t: 5, user: 'eve', text: 'big spender', kind: 'paid', amount: 5, currency: 'USD' },
      { t: 6, user: 'fay', text: 'cheer', kind: 'paid', amount: 100, currency: 'bits' },
      { t: 7, user: 'gus', text: 'just chat', kind: 'message' },
    ]);
    expect(report.skipped).toBe(0);
  });

  it('drops and notes invalid kind, amount and currency cells but keeps the row', () => {
    const content = lines(
      't,user,text,kind,amount,currency',
      '1,ann,a,donation,5,USD',
      '2,bob,b,paid,lots,USD',
      '3,cat,c,paid,-5,USD',
      '4,dan,d,paid,5,US Dollars!',
    );

    const { messages, report } = parse(content);

    expect(messages).toEqual([
      { t: 1, user: 'ann', text: 'a', kind: 'message', amount: 5, currency: 'USD' },
      { t: 2, user: 'bob', text: 'b', kind: 'paid' },
      { t: 3, user: 'cat', text: 'c', kind: 'paid' },
      { t: 4, user: 'dan', text: 'd', kind: 'paid', amount: 5 },
    ]);
    expect(report).toEqual({
      format: 'csv',
      accepted: 4,
      skipped: 0,
      skippedReasons: { [CSV_SKIP.invalidKind]: 1, [CSV_SKIP.invalidAmount]: 2, [CSV_SKIP.invalidCurrency]: 1 },
    });
  });

  it('skips and counts rows with a missing, invalid or negative time, or no text', () => {
    const content = lines(
      't,user,text',
      '1,ok,kept',
      ',x,no time',
      'soon,x,word time',
      '1:75,x,bad clock',
      '1:61:00,x,bad minutes',
      '-4,x,before the show',
      '-0:04,x,negative clock is not a clock',
      '5,x,   ',
      '6,x',
      '',
      '8,ok2,also kept',
    );

    const { messages, report } = parse(content);

    expect(messages.map((m) => m.text)).toEqual(['kept', 'also kept']);
    expect(report.skippedReasons).toEqual({
      [CSV_SKIP.missingT]: 1,
      [CSV_SKIP.invalidT]: 4,
      [CSV_SKIP.beforeStart]: 1,
      [CSV_SKIP.emptyText]: 2,
    });
    expect(report.skipped).toBe(8);
  });

  it('loses only the broken line when a quote is never closed', () => {
    const content = lines('t,user,text', '1,ann,fine', '2,bob,"broken', '3,cat,also fine');

    const { messages, report } = parse(content);

    expect(messages.map((m) => m.text)).toEqual(['fine', 'also fine']);
    expect(report.skippedReasons).toEqual({ [CSV_SKIP.malformedRow]: 1 });
  });

  it('reads nothing (and counts every row) without a recognised header, and nothing from empty input', () => {
    expect(parse(lines('1,ann,hi', '2,bob,yo')).report.skippedReasons).toEqual({ [CSV_SKIP.noHeader]: 2 });
    expect(parse('').messages).toEqual([]);
    expect(parse('t,user,text').messages).toEqual([]);
  });
});

describe('sniffCsvChat', () => {
  it.each([
    ['t,user,text', 't,user,text\n1,a,hi'],
    ['quoted header names', '"Time","Author","Message"\n"0:01","a","hi"'],
    ['no user column', 'offset,comment\n1,hi'],
    ['leading blank line and BOM', '\ufeff\ntime,nick,body\n1,a,hi'],
  ])('recognises %s', (_name, content) => {
    expect(sniffCsvChat(content)).toBe(true);
  });

  it.each([
    ['a CSV without a header', '1,ann,hi\n2,bob,yo'],
    ['the metrics CSV (no text column)', 't,viewers,likes,orders,gmv\n0,10,1,0,0'],
    ['a header without a time column', 'user,text\nann,hi'],
    ['a semicolon-separated header', 't;user;text\n1;a;hi'],
    ['JSON Lines', '{"t": 1, "user": "a", "text": "hi"}\n{"t": 2, "user": "b", "text": "yo"}'],
    ['TwitchDownloader JSON', JSON.stringify({ comments: [{ content_offset_seconds: 1.5, message: { body: 'hi' } }] })],
    ['a YouTube replay page', JSON.stringify({ continuationContents: { liveChatContinuation: { actions: [{ replayChatItemAction: {} }] } } })],
    ['bilibili XML', '<?xml version="1.0"?><i><d p="1.0,1,25,16777215,0,0,abc,1">hi</d></i>'],
    ['a Twitch IRC log', '2019-04-30_08:56:59 ;;; :nick!nick@nick.tmi.twitch.tv PRIVMSG #chan :t,text'],
    ['garbage', 'not chat at all'],
    ['empty input', ''],
  ])('rejects %s', (_name, content) => {
    expect(sniffCsvChat(content)).toBe(false);
  });
});
