/**
 * The authorization decision of every apps route (`/v2/apps/…` and the admin app's identity searches), per
 * role, with the answer each role must get: `apps-route-authorization.test.ts` checks each one against a
 * running engine with the apps mounted, on a case of 市场监管局 (department A), and refuses a registered apps
 * route that has no row here. Adding an apps route? Add its row.
 */

/** The roles the table covers (demo identity): A is the case's department, B another one. */
export const APPS_ROLES = ['anonymous', 'staffA', 'staffB', 'supervisorA', 'auditor', 'admin', 'worker'] as const;
export type AppsRole = (typeof APPS_ROLES)[number];

/** What the test made for the calls: a case of department A with one open task. */
export interface AppsFixture {
  processInstanceKey: string;
  userTaskKey: string;
  caseId: string;
}

export interface AppsRouteDecision {
  /** Roles that are answered, with `status` (default 200). */
  allowed: readonly AppsRole[];
  status?: number;
  /** Signed-in roles the case or task is hidden from: 404, as for a key that does not exist. Other signed-in roles get 403. */
  hidden?: readonly AppsRole[];
  /** The query string (without `?`). */
  query?: string;
  /** The JSON body (POST). */
  body?: (fixture: AppsFixture) => unknown;
  /** For an allowed role: what is wrong with its answer, or undefined. */
  check?: (answer: unknown, role: AppsRole, fixture: AppsFixture) => string | undefined;
}

const SIGNED_IN: AppsRole[] = ['staffA', 'staffB', 'supervisorA', 'auditor', 'admin', 'worker'];
const READERS: AppsRole[] = ['auditor', 'admin'];
/** Who may read department A's task, so its case: the department, its supervisor, auditors, admins. */
const CASE_READERS: AppsRole[] = ['staffA', 'supervisorA', 'auditor', 'admin'];

/** The answer lists the fixture's case (by key) somewhere in `items`. */
function listsCase(answer: unknown, fixture: AppsFixture): string | undefined {
  const items = (answer as { items?: { processInstanceKey?: string }[] }).items ?? [];
  return items.some((item) => item.processInstanceKey === fixture.processInstanceKey) ? undefined : `the case ${fixture.processInstanceKey} is not listed`;
}

/** Keyed by `METHOD /v2/path` exactly as Express registers it. */
export const APPS_ROUTE_DECISIONS: Record<string, AppsRouteDecision> = {
  // Everyone signed in may ask; the answer leaves out the tasks the caller may not read.
  'POST /v2/apps/task-cases': {
    allowed: SIGNED_IN,
    body: (fixture) => ({ userTaskKeys: [fixture.userTaskKey] }),
    check: (answer, role, fixture) => {
      const seen = Object.hasOwn((answer as { cases: Record<string, unknown> }).cases, fixture.userTaskKey);
      const shouldSee = CASE_READERS.includes(role);
      return seen === shouldSee ? undefined : `expected the task's case to be ${shouldSee ? 'given' : 'left out'}`;
    },
  },
  // The place directory (names of jurisdictions, no case data) for the place filters: everyone signed in.
  'GET /v2/apps/places': { allowed: SIGNED_IN, check: (answer) => (Array.isArray((answer as { items?: unknown }).items) ? undefined : 'no items') },
  'GET /v2/apps/audit/process-instances': { allowed: READERS, check: (answer, _role, fixture) => listsCase(answer, fixture) },
  'GET /v2/apps/audit/process-instances/:processInstanceKey': {
    allowed: READERS,
    check: (answer, _role, fixture) => ((answer as { instance?: { processInstanceKey?: string } }).instance?.processInstanceKey === fixture.processInstanceKey ? undefined : 'not the case asked for'),
  },
  'GET /v2/apps/audit/statistics': { allowed: READERS, check: (answer) => (Array.isArray((answer as { byDepartment?: unknown }).byDepartment) ? undefined : 'no byDepartment in the statistics') },
  'GET /v2/apps/audit/export/:list': { allowed: READERS, query: 'format=csv' },
  'GET /v2/apps/audit/lights': { allowed: READERS, check: (answer, _role, fixture) => listsCase(answer, fixture) },
  // The banner's warning is shown to everyone signed in; importing a year is an admin's (a dry run with no text: 400, nothing written).
  'GET /v2/apps/calendar': { allowed: SIGNED_IN },
  'POST /v2/apps/calendar/import': { allowed: ['admin'], status: 400, body: () => ({ text: '', dryRun: true }) },
  // Also the person who opened the case (a window clerk following it on; none in this table's fixture): test/apps/api/case-starter.test.ts.
  'GET /v2/apps/tasklist/cases/:processInstanceKey': {
    allowed: CASE_READERS,
    hidden: ['staffB', 'worker'],
    check: (answer, _role, fixture) => ((answer as { case?: { caseId?: string } }).case?.caseId === fixture.caseId ? undefined : 'not the case asked for'),
  },
  // Notes are written by who works the case: its department's staff and supervisor (auditors and admins read them).
  'POST /v2/apps/tasklist/cases/:processInstanceKey/notes': {
    allowed: ['staffA', 'supervisorA'],
    hidden: ['staffB', 'worker'],
    body: () => ({ text: '授权表备注' }),
    check: (answer) => ((answer as { note?: { text?: string } }).note?.text === '授权表备注' ? undefined : 'the note is not in the answer'),
  },
  // Whom a task may be reassigned to: who may update the task (its department's supervisor, admins).
  'GET /v2/apps/tasklist/user-tasks/:userTaskKey/assignees': {
    allowed: ['supervisorA', 'admin'],
    hidden: ['staffB', 'worker'],
    check: (answer) => ((answer as { items?: { username: string }[] }).items?.some((person) => person.username === 'zhang.san') ? undefined : 'zhang.san (department A) is not offered'),
  },
  // Who holds a task, by name: whoever may read the task (a clerk who lost a claim race is told who won it).
  'GET /v2/apps/tasklist/user-tasks/:userTaskKey/assignee': {
    allowed: ['staffA', 'supervisorA', 'auditor', 'admin'],
    hidden: ['staffB', 'worker'],
    check: (answer) => ('username' in (answer as object) && 'name' in (answer as object) ? undefined : 'no username and name'),
  },
  'GET /v2/apps/tasklist/dashboard': {
    allowed: ['supervisorA'],
    check: (answer, _role, fixture) => {
      const byLight = (answer as { byLight?: Record<string, number> }).byLight ?? {};
      return Object.values(byLight).reduce((sum, n) => sum + n, 0) >= 1 ? undefined : `the open case ${fixture.processInstanceKey} is not counted`;
    },
  },
  // Camunda's task search with the case light: who may search tasks, each seeing only the tasks they may read.
  'POST /v2/apps/tasklist/user-tasks/search': {
    allowed: ['staffA', 'staffB', 'supervisorA', 'auditor', 'admin'],
    body: () => ({ filter: { state: 'CREATED', caseLight: 'green' }, sort: [{ field: 'caseLight' }] }),
    check: (answer, role, fixture) => {
      const seen = ((answer as { items?: { userTaskKey: string }[] }).items ?? []).some((task) => task.userTaskKey === fixture.userTaskKey);
      const shouldSee = CASE_READERS.includes(role);
      return seen === shouldSee ? undefined : `expected the task to be ${shouldSee ? 'found' : 'left out'}`;
    },
  },
  // Camunda's user and group searches over the identity file, for the admin app.
  'POST /v2/users/search': { allowed: READERS, body: () => ({}) },
  'POST /v2/groups/search': { allowed: READERS, body: () => ({}) },
  'POST /v2/groups/:groupId/users/search': { allowed: READERS, body: () => ({}) },
};
