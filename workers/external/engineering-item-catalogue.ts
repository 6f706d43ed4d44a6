/**
 * The item catalogue (事项清单) the approval management system publishes: which approval items each stage
 * of an engineering project runs in parallel, who is responsible, and which shortcut removes an item.
 * PROPOSED content (processes.md §1.2–1.4): a city replaces it with its own published list.
 */

/** Why an item can leave a stage's parallel review. */
export type Shortcut = 'regional-assessment' | 'eia-exemption' | 'standard-land';

export interface CatalogueItem {
  code: string;
  name: string;
  /** Candidate group of the responsible department. */
  department: string;
  stage: 1 | 2 | 3 | 4;
  /** Shortcuts that take this item out of the review. */
  skippedBy: Shortcut[];
  /** May be accepted with a written commitment and completed before construction (容缺受理). */
  tolerable: boolean;
}

export const engineeringItems: CatalogueItem[] = [
  { stage: 1, code: 'project-approval', name: '项目审批（核准、备案）', department: 'development-reform', skippedBy: [], tolerable: false },
  { stage: 1, code: 'land-preexamination', name: '用地预审与选址意见书', department: 'natural-resources', skippedBy: [], tolerable: false },
  { stage: 1, code: 'land-use-planning-permit', name: '建设用地规划许可证', department: 'natural-resources', skippedBy: [], tolerable: false },
  { stage: 1, code: 'eia', name: '环境影响评价审批', department: 'ecology-environment', skippedBy: ['regional-assessment', 'eia-exemption'], tolerable: true },
  { stage: 1, code: 'soil-water', name: '水土保持方案审批', department: 'water-resources', skippedBy: ['regional-assessment'], tolerable: true },
  { stage: 1, code: 'energy-assessment', name: '节能审查', department: 'development-reform', skippedBy: ['regional-assessment', 'standard-land'], tolerable: false },
  { stage: 1, code: 'geological-hazard', name: '地质灾害危险性评估', department: 'natural-resources', skippedBy: ['regional-assessment'], tolerable: false },
  { stage: 2, code: 'design-scheme-review', name: '设计方案审查', department: 'natural-resources', skippedBy: [], tolerable: false },
  { stage: 2, code: 'construction-planning-permit', name: '建设工程规划许可证', department: 'natural-resources', skippedBy: [], tolerable: false },
  { stage: 2, code: 'civil-air-defence-construction', name: '防空地下室建设审批', department: 'civil-air-defence', skippedBy: ['standard-land'], tolerable: false },
  { stage: 2, code: 'water-extraction', name: '取水许可', department: 'water-resources', skippedBy: [], tolerable: true },
  { stage: 3, code: 'construction-permit', name: '建筑工程施工许可证核发', department: 'housing-construction', skippedBy: [], tolerable: false },
  { stage: 3, code: 'quality-safety-supervision', name: '工程质量安全监督手续', department: 'housing-construction', skippedBy: [], tolerable: false },
  { stage: 3, code: 'tender-filing', name: '招标投标情况书面报告备案', department: 'housing-construction', skippedBy: [], tolerable: false },
  { stage: 4, code: 'planning-acceptance', name: '规划条件核实', department: 'natural-resources', skippedBy: [], tolerable: false },
  { stage: 4, code: 'land-acceptance', name: '土地核验', department: 'natural-resources', skippedBy: [], tolerable: false },
  { stage: 4, code: 'fire-acceptance', name: '消防验收', department: 'fire-rescue', skippedBy: [], tolerable: false },
  { stage: 4, code: 'civil-air-defence-acceptance', name: '人防工程竣工验收', department: 'civil-air-defence', skippedBy: [], tolerable: false },
  { stage: 4, code: 'archives-acceptance', name: '城建档案验收', department: 'urban-archives', skippedBy: [], tolerable: false },
];

/** Things that may be tolerated at acceptance without being a review item of their own. */
export const tolerableMaterials: Record<string, { name: string; department: string }> = {
  eia: { name: '环境影响评价审批', department: 'ecology-environment' },
  'soil-water': { name: '水土保持方案审批', department: 'water-resources' },
  'water-extraction': { name: '取水许可', department: 'water-resources' },
  'assessment-report': { name: '评估评审报告编制', department: 'development-reform' },
};

/** The permit or opinion each stage ends with. */
export const stageResults: Record<1 | 2 | 3 | 4, string> = {
  1: '建设用地规划许可证',
  2: '建设工程规划许可证',
  3: '建筑工程施工许可证',
  4: '竣工联合验收意见书',
};
