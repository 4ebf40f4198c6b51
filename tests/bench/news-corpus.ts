// A seeded generator of Chinese news stories for the library benchmarks:
// varied enough (places, bodies, topics, figures) that a search term matches
// some stories and not others, as in a real 稿库.
import { rng } from '../support/seeded-random';

export { rng };

const PLACES = [
  '北京',
  '上海',
  '广州',
  '深圳',
  '杭州',
  '成都',
  '武汉',
  '西安',
  '郑州',
  '长沙',
  '南宁',
  '昆明',
  '贵阳',
  '兰州',
  '西宁',
  '银川',
  '乌鲁木齐',
  '拉萨',
  '呼和浩特',
  '哈尔滨',
  '长春',
  '沈阳',
  '石家庄',
  '太原',
  '济南',
  '合肥',
  '南京',
  '福州',
  '南昌',
  '海口',
  '重庆',
  '天津',
  '延安',
  '遵义',
  '赣州',
  '黄山',
  '大理',
  '喀什',
  '绥化',
  '周口',
];
const BODIES = [
  '国家统计局',
  '农业农村部',
  '国家粮食和物资储备局',
  '生态环境部',
  '交通运输部',
  '教育部',
  '国家卫生健康委',
  '商务部',
  '工业和信息化部',
  '水利部',
  '文化和旅游部',
  '国家发展改革委',
  '市场监管总局',
  '应急管理部',
  '省政府新闻办',
  '市委宣传部',
  '县农业农村局',
  '乡镇卫生院',
  '合作社',
  '村委会',
];
const TOPICS = [
  '秋粮收购',
  '冬小麦播种',
  '新能源汽车',
  '乡村振兴',
  '高标准农田',
  '冷链物流',
  '消费券发放',
  '旧城改造',
  '学前教育',
  '医保报销',
  '河湖长制',
  '防汛抗旱',
  '文旅融合',
  '跨境电商',
  '数字乡村',
  '社区养老',
  '食品安全',
  '安全生产',
  '植树造林',
  '种业振兴',
  '电商直播',
  '红色旅游',
  '生猪稳产',
  '特色小镇',
  '黄河保护',
];
const VERBS = [
  '持续推进',
  '稳步提升',
  '加快落实',
  '全面启动',
  '取得新进展',
  '再创新高',
  '稳中有升',
  '有序开展',
  '成效明显',
  '逐步完善',
];
const CLAUSES = [
  '记者从{body}获悉，{place}{topic}工作{verb}，截至{m}月{d}日，累计完成{n}万吨。',
  '{place}市民在接受采访时表示，“{topic}让日子越过越有盼头”。',
  '据{body}统计，今年以来{place}共投入资金{n}亿元，带动就业{k}万人。',
  '业内人士分析认为，{topic}{verb}，但仍需关注成本上涨、需求波动等因素。',
  '{place}将进一步完善{topic}长效机制，推动相关政策落地见效。',
  '数据显示，{m}月份{place}{topic}相关指标同比增长{p}%，环比上涨{q}%。',
  '在{place}的一处现场，工作人员正在加紧作业，机器轰鸣声此起彼伏。',
  '{body}有关负责人介绍，下一步将围绕{topic}开展专项行动，确保取得实效。',
];

export interface GeneratedStory {
  headline: string;
  kicker: string;
  byline: string;
  section: string;
  body: string;
  words: number;
}

const SECTIONS = ['politics', 'economy', 'society', 'rural', 'culture', 'tech', 'local'];

export function generateStory(rand: () => number, paragraphs: number): GeneratedStory {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const place = pick(PLACES);
  const topic = pick(TOPICS);
  const fill = (tpl: string) =>
    tpl
      .replaceAll('{place}', Math.random() < 0 ? '' : place)
      .replaceAll('{topic}', topic)
      .replaceAll('{body}', pick(BODIES))
      .replaceAll('{verb}', pick(VERBS))
      .replaceAll('{m}', String(1 + Math.floor(rand() * 12)))
      .replaceAll('{d}', String(1 + Math.floor(rand() * 28)))
      .replaceAll('{n}', String(Math.floor(rand() * 9000) + 10))
      .replaceAll('{k}', (rand() * 50).toFixed(1))
      .replaceAll('{p}', (rand() * 30).toFixed(1))
      .replaceAll('{q}', (rand() * 5).toFixed(1));
  const paras: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    let p = '';
    const sentences = 2 + Math.floor(rand() * 4);
    for (let j = 0; j < sentences; j++) p += fill(pick(CLAUSES));
    paras.push(p);
  }
  const body = paras.join('\n');
  return {
    headline: `${place}${topic}${pick(VERBS)}`,
    kicker: `${pick(BODIES)}：`,
    byline: `记者 ${pick(['王', '李', '张', '刘', '陈', '杨', '赵', '黄'])}${pick(['晓明', '娜', '建国', '伟', '静', '磊', '洋', '敏'])}`,
    section: pick(SECTIONS),
    body,
    words: body.length,
  };
}
