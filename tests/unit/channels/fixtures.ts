// Real-looking Chinese news copy for the channel tests and benchmarks.
import { paragraph, type Block } from '@shared/body/blocks';
import { EMPTY_FIELDS } from '@shared/domain/story';
import type { ImageRef, MasterStory } from '@shared/domain/master-story';

export const STORY_ID = '01936b2e-7c4a-7d10-9f3e-2a6b8c0d1e2f';

export const PHOTO: ImageRef = {
  id: 'img-001',
  caption: '11月3日，市民在杭州湖滨步行街选购商品。',
  credit: '本报记者 陈晨 摄',
  width: 4000,
  height: 2667,
  mime: 'image/jpeg',
  bytes: 820_000,
  aiGenerated: false,
  fileName: 'hubin.jpg',
};

export const LEAD =
  '本报北京11月3日电（记者王晓明）国家统计局今天发布数据显示，10月份全国居民消费价格指数（CPI）同比上涨0.2%，环比持平；扣除食品和能源价格的核心CPI同比上涨0.5%，涨幅连续三个月扩大。';

export const PARAGRAPHS = [
  LEAD,
  '国家统计局城市司首席统计师董莉娟解读称，10月份，受部分地区降温、节日消费等因素影响，服务价格上涨0.4%，其中旅游、飞机票价格分别上涨3.1%和5.2%——这是今年以来的较高水平。',
  '从食品看，猪肉价格同比下降12.5%，降幅比上月收窄3.3个百分点；鲜菜价格受天气影响上涨7.7%……业内人士认为，“稳物价”仍是接下来一段时间的重点。',
  '中国人民大学经济学院教授刘元春表示：“随着促消费政策持续发力，预计四季度CPI将温和回升。”他同时提醒，要关注国际大宗商品价格波动带来的输入性影响。',
  '记者在北京、上海、杭州等地走访发现，“双11”预售已拉开帷幕，家电、数码产品以旧换新补贴带动线下门店客流明显增加😀。',
];

export function master(overrides: Partial<MasterStory> = {}): MasterStory {
  return {
    id: STORY_ID,
    fields: {
      ...EMPTY_FIELDS,
      kicker: '10月份CPI同比上涨0.2%',
      headline: '消费市场温和回暖 核心CPI涨幅连续三个月扩大',
      subheadline: '服务价格上涨带动，旅游、机票价格涨幅居前',
      byline: '本报记者 王晓明',
      dateline: '本报北京11月3日电',
      keywords: ['CPI', '消费', '国家统计局'],
      section: '经济',
    },
    body: PARAGRAPHS.map(paragraph),
    images: [PHOTO],
    ...overrides,
  };
}

/** A story of about `zi` 字, built from the paragraphs above. */
export function longStory(zi: number): MasterStory {
  const body: Block[] = [];
  let n = 0;
  let i = 0;
  while (n < zi) {
    const p = PARAGRAPHS[i % PARAGRAPHS.length]!;
    if (i > 0 && i % 12 === 0)
      body.push({ type: 'heading', level: 2, runs: [{ text: `第${i / 12}部分：市场观察` }] });
    body.push({
      type: 'paragraph',
      runs: [
        { text: p.slice(0, 40) },
        { text: p.slice(40, 60), bold: true },
        { text: p.slice(60) },
      ],
    });
    n += p.length;
    i++;
  }
  return master({ body });
}

export const CTX = {
  storyId: STORY_ID,
  links: { baseUrl: 'https://s.rmnews.cn', onlineUrl: 'https://app.rmnews.cn/a/20241103-cpi' },
  now: '2024-11-03T10:00:00+08:00',
};
