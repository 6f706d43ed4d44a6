import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateDecision, parseDecisionRequirements, type ParsedDecisionRequirements } from '../../../engine/dmn';
import { dmnTable } from './dmn-xml';

const fixture = (name: string) => readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name), 'utf8');
const ctx = { now: Date.parse('2025-03-01T00:00:00Z') };

function parse(xml: string): ParsedDecisionRequirements {
  const parsed = parseDecisionRequirements(xml);
  if (!parsed.ok) throw new Error(parsed.failure);
  return parsed.value;
}

const literal = (id: string, text: string, extra = '') =>
  `<decision id="${id}" name="${id}">${extra}<literalExpression id="${id}_le"><text>${text}</text></literalExpression></decision>`;
const definitions = (body: string, namespace = 'https://www.omg.org/spec/DMN/20191111/MODEL/') =>
  `<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="${namespace}" id="drg" name="DRG" namespace="http://onego.example">${body}</definitions>`;
let requirementCount = 0;
const requires = (id: string) =>
  `<informationRequirement id="ir_${id}_${++requirementCount}"><requiredDecision href="#${id}" /></informationRequirement>`;

describe('DMN decision requirements', () => {
  describe('a Camunda Modeler 5 file with required decisions', () => {
    const drg = parse(fixture('material-review.dmn.xml'));

    it('is read with its id, name, namespace and decisions', () => {
      expect(drg.id).to.equal('Definitions_MaterialReview');
      expect(drg.name).to.equal('材料审查');
      expect(drg.namespace).to.equal('http://camunda.org/schema/1.0/dmn');
      expect(drg.decisions).to.deep.equal([
        { id: 'applicant-risk', name: '申请人风险', versionTag: '' },
        { id: 'required-materials', name: '所需材料', versionTag: '' },
        { id: 'review-route', name: '审查路线', versionTag: '' },
      ]);
    });

    it('reads each decision\'s zeebe:versionTag, as Camunda Modeler writes it under extensionElements', () => {
      const tagged = parse(
        definitions(
          literal('a', '1', '<extensionElements><zeebe:versionTag xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" value="v1.2" /></extensionElements>') + literal('b', '2'),
        ),
      );
      expect(tagged.decisions.map((decision) => [decision.id, decision.versionTag])).to.deep.equal([
        ['a', 'v1.2'],
        ['b', ''],
      ]);
    });

    const rows: [Record<string, unknown>, unknown][] = [
      [{ applicant: { age: 30, rejections: [] }, serviceType: 'other' }, { route: 'instant', limitDays: 0 }],
      [{ applicant: { age: 30, rejections: [] }, serviceType: 'business-license' }, { route: 'standard', limitDays: 3 }],
      [{ applicant: { age: 30, rejections: ['a', 'b'] }, serviceType: 'other' }, { route: 'manual', limitDays: 5 }],
      [{ applicant: { age: 16, rejections: [] }, serviceType: 'other' }, { route: 'manual', limitDays: 5 }],
    ];
    for (const [variables, output] of rows) {
      it(`evaluates required decisions first and uses their results: ${JSON.stringify(variables)} → ${JSON.stringify(output)}`, () => {
        const result = evaluateDecision(drg, 'review-route', variables, ctx);
        expect(result.ok && result.value.output).to.deep.equal(output);
      });
    }

    it('traces the required decisions before the called one, each once', () => {
      const result = evaluateDecision(drg, 'review-route', { applicant: { age: 30, rejections: [] }, serviceType: 'other' }, ctx);
      expect(result.ok && result.value.evaluatedDecisions.map((decision) => [decision.decisionId, decision.decisionType, decision.output])).to.deep.equal([
        ['applicant-risk', 'DECISION_TABLE', 'low'],
        ['required-materials', 'LITERAL_EXPRESSION', ['身份证']],
        ['review-route', 'DECISION_TABLE', { route: 'instant', limitDays: 0 }],
      ]);
    });

    it('evaluates a literal-expression decision on its own', () => {
      const result = evaluateDecision(drg, 'required-materials', { serviceType: 'business-license' }, ctx);
      expect(result.ok && result.value.output).to.deep.equal(['身份证', '营业执照申请书']);
    });

    it('gives null when no rule of a UNIQUE table matches (an unknown age)', () => {
      const result = evaluateDecision(drg, 'applicant-risk', { applicant: { age: null, rejections: [] } }, ctx);
      expect(result.ok && result.value.output).to.equal(null);
      expect(result.ok && result.value.evaluatedDecisions[0].matchedRules).to.deep.equal([]);
    });

    it('refuses an unknown decision id', () => {
      const result = evaluateDecision(drg, 'nope', {}, ctx);
      expect(result.ok).to.equal(false);
      expect(!result.ok && result.failure).to.equal("no decision found with id 'nope'");
      expect(!result.ok && result.failedDecisionId).to.equal('nope');
    });
  });

  describe('required decision results are visible by decision id and by variable name', () => {
    const drg = parse(definitions(
      literal('base', '10', '<variable id="v_base" name="baseAmount" />') +
        literal('byId', 'base * 2', requires('base')) +
        literal('byName', 'baseAmount + 1', requires('base')) +
        literal('failing', 'assert(1, false, "boom")', requires('base')) +
        literal('afterFailing', 'failing', requires('failing')),
    ));
    const rows: [string, unknown][] = [['byId', 20], ['byName', 11]];
    for (const [decisionId, output] of rows) {
      it(`${decisionId} → ${output}`, () => {
        const result = evaluateDecision(drg, decisionId, {}, ctx);
        expect(result.ok && result.value.output).to.equal(output);
      });
    }

    it('a failing required decision fails the evaluation, tracing the decisions evaluated so far and the failed one', () => {
      const result = evaluateDecision(drg, 'afterFailing', {}, ctx);
      expect(result.ok).to.equal(false);
      if (result.ok) return;
      expect(result.failedDecisionId).to.equal('failing');
      expect(result.failure).to.match(/^Assertion failure on evaluate the expression 'assert\(1, false, "boom"\)': boom/);
      expect(result.evaluatedDecisions.map((decision) => [decision.decisionId, decision.output])).to.deep.equal([['base', 10], ['failing', null]]);
    });
  });

  describe("the decision variable's typeRef is checked (dmn-scala TypeChecker)", () => {
    const typed = (typeRef: string, text: string) =>
      parse(definitions(literal('d', text, `<variable id="v" name="d" typeRef="${typeRef}" />`)));
    const rows: [string, string, unknown][] = [
      ['string', '"a"', 'a'],
      ['number', '1 + 1', 2],
      ['boolean', 'true', true],
      ['date', 'date("2025-03-01")', '2025-03-01'],
      ['dateTime', 'date and time("2025-03-01T10:00:00Z")', '2025-03-01T10:00:00Z'],
      ['dayTimeDuration', 'duration("P1D")', 'P1D'],
      ['yearMonthDuration', 'duration("P1Y")', 'P1Y'],
      ['number', 'null', null],
      ['Any', '[1, "a"]', [1, 'a']],
      ['feel:string', '"b"', 'b'],
    ];
    for (const [typeRef, text, output] of rows) {
      it(`${typeRef} accepts ${text}`, () => {
        const result = evaluateDecision(typed(typeRef, text), 'd', {}, ctx);
        expect(result.ok && result.value.output).to.deep.equal(output);
      });
    }
    const refused: [string, string, string][] = [
      ['number', '"5"', `expected 'number' but found '"5"'`],
      ['string', '5', "expected 'string' but found '5'"],
      ['date', '"2025-03-01"', `expected 'date' but found '"2025-03-01"'`],
      ['yearMonthDuration', 'duration("P1D")', "expected 'yearMonthDuration' but found 'P1D'"],
    ];
    for (const [typeRef, text, failure] of refused) {
      it(`${typeRef} refuses ${text}`, () => {
        const result = evaluateDecision(typed(typeRef, text), 'd', {}, ctx);
        expect(!result.ok && result.failure).to.equal(failure);
      });
    }
  });

  describe('DMN namespaces', () => {
    const namespaces = [
      'https://www.omg.org/spec/DMN/20191111/MODEL/',
      'http://www.omg.org/spec/DMN/20180521/MODEL/',
      'http://www.omg.org/spec/DMN/20151101/dmn.xsd',
      'https://www.omg.org/spec/DMN/20211108/MODEL/',
    ];
    for (const namespace of namespaces) {
      it(`reads a decision table in ${namespace}`, () => {
        const drg = parse(dmnTable({ namespace, inputs: ['x'], outputs: [{ name: 'o' }], rules: [['> 1', '"big"']] }));
        const result = evaluateDecision(drg, 'decision', { x: 2 }, ctx);
        expect(result.ok && result.value.output).to.equal('big');
      });
    }
  });

  describe('a resource Zeebe would not deploy is refused with a clear failure', () => {
    const rows: [string, string, RegExp][] = [
      ['empty text', '', /^the DMN resource is empty/],
      ['not XML', 'this is not xml', /not a DMN 1\.1–1\.4 model/],
      ['a BPMN file', '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="x"/>', /not a DMN 1\.1–1\.4 model/],
      ['a DOCTYPE', `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]>${definitions(literal('a', '1'))}`, /^DOCTYPE and entity declarations are not allowed/],
      ['broken XML', definitions(literal('a', '1')).replace('</definitions>', '<decision id="b">'), /^failed to parse the DMN XML/],
      ['no decision', definitions(''), /contains no decision/],
      ['a FEEL syntax error in a literal expression', definitions(literal('a', '1 +')), /^the literal expression of 'a': failed to parse expression '1 \+'/],
      ['an empty literal expression', definitions(literal('a', '')), /^the literal expression of 'a' is empty/],
      ['an unknown required decision', definitions(literal('a', '1', requires('ghost'))), /^the decision 'a' requires the decision 'ghost', which does not exist/],
      ['a cycle', definitions(literal('a', 'b', requires('b')) + literal('b', 'a', requires('a'))), /^Invalid DMN model: Cyclic dependencies between decisions detected/],
      ['a duplicate decision id', definitions(literal('a', '1') + literal('a', '2')), /^failed to parse the DMN XML: unparsable content <decision> detected \(line 1: duplicate ID <a>\)/],
      ['a truncated document', definitions(literal('a', '1')).slice(0, -20), /^failed to parse the DMN XML: /],
      ['a mismatched closing tag', definitions(literal('a', '1')).replace('</decision>', '</decisio>'), /^failed to parse the DMN XML: the element <decision> is closed by <\/decisio>/],
      ['an unsupported decision logic', definitions('<decision id="a" name="a"><context id="c" /></decision>'), /^the decision 'a' uses a Context; only decision tables and literal expressions are supported/],
      ['a business knowledge model', definitions('<businessKnowledgeModel id="bkm" name="bkm" />' + literal('a', 'bkm(1)', '<knowledgeRequirement id="kr"><requiredKnowledge href="#bkm" /></knowledgeRequirement>')), /^the decision 'a' requires a business knowledge model; business knowledge models are not supported/],
      ['a broken unary test', dmnTable({ inputs: ['x'], outputs: [{ name: 'o' }], rules: [['[1..', '1']] }), /^the rule 'Rule_1' of 'decision': failed to parse unary tests '\[1\.\.'/],
      ['a broken input expression', dmnTable({ inputs: ['x +'], outputs: [{ name: 'o' }], rules: [['-', '1']] }), /^the input expression 1 of 'decision': failed to parse expression 'x \+'/],
      ['a broken output entry', dmnTable({ inputs: ['x'], outputs: [{ name: 'o' }], rules: [['-', '{']] }), /^the rule 'Rule_1' of 'decision': failed to parse expression '\{'/],
      ['a rule with too few entries', dmnTable({ inputs: ['x', 'y'], outputs: [{ name: 'o' }], rules: [['-', '1']] }), /^the rule 'Rule_1' of 'decision' has 2 input and 0 output entries, but the table has 2 inputs and 1 outputs/],
      ['an aggregation on a compound output', dmnTable({ hitPolicy: 'COLLECT', aggregation: 'SUM', inputs: ['x'], outputs: [{ name: 'a' }, { name: 'b' }], rules: [['-', '1', '2']] }), /aggregates \(SUM\) a table with more than one output/],
      ['an aggregation without COLLECT', dmnTable({ hitPolicy: 'FIRST', aggregation: 'SUM', inputs: ['x'], outputs: [{ name: 'a' }], rules: [['-', '1']] }), /only a COLLECT table may have/],
      ['an unnamed output among several', dmnTable({ inputs: ['x'], outputs: [{ name: 'a' }, { name: 'b' }], rules: [['-', '1', '2']] }).replace(' name="b"', ''), /^no output name defined for/],
    ];
    for (const [what, xml, failure] of rows) {
      it(`${what} → ${failure}`, () => {
        const result = parseDecisionRequirements(xml);
        expect(result.ok).to.equal(false);
        expect(!result.ok && result.failure).to.match(failure);
      });
    }
  });
});
