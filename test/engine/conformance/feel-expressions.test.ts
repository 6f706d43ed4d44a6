import { expect } from 'chai';
import { bpmn } from '../../support';
import { startConformanceBed, type ConformanceBed } from './support';

const { process, start, end, scriptTask, exclusiveGateway, task, flow, chain } = bpmn;

describe('conformance: FEEL in a running process', () => {
  let bed: ConformanceBed;
  before(async () => {
    bed = await startConformanceBed({ clock: 'controlled' });
    await bed.deploy(
      process(
        'feel-extensions',
        start('s'),
        scriptTask(
          'compute',
          '={known: is defined(applicant), unknown: is defined(nobody), fallback: get or else(nickname, "无"), joined: string join(departments, "、"), year: now().year}',
          'computed',
        ),
        end('e'),
        chain('s', 'compute', 'e'),
      ),
      process(
        'feel-routing',
        start('s'),
        exclusiveGateway('route', 'route_normal'),
        task('urgent'),
        task('normal'),
        end('e1'),
        end('e2'),
        flow('s', 'route'),
        flow('route', 'urgent', '=some d in deadlines satisfies date(d) < today()'),
        flow('route', 'normal'),
        chain('urgent', 'e1'),
        chain('normal', 'e2'),
      ),
      process(
        'feel-durations',
        start('s'),
        scriptTask(
          'compute',
          '={reminderEvery: duration(reminder) * 2, due: date(received) + duration("P14D"), waited: date(answered) - date(received), shareOfTerm: (date(answered) - date(received)) / duration("P14D")}',
          'computed',
        ),
        end('e'),
        chain('s', 'compute', 'e'),
      ),
      process('feel-broken', start('s'), scriptTask('compute', '=assert(amount, amount > 0)', 'checkedAmount'), end('e'), chain('s', 'compute', 'e')),
    );
  });
  after(async () => {
    await bed?.close();
  });

  it("evaluates Camunda's FEEL extensions, with now() on the engine clock (Zeebe: FEEL built-in functions)", async () => {
    // given the engine clock pinned in 2031
    await bed.gateway.server.engine.clock.pin(Date.UTC(2031, 5, 1, 8, 0, 0));
    // when
    const key = await bed.start('feel-extensions', { applicant: '周', departments: ['住建', '消防'] });
    await bed.waitForCompletion(key);
    // then
    expect(bed.variablesOf(key).computed).to.deep.equal({ known: true, unknown: false, fallback: '无', joined: '住建、消防', year: 2031 });
  });

  it('evaluates quantified conditions with dates against today() of the engine clock (Zeebe: FEEL in conditions)', async () => {
    // given
    await bed.gateway.server.engine.clock.pin(Date.UTC(2031, 5, 1, 8, 0, 0));
    // when
    const overdue = await bed.start('feel-routing', { deadlines: ['2031-07-01', '2031-05-20'] });
    const inTime = await bed.start('feel-routing', { deadlines: ['2031-07-01'] });
    await bed.waitForCompletion(overdue);
    await bed.waitForCompletion(inTime);
    // then
    expect(bed.elements(overdue).withElementId('urgent').intents()).to.include('ELEMENT_COMPLETED');
    expect(bed.elements(inTime).withElementId('normal').intents()).to.include('ELEMENT_COMPLETED');
  });

  it('computes with durations as Camunda does: a duration times a number, a date plus a duration, a date minus a date (Zeebe: FEEL temporal expressions)', async () => {
    // when
    const key = await bed.start('feel-durations', { reminder: 'PT30M', received: '2031-06-01', answered: '2031-06-29' });
    await bed.waitForCompletion(key);
    // then
    expect(bed.variablesOf(key).computed).to.deep.equal({ reminderEvery: 'PT1H', due: '2031-06-15', waited: 'P28D', shareOfTerm: 2 });
  });

  it('turns a FEEL evaluation failure into an incident on the element, and the engine keeps serving (Zeebe: incidents, FEEL assert)', async () => {
    // when
    const key = await bed.start('feel-broken', { amount: -5 });
    const incident = await bed.waitForIncident(key);
    // then
    expect(incident.value).to.include({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'compute' });
    expect(String(incident.value.errorMessage)).to.contain('amount > 0');
    const next = await bed.start('feel-extensions', { applicant: 'x', departments: [] });
    await bed.waitForCompletion(next);
  });
});
