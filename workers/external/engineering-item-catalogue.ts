/**
 * What the engineering workers know about the item catalogue (事项清单). The catalogue itself — which items each
 * stage reviews, their departments and shortcuts — is the decision table `bpmn/engineering-item-catalogue.dmn`
 * (edited in Camunda Modeler, per place); here are only the shortcut names the table may use, the materials
 * that may be tolerated at acceptance and the permit each stage ends with.
 */

/** Why an item can leave a stage's parallel review (the values of the table's `skippedBy` column). */
export const SHORTCUTS = ['regional-assessment', 'eia-exemption', 'standard-land'] as const;
export type Shortcut = (typeof SHORTCUTS)[number];

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
