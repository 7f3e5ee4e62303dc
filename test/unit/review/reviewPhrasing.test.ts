import { describe, expect, it } from 'vitest';
import { keepsNumbers, numbersIn } from '../../../shared/pipeline/assist/reviewPhrasingTask.js';

describe('review phrasing keeps our numbers', () => {
  it('reads digits with thousands separators and decimals', () => {
    expect(numbersIn('GMV 1,199.9 from 28 orders, 10% off')).toEqual(['1199.9', '28', '10']);
  });

  it('accepts a rewording with the same or fewer numbers', () => {
    expect(keepsNumbers('Viewers fell 18% (812 → 655) at 12:30', 'At 12:30 the room lost 18% (812 → 655)')).toBe(true);
    expect(keepsNumbers('Viewers fell 18% (812 → 655)', 'Viewers fell sharply')).toBe(true);
  });

  it('refuses a rounded, invented or spelled-out number', () => {
    expect(keepsNumbers('GMV 1,199.9', 'GMV about 1,200')).toBe(false);
    expect(keepsNumbers('cut the talk', 'cut the talk by 30%')).toBe(false);
    expect(keepsNumbers('「精华液」讲了 9 分钟', '「精华液」讲了九分钟，卖了一百单')).toBe(false);
    expect(keepsNumbers('只要一百九十九', '到手价一百九十九')).toBe(true);
  });
});
