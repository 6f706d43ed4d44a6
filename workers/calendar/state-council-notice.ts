/**
 * Reads the State Council's yearly notice on holiday arrangements (国务院办公厅关于<year>年部分节假日安排的通知)
 * as it is published, e.g. "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。", into a
 * calendar file. Every numbered block is checked — day count against the dates, weekdays in brackets
 * against the calendar, make-up days on weekends, no day both off and worked, dates of the right year —
 * and every refusal names the line and the reason in Chinese and English. No regex library fits this
 * one-document grammar better than the few patterns below; the notice's phrasing has been stable for years.
 */
import type { CalendarDay, CalendarFile } from './calendar-file';
import { dayKeyOf, dayOfKey, weekdayOf } from './shanghai-time';

/** One refused line. */
export interface NoticeError {
  /** 1-based line of the notice text. */
  line: number;
  /** The line as given (trimmed). */
  text: string;
  /** Why, in Chinese then English. */
  reason: string;
}

/** What reading a notice gives: the calendar file, or the errors (never both). */
export type NoticeReading = { ok: true; file: CalendarFile; ignored: Array<{ line: number; text: string }> } | { ok: false; errors: NoticeError[] };

const WEEKDAYS = '日一二三四五六';
const BLOCK = /^([一二三四五六七八九十]+)、([^：]+)：(.+)$/;
const DATE = '(?:(\\d{4})年)?(?:(\\d{1,2})月)?(\\d{1,2})日';
const BRACKET = '(?:（([^）]*)）)?';
const HOLIDAY = new RegExp(`^${DATE}${BRACKET}(?:至${DATE}${BRACKET})?放假(?:调休)?(.*)$`);
const WORKDAY_ITEM = new RegExp(`${DATE}${BRACKET}`, 'g');

// Published texts mix full-width and half-width punctuation (news sites convert them); read both.
function normalise(line: string): string {
  return line
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/:/g, '：')
    .replace(/,/g, '，')
    .replace(/;/g, '；')
    .replace(/\s+/g, '')
    .replace(/星期天/g, '星期日')
    .replace(/周天/g, '周日');
}

class LineRefusal extends Error {}

function refuse(chinese: string, english: string): never {
  throw new LineRefusal(`${chinese}（${english}）`);
}

interface DateParts {
  year?: string;
  month?: string;
  day: string;
  bracket?: string;
}

/** Resolves a date of the notice; `month` carries over from the range start ("1月1日至3日"). */
function dateOf(parts: DateParts, year: number, fallbackMonth: number | undefined): { key: string; month: number } {
  const month = parts.month ? Number(parts.month) : fallbackMonth;
  if (month === undefined) refuse(`日期"${parts.day}日"缺少月份`, `the date ${parts.day} has no month`);
  const inYear = parts.year ? Number(parts.year) : year;
  if (inYear !== year) refuse(`日期属于${inYear}年，不是${year}年`, `the date is in ${inYear}, not in ${year}`);
  const key = `${year}-${String(month).padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  try {
    dayOfKey(key);
  } catch {
    refuse(`${month}月${parts.day}日不是真实日期`, `${key} is not a real date`);
  }
  const stated = /(?:周|星期)([日一二三四五六])/.exec(parts.bracket ?? '');
  if (stated) {
    const actual = WEEKDAYS[weekdayOf(dayOfKey(key))]!;
    if (stated[1] !== actual) refuse(`${month}月${parts.day}日是周${actual}，不是周${stated[1]}`, `${key} is a ${'Sun Mon Tue Wed Thu Fri Sat'.split(' ')[WEEKDAYS.indexOf(actual)]}day per the calendar, not as the bracket says`);
  }
  return { key, month: month! };
}

function holidaysOf(sentence: string, year: number): string[] {
  const match = HOLIDAY.exec(sentence);
  if (!match) refuse('无法识别放假日期（应为"X月X日（周X）至X日（周X）放假调休，共X天"）', 'the holiday dates cannot be read; expected "M月D日（周X）至D日（周X）放假调休，共N天"');
  const [, y1, m1, d1, b1, y2, m2, d2, b2, rest] = match;
  const start = dateOf({ year: y1, month: m1, day: d1!, bracket: b1 }, year, undefined);
  const end = d2 ? dateOf({ year: y2, month: m2, day: d2, bracket: b2 }, year, start.month) : start;
  const first = dayOfKey(start.key);
  const last = dayOfKey(end.key);
  if (last < first) refuse(`结束日期${end.key}早于开始日期${start.key}`, `the range ends (${end.key}) before it starts (${start.key})`);
  const span = last - first + 1;
  const count = /共(\d+)天/.exec(rest!) ?? /^(\d+)天/.exec(rest!);
  if (count && Number(count[1]) !== span) {
    refuse(`写明共${count[1]}天，但${start.key}至${end.key}是${span}天`, `the block says ${count[1]} days, but ${start.key} to ${end.key} spans ${span}`);
  }
  if (!count && !/与周末连休|不调休/.test(rest!)) {
    refuse('缺少天数（"共X天"）', 'the day count ("共N天") is missing');
  }
  return Array.from({ length: span }, (_, index) => dayKeyOf(first + index));
}

function workdaysOf(sentence: string, year: number): string[] {
  const body = sentence.slice(0, -'上班'.length);
  const keys: string[] = [];
  let month: number | undefined;
  for (const match of body.matchAll(WORKDAY_ITEM)) {
    const date = dateOf({ year: match[1], month: match[2], day: match[3]!, bracket: match[4] }, year, month);
    month = date.month;
    const weekday = weekdayOf(dayOfKey(date.key));
    if (weekday !== 0 && weekday !== 6) refuse(`调休上班日${date.key}不是周末`, `make-up workday ${date.key} is not a weekend day`);
    keys.push(date.key);
  }
  if (keys.length === 0 || body.replace(WORKDAY_ITEM, '').replace(/、/g, '') !== '') {
    refuse('无法识别上班日期（应为"X月X日（周X）、X月X日（周X）上班"）', 'the workdays cannot be read; expected "M月D日（周X）、M月D日（周X）上班"');
  }
  return keys;
}

/**
 * Reads a notice for `year`. Lines that are not numbered blocks (title, greeting, closing) are ignored,
 * except that a year named in them must be `year` ("现将2026年…" in a text imported as 2027 is refused).
 */
export function readStateCouncilNotice(text: string, year: number): NoticeReading {
  const errors: NoticeError[] = [];
  const ignored: Array<{ line: number; text: string }> = [];
  const days = new Map<string, CalendarDay & { line: number }>();
  let title: string | null = null;
  let blocks = 0;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    const normalised = normalise(raw);
    if (!normalised) return;
    const block = BLOCK.exec(normalised);
    if (!block) {
      const named = /(?:关于|现将)(\d{4})年/.exec(normalised);
      if (named && Number(named[1]) !== year) {
        errors.push({ line, text: trimmed, reason: `通知写的是${named[1]}年，不是导入的${year}年（the notice is for ${named[1]}, not for ${year}）` });
      }
      if (!title && /节假日安排的通知/.test(normalised)) title = normalised.replace(/^.*?(国务院办公厅关于)/, '$1');
      if (named || /节假日安排/.test(normalised)) return;
      ignored.push({ line, text: trimmed });
      return;
    }
    blocks += 1;
    const name = block[2]!;
    try {
      const sentences = block[3]!.split('。').filter(Boolean);
      const [holidaySentence, ...others] = sentences;
      const blockDays: Array<CalendarDay> = holidaysOf(holidaySentence!, year).map((date) => ({ name, date, isOffDay: true }));
      for (const sentence of others) {
        if (sentence.endsWith('上班')) blockDays.push(...workdaysOf(sentence, year).map((date) => ({ name, date, isOffDay: false })));
        else if (/放假|上班/.test(sentence)) refuse(`无法识别"${sentence}"`, `cannot read "${sentence}"`);
        // Anything else ("鼓励各单位……安排职工在除夕（2月9日）休息") is advice, not an arrangement.
      }
      const seen = new Map<string, CalendarDay & { line: number }>();
      for (const day of blockDays) {
        const earlier = days.get(day.date) ?? seen.get(day.date);
        seen.set(day.date, { ...day, line });
        if (earlier) {
          const what = (off: boolean) => (off ? '放假' : '上班');
          refuse(
            `${day.date}既在${earlier.line === line ? '本' : `第${earlier.line}`}行${what(earlier.isOffDay)}又在本行${what(day.isOffDay)}`,
            `${day.date} is listed on line ${earlier.line} and again here; a day is either off or worked`,
          );
        }
      }
      for (const day of blockDays) days.set(day.date, { ...day, line });
    } catch (error) {
      if (!(error instanceof LineRefusal)) throw error;
      errors.push({ line, text: trimmed, reason: error.message });
    }
  });
  if (blocks === 0 && errors.length === 0) {
    errors.push({ line: 1, text: lines[0]?.trim() ?? '', reason: '没有找到"一、元旦：……"这样的放假安排（no numbered holiday block such as "一、元旦：……" was found）' });
  }
  if (errors.length > 0) return { ok: false, errors };
  const sorted = [...days.values()].sort((a, b) => a.date.localeCompare(b.date)).map(({ name, date, isOffDay }) => ({ name, date, isOffDay }));
  return { ok: true, file: { year, papers: [title ?? `国务院办公厅关于${year}年部分节假日安排的通知`], days: sorted }, ignored };
}
