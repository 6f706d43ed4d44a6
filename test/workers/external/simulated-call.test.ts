import { expect } from 'chai';
import { RetryableFailure } from '../../../workers/define-worker';
import { chooseImplementation, simulateCall, simulatedNumber, simulationSettings } from '../../../workers/external/simulated-call';

const config = (env: Record<string, string>, random = () => 0.5) => ({ env, random });

describe('simulated external calls', () => {
  it('default to at most 50 ms and a 2 % failure rate', () => {
    expect(simulationSettings(config({}))).to.include({ maxDelayMs: 50, failureRate: 0.02 });
  });

  it('refuse settings out of range, naming the variable', () => {
    expect(() => simulationSettings(config({ ONEGO_SIM_DELAY_MS: '5000' }))).to.throw('Expected ONEGO_SIM_DELAY_MS to be a number from 0 to 200');
    expect(() => simulationSettings(config({ ONEGO_SIM_FAILURE_RATE: 'often' }))).to.throw("but it is 'often'");
  });

  it('fail transiently when the random draw falls under the failure rate', async () => {
    const settings = simulationSettings(config({ ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0.3' }, () => 0.1));
    try {
      await simulateCall(settings, 'tax system', 'registration');
      expect.fail('expected a transient failure');
    } catch (error) {
      expect(error).to.be.instanceOf(RetryableFailure);
      expect((error as Error).message).to.equal('对接系统未应答（模拟的临时故障），作业将自动重试 / tax system did not answer registration (simulated transient failure); the job will be retried');
    }
  });

  it('succeed when the draw is above the failure rate', async () => {
    await simulateCall(simulationSettings(config({ ONEGO_SIM_DELAY_MS: '0', ONEGO_SIM_FAILURE_RATE: '0.3' }, () => 0.9)), 'tax system', 'registration');
  });

  it('draw identifiers of the requested length from the random source', () => {
    expect(simulatedNumber(() => 0.75, 6)).to.equal('777777');
  });

  it('choose the implementation named by ONEGO_EXTERNAL_<SYSTEM>, simulated by default', () => {
    const implementations = { simulated: () => 'sim', city: () => 'city' };
    expect(chooseImplementation(config({}), 'TAX', implementations)).to.equal('sim');
    expect(chooseImplementation(config({ ONEGO_EXTERNAL_TAX: 'city' }), 'TAX', implementations)).to.equal('city');
    expect(() => chooseImplementation(config({ ONEGO_EXTERNAL_TAX: 'golden-tax' }), 'TAX', implementations)).to.throw(
      "Expected ONEGO_EXTERNAL_TAX to name one of simulated, city, but it is 'golden-tax'",
    );
  });
});
