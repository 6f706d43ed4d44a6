/**
 * The names of the deadlines the models start (`deadlineName` in bpmn/), as their "启动…时限" steps name them, in
 * Chinese and English: the readable history's lines and the deadline lines under a case's light both use them.
 */
export const DEADLINE_NAMES: Record<string, [string, string]> = {
  case: ['办结时限', 'case deadline'],
  stage1: ['第一阶段时限', 'stage 1 deadline'],
  stage2: ['第二阶段时限', 'stage 2 deadline'],
  stage3: ['第三阶段时限', 'stage 3 deadline'],
  stage4: ['第四阶段时限', 'stage 4 deadline'],
  commissioner: ['服务专员时限', 'service commissioner deadline'],
  evaluation: ['论证时限', 'evaluation deadline'],
  initiation: ['转入地受理时限', 'acceptance deadline'],
  level: ['本级时限', 'own-level deadline'],
  production: ['制卡时限', 'card production deadline'],
  rectification: ['整改时限', 'rectification deadline'],
  review: ['审核时限', 'review deadline'],
  seal: ['刻章时限', 'seal deadline'],
  staffing: ['编办时限', 'staffing office deadline'],
  tax: ['涉税时限', 'tax deadline'],
};

/** A deadline's name in Chinese and English ("stage1" → 第一阶段时限 / stage 1 deadline). */
export function deadlineNames(name: string): [string, string] {
  return DEADLINE_NAMES[name] ?? [`${name} 时限`, `${name} deadline`];
}
