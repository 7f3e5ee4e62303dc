import { describe, expect, it } from 'vitest';
import { chatPrompts } from '../../shared/core/highlights/signals/chatPrompts.js';

const at = (start: number, text: string) => ({ start, text });

describe('chatPrompts: the host asking the chat for a token', () => {
  it('finds English and Chinese requests and the tokens that answer them', () => {
    expect(chatPrompts([at(10, 'Type 1 in the chat to enter the draw!')])).toEqual([{ at: 10, tokens: ['1'] }]);
    expect(chatPrompts([at(20, 'Give me a 666 in the chat if you like the Cloud Hoodie!')])).toEqual([{ at: 20, tokens: ['666'] }]);
    expect(chatPrompts([at(30, 'Drop "yes" in the chat if you want a restock.')])).toEqual([{ at: 30, tokens: ['yes'] }]);
    expect(chatPrompts([at(40, '福利来了，评论区扣1参与抽奖！')])).toEqual([{ at: 40, tokens: ['1'] }]);
    expect(chatPrompts([at(50, '想要精华液的家人们扣想要！')])).toEqual([{ at: 50, tokens: ['想要'] }]);
    expect(chatPrompts([at(60, '大家公屏刷666。')])).toEqual([{ at: 60, tokens: ['666'] }]);
  });

  it('leaves ordinary talk alone', () => {
    const talk = [
      at(1, 'Let me read a few comments from the chat.'),
      at(2, 'I will type the code in the description later.'),
      at(3, '这款打底衫很百搭，大家可以看一下。'),
      at(4, '我们来做个测试，从桌子的高度扔下去。'),
      at(5, 'Chat is moving fast today.'),
      at(6, '我把盒子打开，大家第一次看到它。'),
      at(7, '今天下单明天发货，放心。'),
    ];
    expect(chatPrompts(talk)).toEqual([]);
  });
});
