import { expect } from 'chai';
import type { JobContext } from '../../../workers/define-worker';
import { runJob } from '../../../workers/run-job';
const context = (type: string, env: Record<string, string> = {}): JobContext => ({
  job: { key: '1', type, processInstanceKey: '2', bpmnProcessId: 'engineering-approval', elementId: 'Task', retries: 3, customHeaders: {} },
  config: { env: { ONEGO_SIM_FAILURE_RATE: '0', ONEGO_SIM_DELAY_MS: '0', ...env }, random: () => 0.42 },
  log: { info() {}, warn() {} },
});
const at = '2025-09-30T09:00:00+08:00[Asia/Shanghai]';
import worker from '../../../workers/jobs/engineering-stage-items';
import { readFileSync } from 'node:fs';
import { evaluateDecision, parseDecisionRequirements } from '../../../engine/dmn';

/** The catalogue the shipped decision table answers (what the business rule task puts into `itemCatalogue`). */
function shippedCatalogue(jurisdiction = '370102'): unknown[] {
  const parsed = parseDecisionRequirements(readFileSync(new URL('../../../bpmn/engineering-item-catalogue.dmn', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.failure);
  const result = evaluateDecision(parsed.value, 'engineering-item-catalogue', { jurisdiction }, { now: Date.parse(at.slice(0, 25)) });
  if (!result.ok) throw new Error(result.failure);
  return result.value.output as unknown[];
}

async function items(variables: Record<string, unknown>) {
  const outcome = await runJob(worker, { itemCatalogue: shippedCatalogue(), ...variables }, context(worker.type));
  if (outcome.kind !== 'complete') throw new Error(JSON.stringify(outcome));
  return outcome.variables as { stageItems: Array<{ code: string; department: string }>; skippedItems: Array<{ code: string; reason: string }> };
}

describe('engineering-stage-items', () => {
  it('lists all seven stage-1 items for a project without shortcuts', async () => {
    const { stageItems, skippedItems } = await items({ stage: 1, flowchartCategory: 'social-investment-civil' });

    expect(stageItems.map((item) => item.code)).to.deep.equal(['project-approval', 'land-preexamination', 'land-use-planning-permit', 'eia', 'soil-water', 'energy-assessment', 'geological-hazard']);
    expect(skippedItems).to.deep.equal([]);
  });

  it('skips the assessments a regional assessment already covers', async () => {
    const { stageItems, skippedItems } = await items({ stage: 1, flowchartCategory: 'social-investment-industrial', regionalAssessmentArea: true });

    expect(stageItems.map((item) => item.code)).to.deep.equal(['project-approval', 'land-preexamination', 'land-use-planning-permit']);
    expect(skippedItems.map((item) => item.code)).to.deep.equal(['eia', 'soil-water', 'energy-assessment', 'geological-hazard']);
    expect(skippedItems[0]!.reason).to.contain('区域评估');
  });

  it('skips the EIA for an exempt project and decides standard-land items on the commitment', async () => {
    const stage1 = await items({ stage: 1, flowchartCategory: 'social-investment-industrial', eiaExempt: true, standardLand: true });
    const stage2 = await items({ stage: 2, flowchartCategory: 'social-investment-industrial', standardLand: true });

    expect(stage1.skippedItems.map((item) => item.code)).to.deep.equal(['eia', 'energy-assessment']);
    expect(stage2.skippedItems.map((item) => [item.code, item.reason])).to.deep.equal([['civil-air-defence-construction', '标准地：凭书面承诺作出审批决定']]);
  });

  it('leaves items accepted on a commitment (容缺) out of the stage review', async () => {
    const { stageItems, skippedItems } = await items({ stage: 1, flowchartCategory: 'government-investment', committedItems: ['eia', 'soil-water'] });

    expect(stageItems.map((item) => item.code)).to.not.include.members(['eia', 'soil-water']);
    expect(skippedItems.map((item) => [item.code, item.reason])).to.deep.equal([
      ['eia', '容缺受理：已书面承诺，开工前完成审批'],
      ['soil-water', '容缺受理：已书面承诺，开工前完成审批'],
    ]);
  });

  it('gives stage 4 the five joint-acceptance items of five departments', async () => {
    const { stageItems } = await items({ stage: 4, flowchartCategory: 'government-investment' });

    expect(stageItems.map((item) => item.department)).to.deep.equal(['natural-resources', 'natural-resources', 'fire-rescue', 'civil-air-defence', 'urban-archives']);
  });

  it('after a correction reviews again only the items that were not approved', async () => {
    const previousReview = [
      { item: { code: 'design-scheme-review' }, decision: 'approved' },
      { item: { code: 'construction-planning-permit' }, decision: 'defects' },
      { item: { code: 'water-extraction' }, decision: 'approved' },
      { item: { code: 'civil-air-defence-construction' }, decision: 'approved' },
    ];

    const { stageItems } = await items({ stage: 2, flowchartCategory: 'government-investment', previousReview });

    expect(stageItems.map((item) => item.code)).to.deep.equal(['construction-planning-permit']);
  });

  it('fails without retries on a stage that does not exist', async () => {
    const outcome = await runJob(worker, { stage: 5, flowchartCategory: 'simple-low-risk' }, context(worker.type));

    expect(outcome).to.include({ kind: 'fail', retries: 0 });
  });

  it('reviews the items of a catalogue a city changed: an added row joins the stage, a missing one is not reviewed', async () => {
    const catalogue = (shippedCatalogue() as Array<{ code: string }>).filter((item) => item.code !== 'geological-hazard');
    catalogue.push({ stage: 1, code: 'traffic-impact', name: '交通影响评价', department: 'public-security', skippedBy: [], tolerable: false } as never);
    const { stageItems } = await items({ stage: 1, flowchartCategory: 'social-investment-civil', itemCatalogue: catalogue });
    expect(stageItems.map((item) => item.code)).to.include('traffic-impact').and.not.include('geological-hazard');
  });

  it('refuses a case without a catalogue, saying which decision to run', async () => {
    const outcome = await runJob(worker, { stage: 1, flowchartCategory: 'social-investment-civil' }, context(worker.type));
    expect(outcome.kind).to.equal('fail');
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('engineering-item-catalogue');
  });
});
