import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateDecision, parseDecisionRequirements, type ParsedDecisionRequirements } from '../../engine/dmn';

/*
 * bpmn/enterprise-smart-approval-rules.dmn: the province-wide scope of smart approval as [000] states it, and a
 * district that edits the table in Modeler changes its own cases only.
 */

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bpmn/enterprise-smart-approval-rules.dmn');
const DECISION = 'enterprise-smart-approval-rules';
const now = Date.parse('2025-09-30T09:00:00+08:00');

function parse(xml: string): ParsedDecisionRequirements {
  const parsed = parseDecisionRequirements(xml);
  if (!parsed.ok) throw new Error(parsed.failure);
  return parsed.value;
}

function eligible(drg: ParsedDecisionRequirements, entityType: string, jurisdiction: string | null): unknown {
  const result = evaluateDecision(drg, DECISION, jurisdiction === null ? { entityType } : { entityType, jurisdiction }, { now });
  if (!result.ok) throw new Error(result.failure);
  return result.value.output;
}

describe('the enterprise smart-approval decision', () => {
  const drg = parse(readFileSync(file, 'utf8'));

  for (const entityType of ['natural-person-llc', 'individual-business', 'sole-proprietorship', 'branch']) {
    it(`sends a ${entityType} to smart approval anywhere in the province, as [000] lists it`, () => {
      expect(eligible(drg, entityType, null)).to.equal(true);
      expect(eligible(drg, entityType, '370202')).to.equal(true);
    });
  }

  for (const entityType of ['other-llc', 'joint-stock', 'partnership']) {
    it(`sends a ${entityType} to a person`, () => {
      expect(eligible(drg, entityType, '370102')).to.equal(false);
    });
  }

  it('lets 济南 add partnerships for its own cases by deploying one row above the province-wide rows', () => {
    const xml = readFileSync(file, 'utf8').replace(
      '<rule id="Rule_ProvinceWide">',
      `<rule id="Rule_JinanPartnership"><inputEntry id="Rule_JinanPartnership_EntityType"><text>"partnership"</text></inputEntry><inputEntry id="Rule_JinanPartnership_Jurisdiction"><text>starts with(?, "3701")</text></inputEntry><outputEntry id="Rule_JinanPartnership_smartApprovalEligible"><text>true</text></outputEntry></rule>
      <rule id="Rule_ProvinceWide">`,
    );
    const edited = parse(xml);
    expect(eligible(edited, 'partnership', '370102')).to.equal(true);
    expect(eligible(edited, 'partnership', '370100')).to.equal(true);
    expect(eligible(edited, 'partnership', '370202'), '青岛').to.equal(false);
    expect(eligible(edited, 'joint-stock', '370102')).to.equal(false);
  });
});
