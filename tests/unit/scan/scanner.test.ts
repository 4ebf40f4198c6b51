import { describe, expect, it } from 'vitest';
import { paragraph } from '@shared/body/blocks';
import {
  DEFAULT_SENSITIVE_LIST_TEXT,
  DEFAULT_TYPO_LIST_TEXT,
  DEFAULT_VERIFIED_DOMAINS,
  ScanReportSchema,
  createScanner,
  parseSensitiveList,
  parseTypoList,
  segmentsOfContent,
  unresolvedBlocking,
  type ScanReport,
} from '@shared/scan';
import { contentHash, type PublishableContent } from '@shared/workflow';
import type { AuthenticityRecord } from '@shared/authenticity/model';

const sensitive = parseSensitiveList(
  DEFAULT_SENSITIVE_LIST_TEXT +
    ['[词条]', '第一 | 广告法 | 提示', 'SB | 低俗 | 慎用', '[白名单]', '第一书记', '第一季度'].join(
      '\n',
    ),
).list;
const scanner = createScanner({
  sensitive,
  typos: parseTypoList(DEFAULT_TYPO_LIST_TEXT).list,
  verifiedDomains: [...DEFAULT_VERIFIED_DOMAINS, 'moa.gov.cn'],
});

function scanText(...paragraphs: string[]): ScanReport {
  return scanner.scanSegments(
    paragraphs.map((text, i) => ({ id: `block:${i}`, kind: 'body' as const, text })),
  );
}
const rules = (r: ScanReport) => r.findings.map((f) => `${f.rule}:${f.text}`);

/** Well-edited copy: a scan that cries wolf on this is useless. */
const CLEAN = [
  '本报讯（记者 李明 通讯员 张华）11月17日上午，记者从县农业农村局获悉，今年全县推广稻渔综合种养面积达3.2万亩，较去年增长18%，带动1,260户农户户均增收4800元。',
  '“一水两用、一田双收，稻子不打农药，小龙虾也卖上了好价钱。”青山村党支部第一书记张建国说。',
  '据介绍，2026年第一季度，县里整合涉农资金2300万元，对新建标准化稻渔田给予每亩300元补贴。农业农村部网站（https://www.moa.gov.cn/）发布的数据显示，全国稻渔综合种养面积已超过4000万亩。',
  '县农技推广中心主任王磊介绍，田间课堂已开展46场，培训农户三四千人次；下一步将在5个乡镇建设示范基地，每个基地不少于500亩——“让更多农户吃上生态饭”。',
];

describe('pre-scan on real copy', () => {
  it('finds nothing in clean, well-edited copy', () => {
    const report = scanText(...CLEAN);
    expect(report.findings).toEqual([]);
    expect(report.counts).toEqual({ block: 0, warning: 0, hint: 0 });
  });

  it('finds a sensitive term through inserted spaces, punctuation, zero-width and full-width characters, and points at the original text', () => {
    const text = '据岛内媒体报道，台 湾·总\u200b统府昨日表示……';
    const report = scanText(text);
    const f = report.findings.find((x) => x.rule === 'sensitive')!;
    expect(text.slice(f.range.start, f.range.end)).toBe('台 湾·总\u200b统');
    expect(f).toMatchObject({
      severity: 'block',
      category: 'politics',
      suggestion: '台湾地区领导人',
      key: 'sensitive:台湾总统',
      overridable: true,
    });
    expect(f.message['zh-CN']).toBe(
      '“台 湾·总\u200b统”属政治类敏感词（禁用），宜写作“台湾地区领导人”',
    );
    expect(f.message.en).toBe(
      '“台 湾·总\u200b统” is a sensitive term: politics (blocks publishing); write “台湾地区领导人”',
    );
    expect(rules(scanText('ＳＢ和sb都算，ASBESTOS 不算'))).toEqual([
      'sensitive:ＳＢ',
      'sensitive:sb',
    ]);
  });

  it('does not report a hit inside a whitelisted phrase, and does not cross paragraph ends', () => {
    expect(rules(scanText('第一书记张建国：第一季度产量创新高'))).toEqual([]);
    expect(rules(scanText('这是全省第一'))).toEqual(['sensitive:第一']);
    expect(rules(scanText('……台湾', '总统府'))).not.toContain('sensitive:台湾总统');
    expect(rules(scanText('进城务工的农民工和民工'))).toEqual(['sensitive:民工']);
  });

  it('reports the longest of nested hits once', () => {
    const r = scanText('该企业自称第一品牌');
    expect(rules(r)).toEqual(['sensitive:第一品牌']);
  });

  it('catches commonly confused words with the correction', () => {
    const r = scanText('截止目前，村里既使下雨也要按装好设备，大家再接再励。');
    expect(r.findings.map((f) => [f.text, f.suggestion])).toEqual([
      ['截止目前', '截至目前'],
      ['既使', '即使'],
      ['按装', '安装'],
      ['再接再励', '再接再厉'],
    ]);
    expect(r.findings[0]!.message['zh-CN']).toBe('“截止目前”疑为错别字，应为“截至目前”');
  });

  it('punctuation: half-width marks in Chinese, doubled marks, ellipsis and dash forms, unpaired pairs', () => {
    expect(rules(scanText('记者来到村里,看到田里很热闹.大家都说:好!'))).toEqual([
      'punctuation.half_width:,',
      'punctuation.half_width:.',
      'punctuation.half_width::',
      'punctuation.half_width:!',
    ]);
    expect(rules(scanText('真的吗？？这也太好了。。'))).toEqual([
      'punctuation.repeated:？？',
      'punctuation.repeated:。。',
    ]);
    expect(rules(scanText('他说...不好说。'))).toEqual(['punctuation.ellipsis:...']);
    expect(rules(scanText('收成好…今年—明年'))).toEqual([
      'punctuation.ellipsis:…',
      'punctuation.dash:—',
    ]);
    expect(rules(scanText('他说：“今年的收成（比去年好。'))).toEqual([
      'punctuation.unpaired:“',
      'punctuation.unpaired:（',
    ]);
    expect(rules(scanText('《人民日报》】报道'))).toEqual(['punctuation.unpaired:】']);
    expect(scanText('GDP(国内生产总值)增长').findings.map((f) => f.suggestion)).toEqual([
      '（',
      '）',
    ]);
  });

  it('punctuation: leaves decimals, times, URLs, apostrophes and English sentences alone; lets a quotation run across paragraphs', () => {
    expect(
      rules(scanText('增长3.5%，10:30开始，详见https://www.gov.cn/a,b 。He said: "It’s fine..."')),
    ).toEqual(['punctuation.straight_quotes:"', 'punctuation.straight_quotes:"']);
    // Each paragraph of a long quotation opens with “ and only the last one closes.
    expect(rules(scanText('“今年我们试种了两百亩。', '“明年要扩大到一千亩。”'))).toEqual([]);
    expect(rules(scanText('“今年我们试种了两百亩。', '明年要扩大。'))).toEqual([
      'punctuation.unpaired:“',
    ]);
  });

  it('numbers and dates after GB/T 15835', () => {
    expect(
      scanText('２０２６年全县增收１２００万元').findings.map((f) => [f.text, f.suggestion]),
    ).toEqual([
      ['２０２６', '2026'],
      ['１２００', '1200'],
    ]);
    expect(scanText('24年3月起施行').findings.map((f) => f.suggestion)).toEqual(['2024年']);
    expect(scanText('二零二六年十一月').findings.map((f) => f.suggestion)).toEqual(['二〇二六']);
    expect(rules(scanText('2026年2月29日、2024年2月29日、13月1日'))).toEqual([
      'date.invalid:2026年2月29日',
      'date.invalid:13月1日',
    ]);
    expect(scanText('会议定于11月18号召开').findings.map((f) => f.suggestion)).toEqual([
      '11月18日',
    ]);
    expect(scanText('截至2026.11.17，').findings.map((f) => f.suggestion)).toEqual([
      '2026年11月17日',
    ]);
    expect(rules(scanText('投入1,0000元，惠及12,345户'))).toEqual(['number.grouping:1,0000']);
    expect(scanText('来了5、6个人').findings.map((f) => f.suggestion)).toEqual(['五六']);
    expect(scanText('投资3千万元，修路5百米，年产2千克').findings.map((f) => f.suggestion)).toEqual(
      ['3000'],
    );
    expect(scanText('同比增长百分之5.2').findings.map((f) => f.suggestion)).toEqual(['5.2%']);
  });

  it('links: verified domains and their subdomains pass; others warn; unsafe targets block', () => {
    expect(
      rules(scanText('详见 https://www.moa.gov.cn/xw/ 和 https://data.stats.gov.cn/')),
    ).toEqual([]);
    const r = scanText('来源：http://weibo.example.com/123');
    expect(r.findings.map((f) => [f.rule, f.severity, f.params.host])).toEqual([
      ['link.unverified', 'warning', 'weibo.example.com'],
      ['link.insecure', 'hint', 'weibo.example.com'],
    ]);
  });
});

describe('scanning a channel version', () => {
  const content: PublishableContent = {
    storyId: '0196f3a2-7c41-7d2e-9a10-3b5c2d1e4f60',
    channel: 'wechat',
    fields: { headline: '台湾总统府回应', digest: '' },
    body: [
      paragraph('据报道，相关部门已介入调查。'),
      {
        type: 'paragraph',
        runs: [
          { text: '详情见' },
          { text: '原文', href: 'https://rumor.example.net/p/1' },
          { text: '。' },
        ],
      },
      { type: 'list', ordered: true, items: [{ runs: [{ text: '既使如此' }] }] },
    ],
    images: [
      {
        assetId: 'img-ai-1',
        caption: '稻田里的小龙虾',
        credit: '本报记者 李明 摄',
        crop: null,
      },
    ],
  };
  const authenticity: AuthenticityRecord = {
    storyId: content.storyId,
    sources: [],
    claims: [],
    images: [
      {
        assetId: 'img-ai-1',
        origin: 'contributor',
        photographer: '',
        agency: '',
        placeName: '',
        exif: null,
        synthetic: 'ai_generated',
        captionLabels: {},
      },
    ],
  };

  it('names segments the editor can find: fields, blocks, list items, link targets, captions', () => {
    expect(segmentsOfContent(content).map((s) => s.id)).toEqual([
      'field:headline',
      'block:0',
      'block:1',
      'link:block:1:1',
      'block:2.0',
      'image:0:caption',
      'image:0:credit',
    ]);
  });

  it('reports by segment, bound to the content hash, valid against the schema', () => {
    const report = scanner.scanContent(content, { authenticity });
    expect(report.contentHash).toBe(contentHash(content));
    expect(report.findings.map((f) => `${f.range.segment} ${f.rule} ${f.severity}`)).toEqual([
      'field:headline sensitive block',
      'link:block:1:1 link.unverified warning',
      'block:2.0 typo warning',
      'image:0:caption image.synthetic_label block',
    ]);
    expect(ScanReportSchema.parse(report)).toEqual(report);
    const label = report.findings.at(-1)!;
    expect(label).toMatchObject({ overridable: false, suggestion: '稻田里的小龙虾（AI生成）' });
    expect(label.message['zh-CN']).toBe('图片是AI生成图片，图说须标注“AI生成”');
  });

  it('a blocking finding stands until overridden for as many occurrences as there are', () => {
    const report = scanner.scanContent(content);
    expect(unresolvedBlocking(report, []).map((f) => f.key)).toEqual(['sensitive:台湾总统']);
    expect(unresolvedBlocking(report, [{ key: 'sensitive:台湾总统', occurrences: 1 }])).toEqual([]);
    const twice = scanner.scanContent({
      ...content,
      fields: { headline: '台湾总统府回应台湾总统' },
    });
    expect(unresolvedBlocking(twice, [{ key: 'sensitive:台湾总统', occurrences: 1 }])).toHaveLength(
      2,
    );
  });

  it('the rules hash changes when the lists change', () => {
    const other = createScanner({
      sensitive: { entries: [], whitelist: [] },
      typos: { entries: [], whitelist: [] },
      verifiedDomains: [],
    });
    expect(other.rulesHash).not.toBe(scanner.rulesHash);
    expect(scanner.rulesHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
