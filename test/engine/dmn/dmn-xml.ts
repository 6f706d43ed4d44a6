/**
 * Builds small DMN 1.3 documents for table-driven tests: one decision table, written the way Camunda
 * Modeler 5 writes it.
 */
import { xmlEscape } from '../../../scripts/xml-escape';

export interface TableSpec {
  hitPolicy?: string;
  aggregation?: string;
  inputs: string[];
  outputs: { name: string; values?: string; defaultEntry?: string }[];
  /** Each rule: input entries then output entries, in column order. */
  rules: string[][];
  namespace?: string;
}


export function dmnTable(spec: TableSpec): string {
  const inputs = spec.inputs
    .map((expression, index) => `<input id="Input_${index + 1}" label="in${index + 1}"><inputExpression id="InputExpression_${index + 1}" typeRef="string"><text>${xmlEscape(expression)}</text></inputExpression></input>`)
    .join('');
  const outputs = spec.outputs
    .map((output, index) =>
      `<output id="Output_${index + 1}" name="${output.name}" typeRef="string">` +
      (output.values ? `<outputValues id="OutputValues_${index + 1}"><text>${xmlEscape(output.values)}</text></outputValues>` : '') +
      (output.defaultEntry ? `<defaultOutputEntry id="Default_${index + 1}"><text>${xmlEscape(output.defaultEntry)}</text></defaultOutputEntry>` : '') +
      `</output>`)
    .join('');
  const rules = spec.rules
    .map((entries, index) => {
      const inputEntries = entries.slice(0, spec.inputs.length).map((text, column) => `<inputEntry id="R${index + 1}_I${column + 1}"><text>${xmlEscape(text)}</text></inputEntry>`);
      const outputEntries = entries.slice(spec.inputs.length).map((text, column) => `<outputEntry id="R${index + 1}_O${column + 1}"><text>${xmlEscape(text)}</text></outputEntry>`);
      return `<rule id="Rule_${index + 1}">${inputEntries.join('')}${outputEntries.join('')}</rule>`;
    })
    .join('');
  const attributes = `${spec.hitPolicy ? ` hitPolicy="${spec.hitPolicy}"` : ''}${spec.aggregation ? ` aggregation="${spec.aggregation}"` : ''}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="${spec.namespace ?? 'https://www.omg.org/spec/DMN/20191111/MODEL/'}" id="Definitions_Test" name="Test" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="decision" name="Decision">
    <decisionTable id="DecisionTable_1"${attributes}>${inputs}${outputs}${rules}</decisionTable>
  </decision>
</definitions>`;
}
