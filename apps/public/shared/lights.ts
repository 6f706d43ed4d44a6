/** 亮灯: a deadline's colour, due instant and remaining working time as the server computed them. */

/** One deadline's light (as `workers/lights` computes it). */
export interface DeadlineLight {
  name: string;
  colour: 'green' | 'yellow' | 'red' | 'paused';
  dueAt: string;
  warnAt: string;
  remainingWorkingMinutes: number;
  /** 期限暂定: counted on weekends only in a year without holiday data (the calendar helper's field). */
  provisional?: boolean;
  provisionalYear?: number | null;
}

/** A case's lights. */
export interface CaseLight {
  colour: DeadlineLight['colour'] | null;
  deadlines: DeadlineLight[];
  provisional?: boolean;
  provisionalYear?: number | null;
}

export const LIGHT_LABELS: Record<DeadlineLight['colour'], string> = { green: '绿灯', yellow: '黄灯', red: '红灯', paused: '暂停计时' };

const MINUTES_PER_DAY = 420;

/** Chinese only, for callers without the language switch at hand. */
const chinese = (zh: string) => zh;

/**
 * Working minutes as "2 个工作日 3 小时 10 分" ("2 working days 3 h 10 min" with an English `t`); "超期 …"
 * ("overdue by …") when negative.
 */
export function formatWorkingMinutes(minutes: number, t: (zh: string, en: string) => string = chinese): string {
  const overdue = minutes < 0;
  let rest = Math.round(Math.abs(minutes));
  const days = Math.floor(rest / MINUTES_PER_DAY);
  rest -= days * MINUTES_PER_DAY;
  const hours = Math.floor(rest / 60);
  const mins = rest - hours * 60;
  const parts = [
    days ? t(`${days} 个工作日`, `${days} working day${days === 1 ? '' : 's'}`) : '',
    hours ? t(`${hours} 小时`, `${hours} h`) : '',
    mins || (!days && !hours) ? t(`${mins} 分`, `${mins} min`) : '',
  ].filter(Boolean);
  return `${overdue ? t('超期 ', 'overdue by ') : ''}${parts.join(' ')}`;
}

/** A case paused for 补正 after its deadline had already passed: still overdue, the clock merely stands. */
export function isPausedOverdue(light: CaseLight | undefined): boolean {
  return light?.colour === 'paused' && light.deadlines.some((deadline) => deadline.colour === 'paused' && deadline.remainingWorkingMinutes < 0);
}
