import { describe, expect, it } from 'vitest';
import { paragraph, type Block } from '@shared/body/blocks';
import { keyPoints } from '@shared/channels/common/text';

const LEAD = '新华社北京11月27日电 今年秋粮收购进度已过半，农民售粮价格稳中有升。';

describe('keyPoints', () => {
  const body: Block[] = [
    paragraph(LEAD),
    paragraph(''),
    paragraph('国家粮食和物资储备局表示，各地认真落实最低收购价政策。收购网点已达1.2万个。'),
    { type: 'hr' },
    {
      type: 'list',
      ordered: false,
      items: [
        { runs: [{ text: '东北地区：玉米收购量同比增长8.5%，价格平稳。' }] },
        { runs: [{ text: '   ' }] },
      ],
    },
    { type: 'quote', runs: [{ text: '“今年卖粮不用排长队了！”种粮大户老王说。' }] },
    paragraph('下一步将加强市场监测🌾，确保“有人收粮、有钱收粮”。'),
  ];

  it('takes the first sentence of each paragraph after the lead, list items one each, blanks skipped', () => {
    expect(keyPoints(body, 10)).toEqual([
      '国家粮食和物资储备局表示，各地认真落实最低收购价政策。',
      '东北地区：玉米收购量同比增长8.5%，价格平稳。',
      '“今年卖粮不用排长队了！”',
      '下一步将加强市场监测🌾，确保“有人收粮、有钱收粮”。',
    ]);
  });

  it('stops at the limit', () => {
    expect(keyPoints(body, 2)).toHaveLength(2);
    expect(keyPoints(body, 0)).toEqual([]);
  });

  it('uses the subheadings when the story has two or more', () => {
    const withHeads: Block[] = [
      ...body,
      { type: 'heading', level: 2, runs: [{ text: '收购进度' }] },
      { type: 'heading', level: 2, runs: [{ text: '价格走势' }] },
    ];
    expect(keyPoints(withHeads, 4)).toEqual(['收购进度', '价格走势']);
  });
});
