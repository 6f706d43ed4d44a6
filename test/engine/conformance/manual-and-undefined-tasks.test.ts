import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, task, manualTask, throwEvent, chain } = bpmn;

describe('conformance: manual tasks, undefined tasks and none intermediate throw events', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process(
        'pass-through',
        start('s'),
        manualTask('signOnPaper'),
        task('undefinedStep'),
        throwEvent('milestone', '', { outputs: { milestoneReached: '=true' } }),
        end('e'),
        chain('s', 'signOnPaper', 'undefinedStep', 'milestone', 'e'),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('pass straight through without jobs or waiting, and a none throw event applies its output mappings (Zeebe: manual tasks, undefined tasks, none events)', async () => {
    // when
    const key = await bed.start('pass-through');
    await bed.waitForCompletion(key);
    // then
    expect(bed.elements(key).withElementId('signOnPaper').withElementType('MANUAL_TASK').intents()).to.deep.equal([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
    expect(bed.elements(key).withElementId('undefinedStep').withElementType('TASK').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(key).withElementId('milestone').withElementType('INTERMEDIATE_THROW_EVENT').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.records.job().withProcessInstanceKey(key).exists()).to.equal(false);
    expect(bed.variablesOf(key)).to.deep.equal({ milestoneReached: true });
  });
});
