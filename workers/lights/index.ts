/**
 * Deadlines and their lights (亮灯): the `deadline_<name>` object, the yellow-light rule, and the colour
 * of a deadline or a whole case at a given instant — the data the task list and audit view show.
 *
 * @example
 * const calendar = new BusinessCalendar();
 * const deadline = startDeadline({ name: 'stage1', limitWorkingMinutes: 5 * 420, startedAt: '2025-09-29T09:00:00+08:00' }, calendar, DEFAULT_WARN_RULE);
 * lightOf(deadline, calendar, '2025-10-11T10:00:00+08:00').colour; // 'yellow' (warnAt 10 Oct 17:30, dueAt 11 Oct 17:30)
 */
export { deadlineSchema, deadlineName, isoInstant, startDeadline, pauseDeadline, resumeDeadline, recomputeDeadline, deadlineMoved, type Deadline, type DeadlineStart } from './deadline';
export { DEFAULT_WARN_RULE, warnRuleFromEnv, warnOffsetMinutes, type WarnRule } from './warn-rule';
export { lightOf, worstColour, caseLightOf, type LightColour, type DeadlineLight, type CaseLight } from './light';
