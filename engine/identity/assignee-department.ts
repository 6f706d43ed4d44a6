/**
 * OneGo's reassignment rule (督办 "转派"): a task may be assigned only to someone of its own department —
 * a member of one of its candidate groups, or one of its candidate users. A supervisor reassigns within
 * the department; a case never leaves the department that is responsible for the step by reassignment
 * (sending it elsewhere is a modelling decision, not a task-list click). Camunda itself has no such rule,
 * so it lives here and the REST gateway asks it before any assignment to someone other than the caller.
 */
import type { UserTaskFacts } from './authorization';
import type { Principal } from './principal';

/** Why `assignee` may not hold `task`, in Chinese and English; undefined when they may. */
export function assigneeOutsideDepartment(task: UserTaskFacts, assignee: Principal, groupName: (id: string) => string): string | undefined {
  // A task without candidates belongs to no department; who may assign it is authorization's question alone.
  if (task.candidateGroups.length === 0 && task.candidateUsers.length === 0) return undefined;
  if (task.candidateUsers.includes(assignee.username)) return undefined;
  if (task.candidateGroups.some((group) => assignee.groups.includes(group))) return undefined;
  const departments = task.candidateGroups.map(groupName).join('、') || '（仅限指定人员）';
  return (
    `只能转派给本部门人员：${assignee.name}（${assignee.username}）不属于此任务的办理部门 ${departments}。 / ` +
    `Expected the assignee '${assignee.username}' to be a member of one of the task's candidate groups [${task.candidateGroups.join(', ')}] ` +
    `or one of its candidate users [${task.candidateUsers.join(', ')}], but their groups are [${assignee.groups.join(', ')}].`
  );
}
