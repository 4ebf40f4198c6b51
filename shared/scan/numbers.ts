// Numbers and dates in news copy, after GB/T 15835-2011 (出版物上数字的用法)
// as newsrooms apply it: half-width Arabic digits, years in full, 〇 not 零 in
// Chinese-numeral years, real dates, 日 not 号, three-digit grouping, Chinese
// numerals for adjacent-number estimates, no "3千" or "百分之5".
import { inSpans, type RawFinding } from './raw-finding';

const CN_DIGITS = '〇一二三四五六七八九';

function validDate(year: number | null, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

export function checkNumbers(text: string, protect: [number, number][]): RawFinding[] {
  const out: RawFinding[] = [];
  const add = (f: Omit<RawFinding, 'severity'> & { severity?: RawFinding['severity'] }) => {
    if (!inSpans(protect, f.start, f.end)) out.push({ severity: 'warning', ...f });
  };

  // Full-width digits, alone or mixed with half-width ones.
  for (const m of text.matchAll(/[0-9０-９]*[０-９][0-9０-９]*/g))
    add({
      rule: 'number.full_width_digits',
      code: 'full_width_digits',
      start: m.index,
      end: m.index + m[0].length,
      suggestion: m[0].replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)),
    });

  // A two-digit year in a date ("24年3月").
  for (const m of text.matchAll(/(?<![0-9])([0-9]{2})年(?=[0-9]{1,2}月)/g)) {
    const yy = Number(m[1]);
    const year = (yy < 50 ? 2000 : 1900) + yy;
    add({
      rule: 'date.short_year',
      code: 'short_year',
      start: m.index,
      end: m.index + 3,
      suggestion: `${year}年`,
    });
  }

  // 零 inside a year in Chinese numerals (二零二四年 → 二〇二四年).
  for (const m of text.matchAll(/[〇零一二三四五六七八九]{4}(?=年)/g))
    if (m[0].includes('零'))
      add({
        rule: 'date.year_zero',
        code: 'year_zero',
        start: m.index,
        end: m.index + 4,
        suggestion: m[0].replaceAll('零', '〇'),
      });

  // Dates that do not exist (2月30日, 13月1日).
  for (const m of text.matchAll(
    /(?:(?<![0-9])([0-9]{4})年)?(?<![0-9])([0-9]{1,2})月([0-9]{1,2})[日号]/g,
  )) {
    const year = m[1] ? Number(m[1]) : null;
    if (!validDate(year, Number(m[2]), Number(m[3])))
      add({
        rule: 'date.invalid',
        code: 'invalid_date',
        start: m.index,
        end: m.index + m[0].length,
      });
  }

  // 号 for the day in running text.
  for (const m of text.matchAll(/(?<![0-9])([0-9]{1,2})月([0-9]{1,2})号/g))
    add({
      rule: 'date.hao',
      code: 'date_hao',
      severity: 'hint',
      start: m.index,
      end: m.index + m[0].length,
      suggestion: `${m[1]}月${m[2]}日`,
    });

  // 2024.3.5 or 2024/3/5 in Chinese copy.
  if (/[\u4e00-\u9fff]/.test(text))
    for (const m of text.matchAll(
      /(?<![0-9./])((?:19|20)[0-9]{2})[./]([0-9]{1,2})[./]([0-9]{1,2})(?![0-9./])/g,
    )) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (validDate(y, mo, d))
        add({
          rule: 'date.dotted',
          code: 'dotted_date',
          severity: 'hint',
          start: m.index,
          end: m.index + m[0].length,
          suggestion: `${y}年${mo}月${d}日`,
        });
    }

  // Grouping: three digits a group (1,260 · 2,300) or none; "1,0000" is wrong.
  for (const m of text.matchAll(/(?<![0-9,])[0-9]+(?:,[0-9]+)+(?![0-9])/g)) {
    const groups = m[0].split(',');
    const later = groups.slice(1);
    if (
      later.every((g) => g.length >= 2) &&
      (groups[0]!.length > 3 || later.some((g) => g.length !== 3))
    )
      add({
        rule: 'number.grouping',
        code: 'digit_grouping',
        start: m.index,
        end: m.index + m[0].length,
      });
  }

  // Adjacent numbers as an estimate ("5、6个" → "五六个").
  for (const m of text.matchAll(
    /(?<![0-9])([1-8])、?([2-9])(?=[个名人天年月次家户岁位条项件万亿元米])/g,
  )) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (b !== a + 1 || !m[0].includes('、')) continue;
    add({
      rule: 'number.approximate',
      code: 'approximate_arabic',
      start: m.index,
      end: m.index + m[0].length,
      suggestion: `${CN_DIGITS[a]}${CN_DIGITS[b]}`,
    });
  }

  // "3千万", "5百" — but 千米, 千克, 千瓦, 百分点 are units.
  for (const m of text.matchAll(
    /(?<![0-9.])([0-9]+(?:\.[0-9]+)?)([千百])(?![米克瓦帕赫焦伏卡分])/g,
  )) {
    const value = Number(m[1]) * (m[2] === '千' ? 1000 : 100);
    if (!Number.isInteger(value)) continue;
    add({
      rule: 'number.unit_word',
      code: 'arabic_with_unit_word',
      severity: 'hint',
      start: m.index,
      end: m.index + m[0].length,
      suggestion: String(value),
    });
  }

  // 百分之5 → 5%.
  for (const m of text.matchAll(/百分之([0-9]+(?:\.[0-9]+)?)/g))
    add({
      rule: 'number.percent',
      code: 'percent_words',
      severity: 'hint',
      start: m.index,
      end: m.index + m[0].length,
      suggestion: `${m[1]}%`,
    });

  return out;
}
