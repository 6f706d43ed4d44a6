import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateDecision, parseDecisionRequirements, type ParsedDecisionRequirements } from '../../engine/dmn';

/*
 * The time-limit decisions of enterprise opening, medical-insurance transfer and the talent card
 * (bpmn/*-time-limits.dmn): a province-wide default row, and a city that edits the table in Modeler —
 * adding its own row above the default — changes the limits of its own cases only.
 */

const bpmn = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bpmn');
const now = Date.parse('2025-09-30T09:00:00+08:00');

function read(decisionId: string): string {
  return readFileSync(path.join(bpmn, `${decisionId}.dmn`), 'utf8');
}

function parse(xml: string): ParsedDecisionRequirements {
  const parsed = parseDecisionRequirements(xml);
  if (!parsed.ok) throw new Error(parsed.failure);
  return parsed.value;
}

function limits(drg: ParsedDecisionRequirements, decisionId: string, jurisdiction: string | null): Record<string, number> {
  const result = evaluateDecision(drg, decisionId, jurisdiction === null ? {} : { jurisdiction }, { now });
  if (!result.ok) throw new Error(result.failure);
  return result.value.output as Record<string, number>;
}

/** What a city designer adds in Modeler: one row above `beforeRuleId` (the province-wide row by default), with its own input entry and limits. */
function withCityRow(xml: string, ruleId: string, inputEntry: string, outputs: Record<string, number>, beforeRuleId = 'Rule_ProvinceWide'): string {
  const entries = Object.entries(outputs)
    .map(([name, value]) => `<outputEntry id="${ruleId}_${name}"><text>${value}</text></outputEntry>`)
    .join('');
  const row = `<rule id="${ruleId}"><description>本市规定</description><inputEntry id="${ruleId}_Jurisdiction"><text>${inputEntry}</text></inputEntry>${entries}<annotationEntry><text>city rule</text></annotationEntry></rule>\n      `;
  const at = xml.indexOf(`<rule id="${beforeRuleId}">`);
  if (at < 0) throw new Error(`Expected the row ${beforeRuleId} in the table`);
  return xml.slice(0, at) + row + xml.slice(at);
}

const TABLES: Array<[string, Record<string, number>]> = [
  ['enterprise-opening-time-limits', { caseDays: 1, linkADays: 0.5, linkBDays: 0.5, sealHours: 2, taxHours: 2 }],
  ['medical-insurance-time-limits', { caseDays: 15, initiationDays: 2, transferOutDays: 8, transferInDays: 5 }],
  ['talent-card-time-limits', { commissionerDays: 5, levelDays: 3, reviewDays: 10, evaluationDays: 20, productionDays: 5 }],
];

describe('the service time-limit decisions (per jurisdiction)', () => {
  for (const [decisionId, provinceWide] of TABLES) {
    describe(decisionId, () => {
      it('answers the province-wide limits for a case with no jurisdiction and for any jurisdiction without its own row', () => {
        const drg = parse(read(decisionId));
        expect(limits(drg, decisionId, null)).to.deep.equal(provinceWide);
        expect(limits(drg, decisionId, '370102')).to.deep.equal(provinceWide);
        expect(limits(drg, decisionId, '370202')).to.deep.equal(provinceWide);
      });

      it('keeps the province-wide row last and catching everything, so a city row above it wins', () => {
        const xml = read(decisionId);
        expect(xml.match(/<rule id="(\w+)"/g)!.at(-1)).to.equal('<rule id="Rule_ProvinceWide"');
        expect(xml).to.match(/<inputEntry id="Rule_ProvinceWide_Jurisdiction"><text>-<\/text><\/inputEntry>/);
        expect(xml).to.contain('hitPolicy="FIRST"');
      });
    });
  }

  it('lets 济南 halve the enterprise-opening limits for its districts by deploying an edited table; 青岛 keeps the province-wide limits', () => {
    const jinan = { caseDays: 0.5, linkADays: 0.25, linkBDays: 0.25, sealHours: 1, taxHours: 1 };
    const drg = parse(withCityRow(read('enterprise-opening-time-limits'), 'Rule_Jinan', 'starts with(?, "3701")', jinan));
    expect(limits(drg, 'enterprise-opening-time-limits', '370102')).to.deep.equal(jinan);
    expect(limits(drg, 'enterprise-opening-time-limits', '370112')).to.deep.equal(jinan);
    expect(limits(drg, 'enterprise-opening-time-limits', '370202')).to.deep.equal(TABLES[0]![1]);
    expect(limits(drg, 'enterprise-opening-time-limits', null)).to.deep.equal(TABLES[0]![1]);
  });

  it('lets a district row above its city row win for that district only', () => {
    let xml = withCityRow(read('talent-card-time-limits'), 'Rule_Jinan', 'starts with(?, "3701")', { commissionerDays: 4, levelDays: 3, reviewDays: 8, evaluationDays: 15, productionDays: 3 });
    xml = withCityRow(xml, 'Rule_Lixia', '"370102"', { commissionerDays: 2, levelDays: 2, reviewDays: 5, evaluationDays: 10, productionDays: 2 }, 'Rule_Jinan');
    const drg = parse(xml);
    expect(limits(drg, 'talent-card-time-limits', '370102').reviewDays).to.equal(5);
    expect(limits(drg, 'talent-card-time-limits', '370103').reviewDays).to.equal(8);
    expect(limits(drg, 'talent-card-time-limits', '370202').reviewDays).to.equal(10);
  });

  it('never gives a medical-insurance transfer more than the provincial 15 working days, and the split adds up to the whole', () => {
    const xml = read('medical-insurance-time-limits');
    const rows = [...xml.matchAll(/<rule id="(\w+)">[\s\S]*?<\/rule>/g)].map((match) => match[0]);
    expect(rows.length).to.be.greaterThan(0);
    for (const row of rows) {
      const value = (name: string) => Number(new RegExp(`_${name}"><text>([0-9.]+)</text>`).exec(row)![1]);
      expect(value('caseDays'), row).to.be.at.most(15);
      expect(value('initiationDays') + value('transferOutDays') + value('transferInDays'), row).to.equal(value('caseDays'));
    }
  });
});
