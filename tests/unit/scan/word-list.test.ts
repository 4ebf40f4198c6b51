import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SENSITIVE_LIST_TEXT,
  DEFAULT_TYPO_LIST_TEXT,
  SensitiveListSchema,
  TypoListSchema,
  formatSensitiveList,
  formatTypoList,
  parseSensitiveList,
  parseTypoList,
} from '@shared/scan';

describe('sensitive-word list as text', () => {
  it('reads fields separated by | or tab, Chinese category and severity names, a whitelist section', () => {
    const { list, problems } = parseSensitiveList(
      [
        '# 本报敏感词表 2026-11',
        '台湾总统 | 政治 | 禁用 | 台湾地区领导人',
        '代开发票\t诈骗\tblock',
        '第一品牌 | 广告法 | 慎用',
        '殡葬一条龙 | 本地口径',
        '',
        '【白名单】',
        '国家级贫困县',
      ].join('\r\n'),
    );
    expect(problems).toEqual([]);
    expect(list.entries).toEqual([
      { term: '台湾总统', category: 'politics', severity: 'block', suggestion: '台湾地区领导人' },
      { term: '代开发票', category: 'fraud', severity: 'block' },
      { term: '第一品牌', category: 'advertising', severity: 'warning' },
      { term: '殡葬一条龙', category: '本地口径', severity: 'warning' },
    ]);
    expect(list.whitelist).toEqual(['国家级贫困县']);
    expect(SensitiveListSchema.parse(list)).toEqual(list);
  });

  it('reports bad lines by number and keeps the good ones', () => {
    const { list, problems } = parseSensitiveList(
      [
        '台湾总统 | 政治 | 禁用',
        '……',
        '北朝鲜 | 政治 | 严重',
        '台 湾 总 统 | 政治 | 提示',
        '[附录]',
        '南朝鲜 | 政治 | 禁用',
      ].join('\n'),
    );
    expect(list.entries.map((e) => e.term)).toEqual(['台湾总统', '南朝鲜']);
    expect(problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'empty_term'],
      [3, 'bad_severity'],
      [4, 'duplicate'],
      [5, 'unknown_section'],
    ]);
    expect(problems[2]!.message['zh-CN']).toBe('第4行：“台 湾 总 统”与第1行重复，已忽略');
    expect(problems[1]!.message.en).toBe(
      'Line 3: unknown severity “严重” (use block, warning or hint)',
    );
  });

  it('writes what it reads: the default list round-trips exactly', () => {
    const { list, problems } = parseSensitiveList(DEFAULT_SENSITIVE_LIST_TEXT);
    expect(problems).toEqual([]);
    expect(list.entries.length).toBeGreaterThan(10);
    const text = formatSensitiveList(list);
    expect(parseSensitiveList(text).list).toEqual(list);
    expect(text).toContain('台湾总统 | 政治 | 禁用 | 台湾地区领导人');
  });
});

describe('typo list as text', () => {
  it('reads wrong → right | note, with -> and tabs too', () => {
    const { list, problems } = parseTypoList(
      '按装 → 安装\n既使->即使 | 表示假设\n截止目前\t截至目前\n迫不急待\n',
    );
    expect(list.entries).toEqual([
      { wrong: '按装', right: '安装' },
      { wrong: '既使', right: '即使', note: '表示假设' },
      { wrong: '截止目前', right: '截至目前' },
    ]);
    expect(problems.map((p) => [p.line, p.code])).toEqual([[4, 'missing_correction']]);
  });

  it('the default list parses cleanly and round-trips', () => {
    const { list, problems } = parseTypoList(DEFAULT_TYPO_LIST_TEXT);
    expect(problems).toEqual([]);
    expect(list.entries.find((e) => e.wrong === '再接再励')?.right).toBe('再接再厉');
    expect(parseTypoList(formatTypoList(list)).list).toEqual(list);
    expect(TypoListSchema.parse(list)).toEqual(list);
  });
});
