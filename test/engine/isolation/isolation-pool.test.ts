import { expect } from 'chai';
import { IsolationPool } from '../../../engine/isolation';

/**
 * A runaway no step count sees: FEEL equality over a long list is an operator, not a counted built-in, so only
 * the time budget stops 9,000 comparisons of 90,000 items (about 16 s unbounded on a quiet machine; the loops that
 * build and repeat it stay within the isolation threads' 100,000 steps). Backtracking patterns no longer serve: re2js matches them at once.
 */
const RUNAWAY = '={l: for i in 1..90000 return i, n: count(for x in 1..9000 return l = l)}.n';
/** The same on the engine thread, within its 10,000 steps: 25 million comparisons, about 0.5 s unbounded against its 200 ms. */
const ENGINE_RUNAWAY = '={l: for i in 1..5000 return i, n: count(for x in 1..4999 return l = l)}.n';

const VALID = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" /></bpmn:process></bpmn:definitions>`;

describe('the isolation pool', function () {
  this.timeout(60_000);

  it('takes one piece of work at a time per thread, in order: a deployment queued behind a runaway expression is checked after it, not failed for the wait', async () => {
    const pool = new IsolationPool(1);
    const finished: string[] = [];

    const runaway = pool.run({ op: 'evaluate-expression', expression: RUNAWAY, now: 0 }).then((result) => {
      finished.push('expression');
      return result;
    });
    const deployment = pool.run({ op: 'check-deployment', resources: [{ name: 'p.bpmn', text: VALID }] }).then((result) => {
      finished.push('deployment');
      return result;
    });

    const [evaluated, checked] = await Promise.all([runaway, deployment]);
    expect(finished).to.deep.equal(['expression', 'deployment']);
    expect(evaluated.ok).to.equal(false);
    expect(!evaluated.ok && evaluated.failure).to.match(/within 2000 ms \(ONEGO_FEEL_MAX_MILLIS\)/);
    expect(checked.bpmn).to.have.length(1);
    const [name, compiled] = checked.bpmn[0];
    expect(name).to.equal('p.bpmn');
    expect(compiled.ok && compiled.value.map((process) => process.bpmnProcessId)).to.deep.equal(['p']);
  });

  it('with 0 threads does the same work on the calling thread, under the engine thread\'s budget', async () => {
    const pool = new IsolationPool(0);

    const evaluated = await pool.run({ op: 'evaluate-expression', expression: ENGINE_RUNAWAY, now: 0 });
    const checked = await pool.run({ op: 'check-deployment', resources: [{ name: 'broken.bpmn', text: '<not-bpmn' }, { name: 'notes.form', text: '{}' }] });

    expect(!evaluated.ok && evaluated.failure).to.match(/within 200 ms \(ONEGO_FEEL_ENGINE_MAX_MILLIS\)/);
    expect(checked.bpmn.map(([name, result]) => [name, result.ok])).to.deep.equal([['broken.bpmn', false]]);
    expect(checked.dmn).to.deep.equal([]);
  });
});
