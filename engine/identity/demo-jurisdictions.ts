import { supervisorsGroupOf } from './departments';
import type { GroupEntry, Role } from './identity-file';

/**
 * The demo directory's places (GB/T 2260 codes): two cities and one district of each. A department of a place is
 * the group `<department>-<code>` (README, "Jurisdictions"); the models compute that id in FEEL from the case's
 * `jurisdiction`, so a real province only adds groups and people, never model changes.
 */
export const DEMO_JURISDICTIONS: readonly { code: string; name: string; pinyin: string; city: string }[] = [
  { code: '370100', name: '济南市', pinyin: 'jinan', city: '370100' },
  { code: '370102', name: '济南市历下区', pinyin: 'lixia', city: '370100' },
  { code: '370200', name: '青岛市', pinyin: 'qingdao', city: '370200' },
  { code: '370202', name: '青岛市市南区', pinyin: 'shinan', city: '370200' },
];

/**
 * Departments that work per place in the demo models, with the short pinyin of their demo usernames: the
 * approval window, the registration authority, the medical-insurance agency, the three departments of
 * real-estate registration (registration centre under natural resources, housing transactions, tax; tax also runs
 * enterprise opening's new-taxpayer package) and public security, which oversees enterprise opening's seal carving.
 */
export const JURISDICTION_DEPARTMENTS: readonly { id: string; name: string; pinyin: string; places?: readonly string[] }[] = [
  { id: 'approval-service', name: '行政审批服务局', pinyin: 'shenpi' },
  { id: 'market-regulation', name: '市场监管局', pinyin: 'shichang' },
  { id: 'medical-insurance', name: '医保局', pinyin: 'yibao' },
  { id: 'natural-resources', name: '自然资源和规划局（不动产登记中心）', pinyin: 'budongchan' },
  { id: 'housing-construction', name: '住房城乡建设局（房产交易）', pinyin: 'fangchan' },
  // Every place: an enterprise may be located in any of them (the admin app finds a department by its filter).
  { id: 'tax', name: '税务局', pinyin: 'shuiwu' },
  { id: 'public-security', name: '公安局', pinyin: 'gongan' },
];

/** The demo places a department has its own office in (every place unless it names some). */
function placesOf(department: (typeof JURISDICTION_DEPARTMENTS)[number]): typeof DEMO_JURISDICTIONS {
  return DEMO_JURISDICTIONS.filter((place) => !department.places || department.places.includes(place.code));
}

/**
 * Employers with their own service commissioners (服务专员) for the talent card: the group is
 * `service-commissioners-<lower-case USCC>`, computed by talent-card.bpmn from the application's `employer.uscc`.
 */
export const DEMO_EMPLOYERS: readonly { uscc: string; name: string; pinyin: string }[] = [
  { uscc: '12370000MB1234567X', name: '山东省某研究院', pinyin: 'yanjiuyuan' },
  { uscc: '12370200MB7654321Y', name: '青岛某大学', pinyin: 'daxue' },
];

/** `medical-insurance` + `370100` → `medical-insurance-370100`. */
export function jurisdictionGroupOf(departmentId: string, code: string): string {
  return `${departmentId}-${code}`;
}

/** `12370000MB1234567X` → `service-commissioners-12370000mb1234567x` (group ids are lower case). */
export function employerCommissionersGroupOf(uscc: string): string {
  return `service-commissioners-${uscc.toLowerCase()}`;
}

/** One demo account before hashing (the same shape as demo-identity's). */
interface Account {
  username: string;
  name: string;
  groups: string[];
  roles: Role[];
}

/**
 * A clerk and a supervisor per department and place, and per employer; a city's supervisor is also in each of
 * its districts' groups and their supervisors' groups, so he sees and supervises the districts' cases.
 */
export function jurisdictionAccounts(): Account[] {
  const accounts: Account[] = [];
  for (const department of JURISDICTION_DEPARTMENTS) {
    for (const place of placesOf(department)) {
      const group = jurisdictionGroupOf(department.id, place.code);
      const districts = place.city === place.code ? placesOf(department).filter((other) => other.city === place.code && other.code !== place.code) : [];
      const districtGroups = districts.flatMap((district) => {
        const districtGroup = jurisdictionGroupOf(department.id, district.code);
        return [districtGroup, supervisorsGroupOf(districtGroup)];
      });
      const username = `${place.pinyin}.${department.pinyin}`;
      accounts.push({ username, name: `${place.name}${department.name}经办人`, groups: [group], roles: ['staff'] });
      accounts.push({
        username: `${username}.duban`,
        name: `${place.name}${department.name}督办`,
        groups: [group, supervisorsGroupOf(group), ...districtGroups],
        roles: ['supervisor'],
      });
    }
  }
  for (const employer of DEMO_EMPLOYERS) {
    const group = employerCommissionersGroupOf(employer.uscc);
    accounts.push({ username: `${employer.pinyin}.zhuanyuan`, name: `${employer.name}服务专员`, groups: [group], roles: ['staff'] });
    accounts.push({ username: `${employer.pinyin}.zhuanyuan.duban`, name: `${employer.name}服务专员督办`, groups: [group, supervisorsGroupOf(group)], roles: ['supervisor'] });
  }
  return accounts;
}

/** The groups of {@link jurisdictionAccounts}: each department of each place and each employer, with their supervisors. */
export function jurisdictionGroups(): GroupEntry[] {
  const groups: GroupEntry[] = [];
  for (const department of JURISDICTION_DEPARTMENTS) {
    for (const place of placesOf(department)) {
      const id = jurisdictionGroupOf(department.id, place.code);
      groups.push({ id, name: `${place.name}${department.name}` }, { id: supervisorsGroupOf(id), name: `${place.name}${department.name}督办` });
    }
  }
  for (const employer of DEMO_EMPLOYERS) {
    const id = employerCommissionersGroupOf(employer.uscc);
    groups.push({ id, name: `${employer.name}服务专员` }, { id: supervisorsGroupOf(id), name: `${employer.name}服务专员督办` });
  }
  return groups;
}

/** Which base department a jurisdiction or employer group belongs to (for its process permissions), or undefined. */
export function baseDepartmentOf(groupId: string): string | undefined {
  if (groupId.startsWith('service-commissioners-')) return 'service-commissioners';
  const match = /^(.*)-\d{6}$/.exec(groupId);
  return match ? match[1] : undefined;
}
