import { expect } from 'chai';
import worker from '../../../workers/jobs/enterprise-seal-carving';
import { completed, enterpriseCase, runWorker } from './services-fixtures';

describe('enterprise-seal-carving', () => {
  it('orders the free set of four seals delivered to the pickup window', async () => {
    const { sealOrder } = completed(await runWorker(worker, enterpriseCase()));
    expect(sealOrder).to.deep.include({
      deliveredTo: 'pickup-window',
      seals: ['济南泉城软件有限公司公章', '济南泉城软件有限公司财务专用章', '济南泉城软件有限公司发票专用章', '法定代表人名章（张三）'],
    });
  });

  it('retries later when the carving institution does not answer', async () => {
    const outcome = await runWorker(worker, enterpriseCase(), { ONEGO_SIM_FAILURE_RATE: '1' });
    expect(outcome).to.include({ kind: 'fail', retries: 2 });
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.contain('seal-carving institution did not answer');
  });
});
