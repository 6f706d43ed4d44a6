import { checkExpression, checkUnaryTests } from '../feel';
import { readDmnXml, type DmnElement } from './read-dmn-xml';

/** DMN hit policies, as the decision table's `hitPolicy` attribute spells them. */
export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';
/** The aggregation of a COLLECT table. */
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface CompiledInput {
  id: string;
  /** The label, else the input expression text: what Zeebe reports as `inputName`. */
  name: string;
  expression: string;
}

export interface CompiledOutput {
  id: string;
  /** The output name: the key of the output in a multi-output result. */
  name: string;
  typeRef?: string;
  /** The allowed output values as FEEL source (`"high","low"`), ordering PRIORITY and OUTPUT ORDER tables. */
  outputValues: string[];
  /** FEEL source of the value this output takes when no rule matches, if any. */
  defaultOutputEntry?: string;
}

export interface CompiledRule {
  id: string;
  /** One-based position of the rule in the table, as Zeebe reports `ruleIndex`. */
  index: number;
  inputEntries: string[];
  outputEntries: string[];
}

export interface CompiledDecisionTable {
  kind: 'DECISION_TABLE';
  hitPolicy: HitPolicy;
  aggregation?: Aggregation;
  inputs: CompiledInput[];
  outputs: CompiledOutput[];
  rules: CompiledRule[];
}

export interface CompiledLiteralExpression {
  kind: 'LITERAL_EXPRESSION';
  expression: string;
}

export interface CompiledDecision {
  id: string;
  name: string;
  /** The name the result goes by for dependent decisions (the decision's variable name, else its id). */
  resultName: string;
  /** The type the result must have (the decision variable's typeRef), checked as dmn-scala does. */
  resultType?: string;
  /** Ids of the decisions this one requires, evaluated before it. */
  requiredDecisionIds: string[];
  /** `zeebe:versionTag` of the decision ('' when none), recorded on its DECISION record. */
  versionTag: string;
  logic: CompiledDecisionTable | CompiledLiteralExpression;
}

/** A deployed DMN resource (Zeebe's decision requirements graph), checked and compiled for evaluation. */
export interface ParsedDecisionRequirements {
  /** The definitions id: Zeebe's `decisionRequirementsId`. */
  id: string;
  /** The definitions name: Zeebe's `decisionRequirementsName`. */
  name: string;
  namespace: string;
  /** The decisions in document order, with their `zeebe:versionTag` ('' when none). */
  decisions: { id: string; name: string; versionTag: string }[];
  /** Compiled decisions by id. */
  compiled: Map<string, CompiledDecision>;
}

const HIT_POLICIES: readonly HitPolicy[] = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'];

class DmnInvalid extends Error {}

/**
 * Parses and checks a DMN resource as Zeebe does on deployment: every decision must be a decision table or a
 * literal expression, every FEEL expression and unary test must parse, required decisions must exist and
 * must not form a cycle.
 */
export function parseDecisionRequirements(
  xml: string,
): { ok: true; value: ParsedDecisionRequirements } | { ok: false; failure: string } {
  const read = readDmnXml(xml);
  if (!read.ok) return read;
  try {
    return { ok: true, value: compileDefinitions(read.value) };
  } catch (error) {
    if (error instanceof DmnInvalid) return { ok: false, failure: error.message };
    // An element shaped unlike anything dmn-moddle should produce: refuse the resource rather than throw.
    return { ok: false, failure: `failed to read the DMN model: ${(error as Error)?.message ?? String(error)}` };
  }
}

function compileDefinitions(definitions: DmnElement): ParsedDecisionRequirements {
  const id = requireId(definitions, 'definitions');
  const elements = (definitions.drgElement as DmnElement[] | undefined) ?? [];
  const compiled = new Map<string, CompiledDecision>();
  for (const element of elements) {
    if (element.$type !== 'dmn:Decision') continue;
    const decision = compileDecision(element);
    if (compiled.has(decision.id)) throw new DmnInvalid(`the decision id '${decision.id}' is used more than once`);
    compiled.set(decision.id, decision);
  }
  if (compiled.size === 0) throw new DmnInvalid(`the DMN resource '${id}' contains no decision`);
  for (const decision of compiled.values()) {
    for (const required of decision.requiredDecisionIds) {
      if (!compiled.has(required)) {
        throw new DmnInvalid(`the decision '${decision.id}' requires the decision '${required}', which does not exist`);
      }
    }
  }
  rejectCycles(compiled);
  return {
    id,
    name: definitions.name ?? id,
    namespace: (definitions.namespace as string | undefined) ?? '',
    decisions: [...compiled.values()].map((decision) => ({ id: decision.id, name: decision.name, versionTag: decision.versionTag })),
    compiled,
  };
}

function compileDecision(element: DmnElement): CompiledDecision {
  const id = requireId(element, 'decision');
  const name = element.name ?? id;
  const variable = element.variable as DmnElement | undefined;
  const requirements = (element.informationRequirement as DmnElement[] | undefined) ?? [];
  const requiredDecisionIds = requirements
    .map((requirement) => (requirement.requiredDecision as { href?: string } | undefined)?.href)
    .filter((href): href is string => typeof href === 'string')
    .map((href) => href.replace(/^.*#/, ''));
  if (((element.knowledgeRequirement as unknown[] | undefined) ?? []).length > 0) {
    throw new DmnInvalid(`the decision '${id}' requires a business knowledge model; business knowledge models are not supported`);
  }
  const logic = element.decisionLogic as DmnElement | undefined;
  if (!logic) throw new DmnInvalid(`the decision '${id}' has no decision logic`);
  let compiledLogic: CompiledDecision['logic'];
  if (logic.$type === 'dmn:DecisionTable') compiledLogic = compileDecisionTable(id, logic);
  else if (logic.$type === 'dmn:LiteralExpression') {
    const expression = text(logic.text);
    checkFeel(id, expression, 'literal expression');
    compiledLogic = { kind: 'LITERAL_EXPRESSION', expression };
  } else {
    throw new DmnInvalid(
      `the decision '${id}' uses a ${logic.$type.replace('dmn:', '')}; only decision tables and literal expressions are supported`,
    );
  }
  const resultType = (variable?.typeRef as string | undefined) || undefined;
  return { id, name, resultName: variable?.name ?? id, resultType, requiredDecisionIds, versionTag: versionTagOf(element), logic: compiledLogic };
}

/**
 * The decision's `<zeebe:versionTag value="…"/>` extension. dmn-moddle has no zeebe schema, so the lax
 * reader keeps it as a generic element named by its prefix; Camunda Modeler writes it as `zeebe:`.
 */
function versionTagOf(decision: DmnElement): string {
  const values = ((decision.extensionElements as { values?: DmnElement[] } | undefined)?.values ?? []) as DmnElement[];
  const tag = values.find((value) => value.$type === 'zeebe:versionTag');
  return typeof tag?.value === 'string' ? tag.value : '';
}

function compileDecisionTable(decisionId: string, table: DmnElement): CompiledDecisionTable {
  const hitPolicy = ((table.hitPolicy as string | undefined) ?? 'UNIQUE') as HitPolicy;
  if (!HIT_POLICIES.includes(hitPolicy)) throw new DmnInvalid(`the decision '${decisionId}' has an unknown hit policy '${hitPolicy}'`);
  const aggregation = table.aggregation as Aggregation | undefined;
  if (aggregation && hitPolicy !== 'COLLECT') {
    throw new DmnInvalid(`the decision '${decisionId}' has the aggregation ${aggregation}, which only a COLLECT table may have`);
  }
  const inputs = ((table.input as DmnElement[] | undefined) ?? []).map((input, position) => {
    const expression = text((input.inputExpression as DmnElement | undefined)?.text);
    checkFeel(decisionId, expression, `input expression ${position + 1}`);
    return { id: input.id ?? `input${position + 1}`, name: (input.label as string | undefined) ?? expression, expression };
  });
  const outputs = ((table.output as DmnElement[] | undefined) ?? []).map((output, position) => {
    const outputValues = text((output.outputValues as DmnElement | undefined)?.text);
    const defaultOutputEntry = text((output.defaultOutputEntry as DmnElement | undefined)?.text);
    if (defaultOutputEntry !== '') checkFeel(decisionId, defaultOutputEntry, `default output entry of '${output.id}'`);
    return {
      defaultOutputEntry: defaultOutputEntry === '' ? undefined : defaultOutputEntry,
      id: output.id ?? `output${position + 1}`,
      name: output.name ?? (output.label as string | undefined) ?? output.id ?? `output${position + 1}`,
      typeRef: output.typeRef as string | undefined,
      outputValues: outputValues === '' ? [] : splitTopLevel(outputValues),
    };
  });
  if (outputs.length === 0) throw new DmnInvalid(`the decision table of '${decisionId}' has no output`);
  const rawOutputs = (table.output as DmnElement[] | undefined) ?? [];
  if (rawOutputs.length > 1) {
    const unnamed = rawOutputs.find((output) => !output.name);
    if (unnamed) {
      throw new DmnInvalid(`no output name defined for '${(unnamed.label as string | undefined) ?? unnamed.id}' in the decision table of '${decisionId}', which has more than one output`);
    }
  }
  if (aggregation && outputs.length > 1) {
    throw new DmnInvalid(`the decision '${decisionId}' aggregates (${aggregation}) a table with more than one output`);
  }
  const rules = ((table.rule as DmnElement[] | undefined) ?? []).map((rule, position) => {
    const ruleId = rule.id ?? `rule${position + 1}`;
    const inputEntries = ((rule.inputEntry as DmnElement[] | undefined) ?? []).map((entry) => text(entry.text));
    const outputEntries = ((rule.outputEntry as DmnElement[] | undefined) ?? []).map((entry) => text(entry.text));
    if (inputEntries.length !== inputs.length || outputEntries.length !== outputs.length) {
      throw new DmnInvalid(
        `the rule '${ruleId}' of '${decisionId}' has ${inputEntries.length} input and ${outputEntries.length} output entries, but the table has ${inputs.length} inputs and ${outputs.length} outputs`,
      );
    }
    for (const entry of inputEntries) {
      const check = checkUnaryTests(entry);
      if (!check.ok) throw new DmnInvalid(`the rule '${ruleId}' of '${decisionId}': ${check.failure}`);
    }
    for (const entry of outputEntries) if (entry !== '') checkFeel(decisionId, entry, `rule '${ruleId}'`);
    return { id: ruleId, index: position + 1, inputEntries, outputEntries };
  });
  return { kind: 'DECISION_TABLE', hitPolicy, aggregation, inputs, outputs, rules };
}

function checkFeel(decisionId: string, expression: string, where: string): void {
  if (expression === '') throw new DmnInvalid(`the ${where} of '${decisionId}' is empty`);
  const check = checkExpression(`=${expression}`);
  if (!check.ok) throw new DmnInvalid(`the ${where} of '${decisionId}': ${check.failure}`);
}

/**
 * Depth-first over the requirements without recursion and with one shared path, so a chain thousands of
 * decisions deep costs linear time and no stack (a recursive check copying the path took seconds and
 * gigabytes of garbage on a 5,000-deep cycle, issue 13). The message names at most 20 decisions of the cycle.
 */
function rejectCycles(decisions: Map<string, CompiledDecision>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  for (const root of decisions.keys()) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const next: number[] = [0];
    state.set(root, 'visiting');
    while (path.length > 0) {
      const id = path[path.length - 1];
      const required = decisions.get(id)!.requiredDecisionIds;
      const index = next[next.length - 1]++;
      if (index >= required.length) {
        state.set(id, 'done');
        path.pop();
        next.pop();
        continue;
      }
      const child = required[index];
      if (state.get(child) === 'done') continue;
      if (state.get(child) === 'visiting') {
        const cycle = [...path.slice(path.indexOf(child)), child];
        const shown = cycle.length <= 20 ? cycle.join(' → ') : `${cycle.slice(0, 10).join(' → ')} → … (${cycle.length - 20} more) → ${cycle.slice(-10).join(' → ')}`;
        throw new DmnInvalid(`Invalid DMN model: Cyclic dependencies between decisions detected (${shown})`);
      }
      state.set(child, 'visiting');
      path.push(child);
      next.push(0);
    }
  }
}

function requireId(element: DmnElement, what: string): string {
  if (!element.id) throw new DmnInvalid(`a ${what} has no id`);
  return element.id;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Splits `"a","b, c",[1..2]` at top-level commas (outside strings and brackets). */
export function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    else if (char === ',' && depth === 0) {
      parts.push(source.slice(start, index).trim());
      start = index + 1;
    }
  }
  parts.push(source.slice(start).trim());
  return parts.filter((part) => part !== '');
}
