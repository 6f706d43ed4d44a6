/** Cells the list and the cards share: the case, the two kinds of due date, the light. */
import { Space, Typography } from 'antd';
import { formatDateTime } from '../shared/format';
import { isPausedOverdue } from '../shared/lights';
import { LightTag, nearestDeadline, pausedText, ProvisionalTag, remainingText } from '../shared/ui/light-tag';
import { useText } from '../shared/ui/locale';
import { useCaseTitle } from '../shared/ui/use-case-title';
import { CASE_PLACE_LABEL, placeName, type Place } from '../shared/ui/use-places';
import type { CaseFacts, TaskItem } from './tasks-api';

/** Case title and number (a finished case's facts are not served: its instance key then). */
export function CaseCell({ task, facts, places = [] }: { task: TaskItem; facts?: CaseFacts; places?: Place[] }) {
  const caseTitle = useCaseTitle();
  const t = useText();
  // The case's own place (its `jurisdiction`), which a department of another place may handle (全域通办).
  const place = placeName(places, facts?.jurisdiction);
  return (
    <div className="case-cell">
      <div>{caseTitle(facts?.caseTitle) ?? (facts ? '—' : <Typography.Text type="secondary">{t(`流程实例 ${task.processInstanceKey}`, `instance ${task.processInstanceKey}`)}</Typography.Text>)}</div>
      {facts?.caseId && <Typography.Text type="secondary">{facts.caseId}</Typography.Text>}
      {place && (
        <div className="case-place" data-place={facts?.jurisdiction}>
          <Typography.Text type="secondary">{`${t(...CASE_PLACE_LABEL)}：${place}`}</Typography.Text>
        </div>
      )}
    </div>
  );
}

/**
 * 到期: the step's own due date (set on the task, e.g. by a supervisor) and the case's statutory deadline
 * (the nearest running one, which the light is about), each labelled, with 期限暂定 where it applies.
 */
export function DueCell({ task, facts, card = false }: { task: TaskItem; facts?: CaseFacts; card?: boolean }) {
  const t = useText();
  const deadline = nearestDeadline(facts?.light);
  return (
    <div className="due-cell">
      {task.dueDate && (
        <div data-due="task">
          <Typography.Text type="secondary">{t('环节 ', 'Step ')}</Typography.Text>
          {formatDateTime(task.dueDate)}
        </div>
      )}
      {deadline && (
        <div data-due="case">
          <Typography.Text type="secondary">{t('案件 ', 'Case ')}</Typography.Text>
          {formatDateTime(deadline.dueAt)}
          {deadline.provisional && (
            <>
              {' '}
              <ProvisionalTag year={deadline.provisionalYear} />
            </>
          )}
        </div>
      )}
      {/* A card has no 到期 heading above it: a lone dash there reads as nothing, so say what is missing. */}
      {!task.dueDate && !deadline && (card ? <Typography.Text type="secondary">{t('到期：未设时限', 'Due: no time limit')}</Typography.Text> : '—')}
    </div>
  );
}

/** The case's light with each running deadline's remaining time (only the tag when `compact`). */
export function LightCell({ facts, compact = false }: { facts?: CaseFacts; compact?: boolean }) {
  const t = useText();
  if (!facts) return null;
  const overdue = isPausedOverdue(facts.light);
  if (compact) return <LightTag colour={facts.light.colour} overdue={overdue} />;
  return (
    <>
      <LightTag colour={facts.light.colour} overdue={overdue} />
      <Space orientation="vertical" size={0}>
        {facts.light.deadlines.map((deadline) => (
          <Typography.Text type="secondary" key={deadline.name} style={{ fontSize: 12 }}>
            {deadline.colour === 'paused' ? pausedText(deadline.remainingWorkingMinutes, t) : remainingText(deadline.remainingWorkingMinutes, t)}
          </Typography.Text>
        ))}
        {facts.lightError && <Typography.Text type="danger">{t('时限无法计算', 'Deadline cannot be computed')}</Typography.Text>}
      </Space>
    </>
  );
}
