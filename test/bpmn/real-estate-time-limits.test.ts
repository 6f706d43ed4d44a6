import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateDecision, parseDecisionRequirements, type ParsedDecisionRequirements } from '../../engine/dmn';

/*
 * bpmn/real-estate-time-limits.dmn: the categories the provincial plan [000] states (instant, one-day, five-day,
 * no limit for non-notarised inheritance and government-organised registration), the PROPOSED joint
 * departments, and a city row that changes its own cases only.
 */

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bpmn/real-estate-time-limits.dmn');

function parse(xml: string): ParsedDecisionRequirements {
  const parsed = parseDecisionRequirements(xml);
  if (!parsed.ok) throw new Error(parsed.failure);
  return parsed.value;
}

function decide(drg: ParsedDecisionRequirements, variables: Record<string, unknown>): Record<string, unknown> {
  const result = evaluateDecision(drg, 'real-estate-time-limits', variables, { now: Date.parse('2025-09-30T09:00:00+08:00') });
  if (!result.ok) throw new Error(result.failure);
  return result.value.output as Record<string, unknown>;
}

describe('the real-estate time-limit decision', () => {
  const drg = parse(readFileSync(file, 'utf8'));

  it('completes the five instant items at once', () => {
    for (const registrationType of ['seizure', 'mortgage-release', 'address-change', 'name-change', 'objection']) {
      expect(decide(drg, { registrationType }), registrationType).to.deep.equal({ category: 'instant', caseDays: 0, needsTransaction: false, needsTax: false });
    }
  });

  it('gives one working day to a non-tax mortgage and to transfer plus mortgage with the tax paid in advance', () => {
    expect(decide(drg, { registrationType: 'mortgage' })).to.include({ category: 'one-day', caseDays: 1, needsTax: false });
    expect(decide(drg, { registrationType: 'transfer-mortgage-tax-paid' })).to.include({ category: 'one-day', caseDays: 1, needsTransaction: true, needsTax: false });
  });

  it('gives five working days to mortgages needing the tax office or under construction, transfers and everything else', () => {
    expect(decide(drg, { registrationType: 'mortgage-joint-tax' })).to.include({ category: 'five-day', caseDays: 5, needsTax: true });
    expect(decide(drg, { registrationType: 'construction-mortgage' })).to.include({ category: 'five-day', caseDays: 5 });
    expect(decide(drg, { registrationType: 'transfer', jurisdiction: '370202' })).to.deep.equal({ category: 'five-day', caseDays: 5, needsTransaction: true, needsTax: true });
    expect(decide(drg, { registrationType: 'first-registration' })).to.include({ category: 'five-day', caseDays: 5 });
    expect(decide(drg, {})).to.include({ category: 'five-day', caseDays: 5 });
  });

  it('invents no limit for non-notarised inheritance and government-organised registration', () => {
    for (const registrationType of ['inheritance-non-notarised', 'government-organised']) {
      expect(decide(drg, { registrationType }), registrationType).to.include({ category: 'no-limit', caseDays: null });
    }
  });

  it('lets a city shorten its own transfers by deploying one row above the province-wide rows', () => {
    const xml = readFileSync(file, 'utf8');
    const row =
      '<rule id="Rule_Jinan_Transfer"><inputEntry id="Rule_Jinan_Transfer_Type"><text>"transfer"</text></inputEntry>' +
      '<inputEntry id="Rule_Jinan_Transfer_Jurisdiction"><text>starts with(?, "3701")</text></inputEntry>' +
      '<outputEntry id="Rule_Jinan_Transfer_category"><text>"five-day"</text></outputEntry><outputEntry id="Rule_Jinan_Transfer_caseDays"><text>3</text></outputEntry>' +
      '<outputEntry id="Rule_Jinan_Transfer_needsTransaction"><text>true</text></outputEntry><outputEntry id="Rule_Jinan_Transfer_needsTax"><text>true</text></outputEntry>' +
      '<annotationEntry><text>济南本市规定</text></annotationEntry></rule>\n      ';
    const at = xml.indexOf('<rule id="Rule_Instant">');
    const city = parse(xml.slice(0, at) + row + xml.slice(at));
    expect(decide(city, { registrationType: 'transfer', jurisdiction: '370102' })).to.include({ caseDays: 3 });
    expect(decide(city, { registrationType: 'transfer', jurisdiction: '370202' })).to.include({ caseDays: 5 });
  });
});
