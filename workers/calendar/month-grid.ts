/**
 * A calendar year as month grids in plain text, for a person to compare with the notice before a year is
 * written: 休 marks a day off, 班 a weekend day worked (调休); only months with such days are shown.
 */
import type { CalendarFile } from './calendar-file';
import { dayOfKey, weekdayOf } from './shanghai-time';

/** The month grids of a calendar file, Monday first. */
export function monthGrids(file: CalendarFile): string {
  const marks = new Map(file.days.map((day) => [day.date, day.isOffDay ? '休' : '班']));
  const months = [...new Set(file.days.map((day) => Number(day.date.slice(5, 7))))].sort((a, b) => a - b);
  const out: string[] = [];
  for (const month of months) {
    const names = [...new Set(file.days.filter((day) => Number(day.date.slice(5, 7)) === month).map((day) => day.name))].join('、');
    out.push(`${file.year}年${month}月  ${names}`, '  一    二    三    四    五    六    日');
    const first = dayOfKey(`${file.year}-${String(month).padStart(2, '0')}-01`);
    const length = new Date(Date.UTC(file.year, month, 0)).getUTCDate();
    const cells: string[] = Array.from({ length: (weekdayOf(first) + 6) % 7 }, () => '     ');
    for (let day = 1; day <= length; day += 1) {
      const key = `${file.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      cells.push(`${String(day).padStart(3)}${marks.get(key) ?? '  '}`);
    }
    for (let row = 0; row < cells.length; row += 7) out.push(cells.slice(row, row + 7).join(' ').trimEnd());
    out.push('');
  }
  out.push('休 = 放假（day off）  班 = 调休上班（weekend day worked）');
  return out.join('\n');
}
