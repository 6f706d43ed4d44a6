import { expect } from 'chai';
import { compileProcesses, parseBpmn } from '../../../engine/model';
import { idLines, lineOf } from '../../../engine/model/xml-guard';
import { MAX_LISTED_PROBLEMS } from '../../../engine/model/compile-process';

/** A process with `count` intermediate catch events of a kind Zeebe refuses (an error catch event), one per 3 lines. */
function manyBadCatchEvents(count: number): string {
  let body = '';
  for (let i = 0; i < count; i++) body += `<bpmn:intermediateCatchEvent id="catch${i}">\n  <bpmn:errorEventDefinition />\n</bpmn:intermediateCatchEvent>\n`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
<bpmn:process id="p" isExecutable="true">
<bpmn:startEvent id="s" />
${body}</bpmn:process>
</bpmn:definitions>
`;
}

describe('a model with very many problems', () => {
  it('finds the line of every id in one pass, the first declaration winning', () => {
    const xml = '<a id="x">\n<b id=\'y\'/>\n\n<c id="x"/><d data-id="z"/>';
    expect([...idLines(xml)]).to.deep.equal([['x', 1], ['y', 2]]);
    expect(lineOf(xml, 'y')).to.equal(2);
    expect(lineOf(xml, 'z')).to.equal(undefined);
  });

  it('refuses 20,000 bad catch events naming the first 100 with their lines and counting the rest', async () => {
    const parsed = await parseBpmn(manyBadCatchEvents(20_000));
    if (!parsed.ok) throw new Error(parsed.failure);
    const compiled = compileProcesses(parsed.value, 'many.bpmn');
    if (compiled.ok) throw new Error('Expected the model to be refused');
    const listed = compiled.failure.match(/- Element: /g) ?? [];
    expect(listed).to.have.length(MAX_LISTED_PROBLEMS);
    // catch0 is declared on line 5, each next one 3 lines further down
    expect(compiled.failure).to.contain('- Element: catch0 (line 5)');
    expect(compiled.failure).to.contain('- Element: catch99 (line 302)');
    expect(compiled.failure).to.contain('and 19900 more problems (20000 in all; the first 100 are listed)');
    expect(compiled.failure).to.contain('另有 19900 处问题未列出');
  });
});
