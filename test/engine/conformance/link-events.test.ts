import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, throwEvent, catchEvent, link, task, subProcess, chain } = bpmn;

describe('conformance: link events', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed();
    await bed.deploy(
      process(
        'link-jump',
        start('s'),
        throwEvent('toArchive', link('archive')),
        catchEvent('fromElsewhere', link('elsewhere')),
        task('neverReached'),
        catchEvent('archiveEntry', link('archive')),
        task('archiveIt'),
        end('e'),
        end('e2'),
        chain('s', 'toArchive'),
        chain('fromElsewhere', 'neverReached', 'e2'),
        chain('archiveEntry', 'archiveIt', 'e'),
      ),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it('a link throw event continues at the link catch event of the same name (Zeebe: link events)', async () => {
    // when
    const key = await bed.start('link-jump');
    await bed.waitForCompletion(key);
    // then
    const trail = bed.trail(key);
    expect(trail).to.include.members(['toArchive:ELEMENT_COMPLETED', 'archiveEntry:ELEMENT_COMPLETED', 'archiveIt:ELEMENT_COMPLETED', 'e:ELEMENT_COMPLETED']);
    expect(trail.indexOf('archiveEntry:ELEMENT_ACTIVATING')).to.be.greaterThan(trail.indexOf('toArchive:ELEMENT_COMPLETED'));
    expect(bed.elements(key).withElementId('fromElsewhere').exists()).to.equal(false);
    expect(bed.elements(key).withElementId('neverReached').exists()).to.equal(false);
  });

  it('links inside an embedded subprocess stay within it (Zeebe: link events in subprocesses)', async () => {
    // given
    await bed.deploy(
      process(
        'link-in-subprocess',
        start('s'),
        subProcess('inner', [start('is'), throwEvent('jump', link('next')), catchEvent('landing', link('next')), end('ie'), chain('is', 'jump'), chain('landing', 'ie')]),
        end('e'),
        chain('s', 'inner', 'e'),
      ),
    );
    // when
    const key = await bed.start('link-in-subprocess');
    await bed.waitForCompletion(key);
    // then
    expect(bed.trail(key)).to.include.members(['jump:ELEMENT_COMPLETED', 'landing:ELEMENT_COMPLETED', 'inner:ELEMENT_COMPLETED']);
  });
});
