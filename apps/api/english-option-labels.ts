/**
 * English labels of the demo forms' options (`forms/*.form`, radio / select / checklist `values`) for the apps'
 * English switch, by field key and option value: the form's Chinese label is what a person reads in Chinese;
 * this is its English side. An option not named here keeps the form's (Chinese) label, and a value without
 * any label stays as it is.
 */

/** English option labels: field key → option value → label. */
export const ENGLISH_OPTION_LABELS: Record<string, Record<string, string>> = {
  reviewedAspects: { fire: 'Fire safety', 'civil-air-defence': 'Air-raid shelter', 'technical-defence': 'Security systems', lightning: 'Lightning protection', utilities: 'Water, power, gas, heating, telecoms' },
  drawingReviewDecision: { pass: 'Passed', defects: 'Needs changes' },
  inspectionResult: { pass: 'Passed', rectify: 'Needs rectification' },
  schoolingDecision: { arrange: 'Place the child', refuse: 'Refuse a place' },
  transferOutDecision: { confirm: 'Checked: end the insurance here and issue the electronic certificate', refuse: 'Refuse the transfer out' },
  verificationDecision: { fulfilled: 'All commitments fulfilled', open: 'Commitments still open' },
  recommend: { recommend: 'Recommend issuing', 'not-recommend': 'Do not recommend issuing' },
  reviewMode: { joint: 'Joint digital drawing review', commitment: 'Written commitment + 100 % spot check' },
  hrssDecision: { approve: 'Approve, issue the talent card', reject: 'Propose refusal (to the provincial HRSS supervisors)', supplement: 'Return for more materials' },
  refusalDecision: { confirm: 'Agree to refuse', return: 'Disagree, return for review' },
  handedOver: { licence: 'Paper business licence', seals: 'Seals (four)', invoices: 'Invoices', 'tax-device': 'Tax control device' },
  registrationDecision: { approve: 'Register', supplement: 'Needs correction', reject: 'Propose refusal (to the supervisors)' },
  idType: { 'resident-id': 'Resident ID card', passport: 'Passport' },
  category: { reviewed: 'Issued on review', evaluated: 'Issued on evaluation' },
  jurisdiction: { '370100': 'Jinan (370100)', '370102': 'Lixia, Jinan (370102)', '370200': 'Qingdao (370200)', '370202': 'Shinan, Qingdao (370202)' },
  competentDepartment: {
    'development-reform': 'Development and Reform Commission',
    education: 'Education Bureau',
    hrss: 'Provincial HRSS Department',
    'housing-construction': 'Housing and Construction Bureau',
    'natural-resources': 'Natural Resources and Planning Bureau',
    'ecology-environment': 'Ecology and Environment Bureau',
    'water-resources': 'Water Resources Bureau',
    'public-security': 'Public Security Bureau',
  },
  preReviewDecision: { forward: 'Agree, forward to the staffing office', return: 'Return' },
  returnVisitOutcome: { satisfied: 'Satisfied', dissatisfied: 'Still dissatisfied (recorded, reported)', unreachable: 'Could not be reached' },
  scheme: { employee: "Employees' basic medical insurance", resident: "Residents' basic medical insurance" },
  reviewDecision: {
    accept: 'Accept, ask the transferring office',
    correction: 'Inconsistent, ask for correction at once',
    reject: 'Propose refusal',
    approved: 'Agree',
    defects: 'Needs correction',
  },
  entityType: {
    'natural-person-llc': 'Limited company owned by natural persons',
    'individual-business': 'Individual business',
    'sole-proprietorship': 'Sole proprietorship',
    branch: 'Branch of a company',
    'other-llc': 'Other limited company',
    'joint-stock': 'Joint-stock company',
    partnership: 'Partnership',
  },
  invoiceTypes: { 'ordinary-electronic': 'Ordinary VAT invoice (electronic)', 'ordinary-paper': 'Ordinary VAT invoice (paper)' },
  deliveryMode: { window: 'Pick up at the window', mail: 'Free delivery by post' },
  levelDecision: { forward: 'Agree, submit to the next level', return: 'Return to the service commissioner' },
  grade: { kindergarten: 'Kindergarten', 'primary-1': 'Primary, year 1', 'primary-other': 'Primary, other years', 'junior-1': 'Junior secondary, year 1', 'junior-other': 'Junior secondary, other years', senior: 'Senior secondary' },
  requestType: { enrol: 'Enrolment', transfer: 'Transfer of school' },
  rejectionDecision: { confirm: 'Agree to refuse', return: 'Disagree, return for review' },
  acceptanceDecision: { complete: 'Materials complete, accepted', tolerated: 'Accepted pending items (written commitment)', incomplete: 'Materials incomplete, ask for everything at once' },
  toleratedItems: { eia: 'Environmental impact assessment', 'soil-water': 'Soil and water conservation plan', 'water-extraction': 'Water extraction permit', 'assessment-report': 'Assessment reports' },
  supervisionMeasure: { interview: 'Interview', deadline: 'Set a deadline', bulletin: 'Public notice', other: 'Other' },
  flowchartCategory: {
    'government-investment': 'Government-funded building (70 working days)',
    'social-investment-civil': 'Privately funded civil building (45 working days)',
    'social-investment-industrial': 'Privately funded industrial building (45/35 working days)',
    'simple-low-risk': 'Simple low-risk project (20 working days)',
  },
  staffingDecision: { approve: 'Agree to real-name staffing', refuse: 'Propose refusal (to the staffing office supervisors)' },
  registrationType: {
    seizure: 'Seizure (done at once)',
    'mortgage-release': 'Mortgage release (done at once)',
    'address-change': 'Address change (done at once)',
    'name-change': 'Name change (done at once)',
    objection: 'Objection (done at once)',
    mortgage: 'First mortgage, no tax (one day)',
    'transfer-mortgage-tax-paid': 'Transfer with mortgage, tax paid (one day)',
    'mortgage-joint-tax': 'Mortgage with tax review (five days)',
    'construction-mortgage': 'Mortgage of a building under construction (five days)',
    transfer: 'Transfer, sale (five days)',
    'first-registration': 'First registration (five days)',
    other: 'Other registration (five days)',
    'inheritance-non-notarised': 'Inheritance without notarisation (no set limit)',
    'government-organised': 'Registration organised by the government (no set limit)',
  },
};
// Codes the models and workers set (readable-values.ts names them in Chinese).
ENGLISH_OPTION_LABELS.filing = { applicant: 'Filed by the applicant', agent: 'Filed by an agent' };
ENGLISH_OPTION_LABELS['filing.filedBy'] = { applicant: 'The applicant', agent: 'An agent' };
// Fields that share another's options (the same places on several forms).
ENGLISH_OPTION_LABELS.transferOutJurisdiction = ENGLISH_OPTION_LABELS.jurisdiction;
ENGLISH_OPTION_LABELS.acceptingJurisdiction = ENGLISH_OPTION_LABELS.jurisdiction;

/**
 * The English label of option `value` of the field at `path` (a variable's name or a member's path such as
 * `filing.idType`, tried whole and then by its shorter tails), or undefined.
 */
export function englishOptionLabelOf(path: string, value: string): string | undefined {
  const keys = path.split('.');
  for (let from = 0; from < keys.length; from++) {
    const found = ENGLISH_OPTION_LABELS[keys.slice(from).join('.')]?.[value];
    if (found) return found;
  }
  return undefined;
}
