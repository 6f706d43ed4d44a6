import { expect } from 'chai';
import { authorize, type AuthorizationRequest, type UserTaskFacts } from '../../../engine/identity/authorization';
import type { Principal } from '../../../engine/identity/principal';

const staffA: Principal = { username: 'zhang.san', name: '张三', groups: ['market-regulation'], roles: ['staff'] };
const staffA2: Principal = { username: 'wang.wu', name: '王五', groups: ['market-regulation'], roles: ['staff'] };
const staffB: Principal = { username: 'xu.ming', name: '许明', groups: ['tax'], roles: ['staff'] };
const supervisorA: Principal = {
  username: 'li.si',
  name: '李四',
  groups: ['market-regulation', 'market-regulation-supervisors'],
  roles: ['supervisor'],
};
const supervisorB: Principal = { username: 'he.ping', name: '何平', groups: ['tax', 'tax-supervisors'], roles: ['supervisor'] };
const auditor: Principal = { username: 'sun.shen', name: '孙审', groups: ['auditors'], roles: ['auditor'] };
const admin: Principal = { username: 'guan.li', name: '管理员', groups: ['admins'], roles: ['admin'] };
const worker: Principal = { username: 'onego-worker', name: 'worker', groups: [], roles: ['worker'] };

function task(facts: Partial<UserTaskFacts> = {}): UserTaskFacts {
  return { userTaskKey: '2251799813685300', candidateGroups: ['market-regulation'], candidateUsers: [], assignee: null, ...facts };
}
const unassignedA = task();
const assignedToZhang = task({ assignee: 'zhang.san' });
const assignedToWang = task({ assignee: 'wang.wu' });
const candidateUserTask = task({ candidateGroups: ['tax'], candidateUsers: ['zhang.san'] });
const supervisionTaskA = task({ candidateGroups: ['market-regulation-supervisors'] });
const taskB = task({ candidateGroups: ['tax'] });

type Row = [who: Principal, request: AuthorizationRequest, allowed: boolean];

const table: Row[] = [
  // staff read: their group, candidate user or assignee only
  [staffA, { action: 'user-task:read', task: unassignedA }, true],
  [staffA, { action: 'user-task:read', task: candidateUserTask }, true],
  [staffA, { action: 'user-task:read', task: task({ candidateGroups: ['tax'], assignee: 'zhang.san' }) }, true],
  [staffA, { action: 'user-task:read', task: taskB }, false],
  [staffA, { action: 'user-task:read', task: supervisionTaskA }, false],
  [staffB, { action: 'user-task:read', task: unassignedA }, false],
  // staff claim: only for themself, only while unassigned
  [staffA, { action: 'user-task:assign', task: unassignedA, assignee: 'zhang.san' }, true],
  [staffA, { action: 'user-task:assign', task: assignedToZhang, assignee: 'zhang.san' }, true],
  [staffA, { action: 'user-task:assign', task: unassignedA, assignee: 'wang.wu' }, false],
  [staffA, { action: 'user-task:assign', task: assignedToWang, assignee: 'zhang.san' }, false],
  [staffB, { action: 'user-task:assign', task: unassignedA, assignee: 'xu.ming' }, false],
  // staff unassign / complete: only their own assignment
  [staffA, { action: 'user-task:unassign', task: assignedToZhang }, true],
  [staffA, { action: 'user-task:unassign', task: assignedToWang }, false],
  [staffA, { action: 'user-task:complete', task: assignedToZhang }, true],
  [staffA, { action: 'user-task:complete', task: unassignedA }, false],
  [staffA2, { action: 'user-task:complete', task: assignedToZhang }, false],
  [staffB, { action: 'user-task:complete', task: task({ candidateGroups: ['market-regulation'], assignee: 'xu.ming' }) }, true],
  [staffA, { action: 'user-task:update', task: assignedToZhang }, false],
  // supervisors: reassign, take over, unassign, update within their department; 督办 tasks are theirs
  [supervisorA, { action: 'user-task:read', task: supervisionTaskA }, true],
  [supervisorA, { action: 'user-task:assign', task: assignedToZhang, assignee: 'wang.wu' }, true],
  [supervisorA, { action: 'user-task:assign', task: supervisionTaskA, assignee: 'li.si' }, true],
  [supervisorA, { action: 'user-task:unassign', task: assignedToWang }, true],
  [supervisorA, { action: 'user-task:update', task: unassignedA }, true],
  [supervisorA, { action: 'user-task:complete', task: task({ candidateGroups: ['market-regulation-supervisors'], assignee: 'li.si' }) }, true],
  [supervisorA, { action: 'user-task:complete', task: assignedToZhang }, false],
  [supervisorB, { action: 'user-task:read', task: supervisionTaskA }, false],
  [supervisorB, { action: 'user-task:assign', task: unassignedA, assignee: 'he.ping' }, false],
  [supervisorB, { action: 'user-task:update', task: unassignedA }, false],
  // auditors read everything and do nothing
  [auditor, { action: 'user-task:read', task: taskB }, true],
  [auditor, { action: 'user-task:assign', task: taskB, assignee: 'sun.shen' }, false],
  [auditor, { action: 'user-task:complete', task: task({ assignee: 'sun.shen' }) }, false],
  [auditor, { action: 'process-instance:read' }, true],
  [auditor, { action: 'incident:read' }, true],
  [auditor, { action: 'audit:read' }, true],
  [auditor, { action: 'process-instance:cancel' }, false],
  [auditor, { action: 'incident:resolve' }, false],
  [auditor, { action: 'deployment:create' }, false],
  [auditor, { action: 'clock:change' }, false],
  // admins run the platform and may reassign, but never decide a case
  [admin, { action: 'deployment:create' }, true],
  [admin, { action: 'process-instance:cancel' }, true],
  [admin, { action: 'incident:resolve' }, true],
  [admin, { action: 'clock:change' }, true],
  [admin, { action: 'user-task:read', task: taskB }, true],
  [admin, { action: 'user-task:assign', task: taskB, assignee: 'xu.ming' }, true],
  [admin, { action: 'user-task:complete', task: task({ assignee: 'guan.li' }) }, false],
  // workers: jobs, messages, signals, decisions; no people's work
  [worker, { action: 'job:work' }, true],
  [worker, { action: 'message:publish' }, true],
  [worker, { action: 'decision:evaluate' }, true],
  [worker, { action: 'user-task:search' }, false],
  [worker, { action: 'user-task:read', task: unassignedA }, false],
  [worker, { action: 'deployment:create' }, false],
  // staff: no platform actions, but may accept cases and record corrections
  [staffA, { action: 'process-instance:create' }, true],
  [staffA, { action: 'message:publish' }, true],
  [staffA, { action: 'job:work' }, false],
  [staffA, { action: 'process-instance:read' }, false],
  [staffA, { action: 'deployment:create' }, false],
  [staffA, { action: 'clock:change' }, false],
];

function describeRequest(request: AuthorizationRequest): string {
  if (!('task' in request)) return request.action;
  const target = request.action === 'user-task:assign' ? ` to ${request.assignee}` : '';
  return `${request.action}${target} on a task of [${[...request.task.candidateGroups, ...request.task.candidateUsers].join(', ')}] assigned to ${request.task.assignee ?? 'nobody'}`;
}

describe('the authorization decision', () => {
  for (const [who, request, allowed] of table) {
    it(`${allowed ? 'lets' : 'forbids'} ${who.username} (${who.roles.join(', ')}) ${describeRequest(request)}`, () => {
      const decision = authorize(who, request);
      expect(decision.allowed).to.equal(allowed);
    });
  }

  it('says why a staff member of another department is refused, naming the task only by its key', () => {
    const decision = authorize(staffB, { action: 'user-task:read', task: unassignedA });
    expect(decision).to.deep.equal({
      allowed: false,
      reason:
        "Insufficient permissions: 'xu.ming' may not perform 'user-task:read': expected user task 2251799813685300 to be one of theirs (groups [tax]), but it is not",
    });
  });

  it('names the roles that would have been needed for a global action', () => {
    const decision = authorize(auditor, { action: 'clock:change' });
    expect(decision.allowed).to.equal(false);
    expect(decision.allowed === false && decision.reason).to.contain("expected the role 'admin', but has [auditor]");
  });
});
