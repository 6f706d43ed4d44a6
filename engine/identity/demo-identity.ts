import { demoAuthorizations } from './demo-authorizations';
import { DEPARTMENTS, ROLE_GROUPS, supervisorsGroupOf } from './departments';
import { jurisdictionAccounts, jurisdictionGroups } from './demo-jurisdictions';
import type { GroupEntry, IdentityFile, Role } from './identity-file';
import { hashPassword, type ScryptParameters } from './password-hash';

/** The password of every demo person (documented in engine/identity/README.md; demo only). */
export const DEMO_PERSON_PASSWORD = 'onego-demo';
/** The password of the demo worker client `onego-worker`. */
export const DEMO_WORKER_PASSWORD = 'onego-worker-secret';

/** One demo account before hashing. */
export interface DemoAccount {
  username: string;
  name: string;
  groups: string[];
  roles: Role[];
}

/** Staff and supervisor per department, in {@link DEPARTMENTS} order: [staff username, name, supervisor username, name]. */
const DEPARTMENT_PEOPLE: Record<string, [string, string, string, string]> = {
  'development-reform': ['zhao.lei', '赵磊', 'qian.hua', '钱华'],
  'natural-resources': ['sun.li', '孙丽', 'zhou.qiang', '周强'],
  'housing-construction': ['wu.gang', '吴刚', 'zheng.min', '郑敏'],
  'ecology-environment': ['wang.fang', '王芳', 'feng.jun', '冯军'],
  'water-resources': ['chen.jing', '陈静', 'chu.bo', '褚波'],
  'fire-rescue': ['wei.tao', '卫涛', 'jiang.ning', '蒋宁'],
  'civil-air-defence': ['shen.yu', '沈玉', 'han.dong', '韩冬'],
  'urban-archives': ['yang.xue', '杨雪', 'zhu.feng', '朱峰'],
  'approval-service': ['qin.yue', '秦月', 'you.jian', '尤健'],
  'market-regulation': ['zhang.san', '张三', 'li.si', '李四'],
  tax: ['xu.ming', '许明', 'he.ping', '何平'],
  'social-insurance': ['lv.hong', '吕红', 'shi.lin', '施林'],
  'medical-insurance': ['kong.wei', '孔伟', 'cao.yan', '曹艳'],
  'housing-fund': ['yan.bin', '严斌', 'hua.li', '华丽'],
  'public-security': ['jin.tao', '金涛', 'wei.hong', '魏宏'],
  hrss: ['tao.ran', '陶然', 'jiang.hai', '姜海'],
  'staffing-office': ['qi.yun', '戚云', 'xie.wen', '谢文'],
  education: ['zou.jie', '邹洁', 'yu.bo', '喻博'],
  'service-commissioners': ['bai.lu', '柏露', 'shui.qing', '水清'],
};

/** The demo accounts `npm start` seeds: a staff member and a supervisor per department, an auditor, an admin, a worker. */
export function demoAccounts(): DemoAccount[] {
  const accounts: DemoAccount[] = [];
  for (const department of DEPARTMENTS) {
    const people = DEPARTMENT_PEOPLE[department.id];
    if (!people) throw new Error(`Expected demo people for department '${department.id}', but there are none`);
    const [staff, staffName, supervisor, supervisorName] = people;
    accounts.push({ username: staff, name: staffName, groups: [department.id], roles: ['staff'] });
    accounts.push({
      username: supervisor,
      name: supervisorName,
      groups: [department.id, supervisorsGroupOf(department.id)],
      roles: ['supervisor'],
    });
  }
  // The places' and employers' own people (two cities, two districts, two employers: demo-jurisdictions.ts).
  accounts.push(...jurisdictionAccounts());
  accounts.push({ username: 'sun.shen', name: '孙审', groups: ['auditors'], roles: ['auditor'] });
  accounts.push({ username: 'guan.li', name: '管理员', groups: ['admins'], roles: ['admin'] });
  accounts.push({ username: 'onego-worker', name: 'OneGo 作业客户端', groups: [], roles: ['worker'] });
  return accounts;
}

/** Every group of the demo set: departments, their places and employers, their supervisors, auditors and admins. */
export function demoGroups(): GroupEntry[] {
  return [
    ...DEPARTMENTS.flatMap((department) => [
      { id: department.id, name: department.name },
      { id: supervisorsGroupOf(department.id), name: `${department.name}督办` },
    ]),
    ...jurisdictionGroups(),
    ...ROLE_GROUPS.map((group) => ({ ...group })),
  ];
}

/** The documented password of a demo account. */
export function demoPasswordOf(account: Pick<DemoAccount, 'roles'>): string {
  return account.roles.includes('worker') ? DEMO_WORKER_PASSWORD : DEMO_PERSON_PASSWORD;
}

/** Build the demo identity file with freshly salted hashes (what `engine/identity/demo-identity.json` holds). */
export async function buildDemoIdentity(parameters?: ScryptParameters): Promise<IdentityFile> {
  const accounts = demoAccounts();
  const users = await Promise.all(
    accounts.map(async (account) => ({
      username: account.username,
      name: account.name,
      passwordHash: await hashPassword(demoPasswordOf(account), parameters),
      groups: account.groups,
      roles: account.roles,
    })),
  );
  return { groups: demoGroups(), users, authorizations: demoAuthorizations() };
}
