import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/core/errors.js';
import { METRICS_SKIP, parseMetricsCsv } from '../../shared/core/inputs/index.js';

describe('parseMetricsCsv', () => {
  it('parses the full header into numbers, sorted by t', () => {
    // Prepare
    const csv = 't,viewers,likes,orders,gmv\n20,150,30,2,59.8\n10,120,12,0,0\n';

    // Act
    const { points, report } = parseMetricsCsv(csv, 'metrics.csv');

    // Assess
    expect(points).toEqual([
      { t: 10, viewers: 120, likes: 12, orders: 0, gmv: 0 },
      { t: 20, viewers: 150, likes: 30, orders: 2, gmv: 59.8 },
    ]);
    expect(report).toEqual({ format: 'csv', accepted: 2, skipped: 0, skippedReasons: {} });
  });

  it('accepts any subset of columns in any order, case-insensitive and trimmed, ignoring unknown ones', () => {
    const csv = ' GMV , note ,T,Viewers\n1.5,hello,3,40\n';
    const { points } = parseMetricsCsv(csv, 'm.csv');
    expect(points).toEqual([{ t: 3, viewers: 40, gmv: 1.5 }]);
    expect(points[0]).not.toHaveProperty('likes');
  });

  it('turns empty cells into undefined without counting them', () => {
    const { points, report } = parseMetricsCsv('t,viewers,orders\n5,,3\n6,7,\n', 'm.csv');
    expect(points).toEqual([
      { t: 5, orders: 3 },
      { t: 6, viewers: 7 },
    ]);
    expect(report.skippedReasons).toEqual({});
  });

  it('skips rows with a bad t and counts them by reason', () => {
    const csv = ['t,viewers', '1,10', ',11', 'abc,12', '-5,13', '0x10,14', 'Infinity,15', '2,16'].join('\n');
    const { points, report } = parseMetricsCsv(csv, 'm.csv');
    expect(points.map((p) => p.t)).toEqual([1, 2]);
    expect(report.skipped).toBe(5);
    expect(report.skippedReasons).toEqual({
      [METRICS_SKIP.missingT]: 1,
      [METRICS_SKIP.invalidT]: 3,
      [METRICS_SKIP.negativeT]: 1,
    });
  });

  it('keeps a row with non-numeric or negative cells, dropping and counting those cells', () => {
    const csv = 't,viewers,likes,gmv\n1,lots,5,"1,234.00"\n2,-3,6,NaN\n';
    const { points, report } = parseMetricsCsv(csv, 'm.csv');
    expect(points).toEqual([
      { t: 1, likes: 5 },
      { t: 2, likes: 6 },
    ]);
    expect(report.accepted).toBe(2);
    expect(report.skipped).toBe(0);
    expect(report.skippedReasons).toEqual({
      [METRICS_SKIP.nonNumeric('viewers')]: 1,
      [METRICS_SKIP.negativeValue('viewers')]: 1,
      [METRICS_SKIP.nonNumeric('gmv')]: 2,
    });
  });

  it('reads t as a clock time h:mm:ss or m:ss', () => {
    const { points, report } = parseMetricsCsv('t,viewers\n1:02:03.5,1\n2:30,2\n1:75,3\n', 'm.csv');
    expect(points.map((p) => p.t)).toEqual([150, 3723.5]);
    expect(report.skippedReasons).toEqual({ [METRICS_SKIP.invalidT]: 1 });
  });

  it('sniffs semicolon and tab delimiters, and tolerates a BOM, CRLF, blank lines and short rows', () => {
    expect(parseMetricsCsv('\ufefft;viewers\r\n1;10\r\n\r\n2\r\n', 'eu.csv').points).toEqual([{ t: 1, viewers: 10 }, { t: 2 }]);
    expect(parseMetricsCsv('t\tlikes\n4\t9\n', 'tab.tsv').points).toEqual([{ t: 4, likes: 9 }]);
  });

  it('keeps file order for equal t (stable sort)', () => {
    const { points } = parseMetricsCsv('t,viewers\n5,1\n2,2\n5,3\n', 'm.csv');
    expect(points.map((p) => p.viewers)).toEqual([2, 1, 3]);
  });

  it('counts a row with a broken quote as malformed and keeps the rest', () => {
    const { points, report } = parseMetricsCsv('t,viewers\n1,10\n2,"1"1\n3,30\n', 'm.csv');
    expect(points.map((p) => p.t)).toEqual([1, 3]);
    expect(report.skippedReasons[METRICS_SKIP.malformedRow]).toBe(1);
  });

  it('reads quoted fields holding the delimiter (an ignored notes column)', () => {
    const { points } = parseMetricsCsv('t,note,orders\n1,"flash sale, round 2",4\n', 'm.csv');
    expect(points).toEqual([{ t: 1, orders: 4 }]);
  });

  it('accepts a header with no rows as zero points', () => {
    expect(parseMetricsCsv('t,viewers\n', 'm.csv')).toEqual({
      points: [],
      report: { format: 'csv', accepted: 0, skipped: 0, skippedReasons: {} },
    });
  });

  it('rejects a file without a t column, naming the expected header and what it found', () => {
    expect(() => parseMetricsCsv('time,viewers\n1,2\n', 'show.csv')).toThrow(InputError);
    expect(() => parseMetricsCsv('time,viewers\n1,2\n', 'show.csv')).toThrow(
      'metrics file show.csv has no "t" column: expected a header like t,viewers,likes,orders,gmv (found: time,viewers)',
    );
    // A header-less file: the first data row is taken as the header and has no `t`.
    expect(() => parseMetricsCsv('1,2,3\n4,5,6\n', 'raw.csv')).toThrow(/has no "t" column/);
  });

  it('rejects empty and binary files', () => {
    expect(() => parseMetricsCsv(' \n', 'm.csv')).toThrow('metrics file m.csv is empty');
    expect(() => parseMetricsCsv('\u0000\u0001PK\u0003\u0004', 'm.xlsx')).toThrow(/looks like binary data/);
  });
});

describe('parseMetricsCsv: traffic columns and where problems are', () => {
  it('reads uv, views (or pv), product_clicks, add_to_cart and follows as running totals', () => {
    const csv = 't,viewers,uv,PV,product_clicks,add_to_cart,follows\n0,10,10,12,0,0,0\n5,14,19,25,3,1,2\n';
    const { points } = parseMetricsCsv(csv, 'm.csv');
    expect(points[1]).toEqual({ t: 5, viewers: 14, uv: 19, views: 25, productClicks: 3, addToCart: 1, follows: 2 });
  });

  it('names the line and the value of the first problem of each kind, counting the rest', () => {
    const csv = ['t,viewers,gmv,product_clicks', '0,10,0,0', '5,12,12;5x,1', '10,abc,20,-2', '\n', '15,13,"30', '20,14,oops,3', 'x,1,1,1'].join('\n');
    const { points, report } = parseMetricsCsv(csv, 'm.csv');
    expect(points.map((p) => p.t)).toEqual([0, 5, 10, 20]);
    expect(report.skippedReasons).toEqual({ 'non-numeric gmv': 2, 'non-numeric viewers': 1, 'negative product_clicks': 1, 'malformed row': 1, 'invalid t': 1 });
    expect(report.firstSkipped).toEqual({
      'non-numeric gmv': 'line 3: "12;5x"',
      'non-numeric viewers': 'line 4: "abc"',
      'negative product_clicks': 'line 4: "-2"',
      'malformed row': 'line 7',
      'invalid t': 'line 9: "x"',
    });
  });
});
