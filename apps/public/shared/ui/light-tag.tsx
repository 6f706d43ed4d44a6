/** 亮灯 as antd tags: a case's colour, each deadline's due instant and remaining working time, and 期限暂定. */
import { Space, Tag, Tooltip, Typography } from 'antd';
import { formatDateTime } from '../format';
import { formatWorkingMinutes, LIGHT_LABELS, type CaseLight, type DeadlineLight } from '../lights';
import { useText } from './locale';
import { deadlineNames } from '../deadline-names';

const COLOURS: Record<DeadlineLight['colour'], string> = { green: 'success', yellow: 'warning', red: 'error', paused: 'default' };
const EN: Record<DeadlineLight['colour'], string> = { green: 'Green', yellow: 'Yellow', red: 'Red', paused: 'Paused' };

/**
 * The light's tag (`data-light` carries the colour); 无时限 when the case has no deadline. A case paused for
 * 补正 after it was already overdue reads 暂停计时·已超期 in red (`data-overdue`): the pause does not undo it.
 */
export function LightTag({ colour, overdue = false }: { colour: DeadlineLight['colour'] | null | undefined; overdue?: boolean }) {
  const t = useText();
  if (!colour) return <Tag data-light="none">{t('无时限', 'No limit')}</Tag>;
  if (colour === 'paused' && overdue) {
    return (
      <Tag color="error" data-light="paused" data-overdue="true">
        {t('暂停计时·已超期', 'Paused, overdue')}
      </Tag>
    );
  }
  return (
    <Tag color={COLOURS[colour]} data-light={colour}>
      {t(LIGHT_LABELS[colour], EN[colour])}
    </Tag>
  );
}

/** "期限暂定" with the year that has no holiday data yet. */
export function ProvisionalTag({ year }: { year?: number | null }) {
  const t = useText();
  return (
    <Tooltip title={t(`${year ?? ''} 年节假日安排尚未导入，期限暂按周一至周五、扣除法定节日计算，导入后自动重算`, `No holiday data for ${year ?? 'that year'} yet: counted Monday to Friday less the statutory holidays until imported`)}>
      <Tag color="orange" className="provisional" data-provisional-year={year ?? ''}>
        {t('期限暂定', 'Provisional')}
      </Tag>
    </Tooltip>
  );
}

/** The remaining working time in words: "剩余 2 个工作日" or "已超期 1 小时". */
export function remainingText(minutes: number, t: (zh: string, en: string) => string): string {
  const amount = formatWorkingMinutes(Math.abs(minutes), t);
  return minutes < 0 ? t(`已超期 ${amount}`, `overdue by ${amount}`) : t(`剩余 ${amount}`, `${amount} left`);
}

/** A paused deadline in words: "补正中，暂停计时", with how far it was already overdue when it paused. */
export function pausedText(minutes: number, t: (zh: string, en: string) => string): string {
  if (minutes >= 0) return t('补正中，暂停计时', 'paused');
  const amount = formatWorkingMinutes(-minutes, t);
  return t(`补正中，暂停计时（已超期 ${amount}）`, `paused, overdue by ${amount}`);
}

/** One deadline: light, name, due instant, remaining time, 期限暂定. */
export function DeadlineLine({ light }: { light: DeadlineLight }) {
  const t = useText();
  return (
    <Space size={4} wrap className="deadline" data-deadline={light.name}>
      <LightTag colour={light.colour} overdue={light.remainingWorkingMinutes < 0} />
      {/* which deadline: a case runs several at once (办结时限 and a stage's), and two bare due dates did not say which was which */}
      <span className="deadline-name">{t(...deadlineNames(light.name))}</span>
      <span>{t(`到期 ${formatDateTime(light.dueAt)}`, `due ${formatDateTime(light.dueAt)}`)}</span>
      <Typography.Text type="secondary">{light.colour === 'paused' ? pausedText(light.remainingWorkingMinutes, t) : remainingText(light.remainingWorkingMinutes, t)}</Typography.Text>
      {light.provisional && <ProvisionalTag year={light.provisionalYear} />}
    </Space>
  );
}

/** The nearest running case deadline (a paused one is not running out). */
export function nearestDeadline(light: CaseLight | undefined): DeadlineLight | undefined {
  const running = (light?.deadlines ?? []).filter((deadline) => deadline.colour !== 'paused');
  return running.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
}
