/**
 * Case titles in English. The models' workers write a case's title in Chinese as "<事项>：<subject>" (企业开办：…,
 * 医保关系转移接续：…, 好差评：<another title>) or, for engineering projects, "<project>工程建设项目审批"; the
 * English switch shows the item in English and keeps the subject (names of people, enterprises, projects and
 * places are data and stay as recorded). A title of a process this table does not know stays Chinese.
 */

/** The items (事项) of the demo processes' titles and their English names. */
const ITEMS: Record<string, string> = {
  企业开办: 'Enterprise opening',
  医保关系转移接续: 'Medical insurance transfer',
  不动产登记: 'Real-estate registration',
  惠才卡核发: 'Talent card issuance',
  子女入学: "Child's school enrolment",
  子女转学: "Child's school transfer",
  编制实名制管理: 'Staffing registration',
  好差评: 'Service evaluation',
};

/** Items written after the subject ("<subject>工程建设项目审批"). */
const SUFFIX_ITEMS: readonly [string, string][] = [
  ['工程建设项目审批', 'Construction project approval'],
  ['设立登记', 'Company registration'],
  ['变更登记', 'Change registration'],
];

/** The real-estate registration types (the subject's first part), as the real-estate worker names them. */
const REAL_ESTATE_TYPES: Record<string, string> = {
  查封登记: 'Seizure',
  '抵押权注销登记（解押）': 'Mortgage release',
  地址变更登记: 'Address change',
  更名变更登记: 'Name change',
  异议登记: 'Objection',
  '抵押权首次登记（非涉税）': 'First mortgage (no tax)',
  '转移登记与抵押登记联办（已提前完税）': 'Transfer with mortgage (tax paid)',
  '抵押登记（需税务联办）': 'Mortgage (with tax)',
  在建建筑物抵押登记: 'Mortgage of a building under construction',
  '转移登记（买卖）': 'Transfer (sale)',
  首次登记: 'First registration',
  非公证继承转移登记: 'Non-notarised inheritance transfer',
  政府统一组织的登记: 'Government-organised registration',
  其他登记: 'Other registration',
};

/** The English form of a case title (the subject kept as recorded); `title` itself when its item is unknown. */
export function englishCaseTitle(title: string): string {
  const colon = title.indexOf('：');
  if (colon > 0) {
    const item = ITEMS[title.slice(0, colon)];
    if (item) {
      let subject = title.slice(colon + 1);
      // A 好差评 case names the case it evaluates, which has a title of its own.
      if (title.startsWith('好差评：')) subject = englishCaseTitle(subject);
      for (const [chinese, english] of Object.entries(REAL_ESTATE_TYPES)) if (subject.startsWith(chinese)) subject = `${english}${subject.slice(chinese.length)}`;
      return `${item}: ${subject}`;
    }
  }
  for (const [suffix, english] of SUFFIX_ITEMS) if (title.endsWith(suffix) && title.length > suffix.length) return `${english}: ${title.slice(0, -suffix.length)}`;
  return title;
}
