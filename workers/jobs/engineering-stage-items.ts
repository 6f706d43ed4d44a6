/**
 * `engineering-stage-items`: decides which approval items a stage reviews in parallel, applying the
 * shortcuts (regional assessment, EIA exemption, standard land) and leaving out items accepted on a
 * written commitment (容缺). The items come from the case's `itemCatalogue`, the list the decision table
 * `bpmn/engineering-item-catalogue.dmn` answered for the project's place, so a city changes its catalogue by
 * deploying the table. After a correction only the items a department found defective are reviewed again;
 * approved ones stay approved.
 */
import { array, boolean, mixed, number, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { SHORTCUTS, type Shortcut } from '../external/engineering-item-catalogue';

const itemSchema = object({ code: string().required(), name: string().required(), department: string().required() });

/** One row of the item catalogue decision (RULE ORDER: one context per item). */
const catalogueItemSchema = object({
  stage: number().oneOf([1, 2, 3, 4]).required(),
  code: string().required(),
  name: string().required(),
  department: string().required(),
  skippedBy: array(string().oneOf([...SHORTCUTS]).required()).nullable().default([]),
  tolerable: boolean().nullable().default(false),
});

const shortcutReasons: Record<Shortcut, string> = {
  'regional-assessment': '区域评估已覆盖（政府统一组织、超前开展）',
  'eia-exemption': '未纳入环评分类管理名录且不涉及环境敏感区，免于环评',
  'standard-land': '标准地：凭书面承诺作出审批决定',
};

export default defineWorker({
  type: 'engineering-stage-items',
  description: 'Chooses the parallel review items of an engineering approval stage, applying the shortcuts',
  input: object({
    stage: number().oneOf([1, 2, 3, 4]).required(),
    itemCatalogue: array(catalogueItemSchema.required())
      .min(1, 'itemCatalogue is empty: the decision engineering-item-catalogue answered no item for this place (事项清单为空，请检查决策表)')
      .required('itemCatalogue is required: run the business rule task engineering-item-catalogue first (缺少事项清单)'),
    flowchartCategory: string().required(),
    regionalAssessmentArea: boolean().nullable().default(false),
    standardLand: boolean().nullable().default(false),
    eiaExempt: boolean().nullable().default(false),
    /** Items accepted on a written commitment (容缺): decided before construction, outside this stage's review. */
    committedItems: array(string().required()).nullable().default([]),
    previousReview: array(object({ item: object({ code: string().required() }).required(), decision: mixed().nullable() }))
      .nullable()
      .default(null),
  }),
  output: object({
    stageItems: array(itemSchema).min(1, 'the item catalogue has no item left for this stage (本阶段没有需要审批的事项，请检查事项清单)').required(),
    skippedItems: array(object({ code: string().required(), name: string().required(), reason: string().required() })).required(),
  }),
  async handle(input) {
    const active = new Set<Shortcut>();
    if (input.regionalAssessmentArea === true) active.add('regional-assessment');
    if (input.eiaExempt === true) active.add('eia-exemption');
    if (input.standardLand === true) active.add('standard-land');

    const stageItems: Array<{ code: string; name: string; department: string }> = [];
    const skippedItems: Array<{ code: string; name: string; reason: string }> = [];
    const committed = new Set(input.committedItems ?? []);
    for (const item of input.itemCatalogue.filter((candidate) => candidate.stage === input.stage)) {
      if (committed.has(item.code)) {
        skippedItems.push({ code: item.code, name: item.name, reason: '容缺受理：已书面承诺，开工前完成审批' });
        continue;
      }
      const shortcut = (item.skippedBy ?? []).find((candidate) => active.has(candidate as Shortcut)) as Shortcut | undefined;
      if (shortcut) skippedItems.push({ code: item.code, name: item.name, reason: shortcutReasons[shortcut] });
      else stageItems.push({ code: item.code, name: item.name, department: item.department });
    }

    const notApproved = new Set((input.previousReview ?? []).filter((entry) => entry.decision !== 'approved').map((entry) => entry.item.code));
    const again = stageItems.filter((item) => notApproved.has(item.code));
    return { stageItems: again.length > 0 ? again : stageItems, skippedItems };
  },
});
