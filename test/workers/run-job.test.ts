import { expect } from 'chai';
import { number, object, string } from 'yup';
import { bpmnError, defineWorker, RetryableFailure, type JobContext } from '../../workers/define-worker';
import { runJob } from '../../workers/run-job';

const context = (retries = 3): JobContext => ({
  job: { key: '1', type: 'add', processInstanceKey: '2', bpmnProcessId: 'p', elementId: 'e', retries, customHeaders: {} },
  config: { env: {}, random: () => 0.5 },
  log: { info() {}, warn() {} },
});

const adder = defineWorker({
  type: 'add',
  description: 'adds two numbers',
  input: object({ a: number().required(), b: number().required() }),
  output: object({ sum: number().required() }),
  async handle({ a, b }) {
    if (a < 0) return bpmnError('NEGATIVE', 'a is negative');
    if (a === 13) throw new RetryableFailure('unlucky', 500);
    if (a === 99) return { sum: 'lots' as unknown as number };
    return { sum: a + b };
  },
});

describe('runJob', () => {
  it('completes the job with the validated output', async () => {
    expect(await runJob(adder, { a: 1, b: 2, unrelated: true }, context())).to.deep.equal({ kind: 'complete', variables: { sum: 3 } });
  });

  it('fails without retries and names every bad variable when the input is invalid', async () => {
    const outcome = await runJob(adder, { a: 'x' }, context());
    expect(outcome.kind).to.equal('fail');
    if (outcome.kind !== 'fail') return;
    expect(outcome.retries).to.equal(0);
    expect(outcome.errorMessage).to.match(/ \/ Expected the variables of job type 'add' to be valid, but .*a must be a `number`.*b is a required field/);
  });

  it('writes the incident message Chinese first, then English, naming each problem in Chinese', async () => {
    const outcome = await runJob(adder, { a: 'x' }, context());
    if (outcome.kind !== 'fail') throw new Error(`expected a failure, got ${outcome.kind}`);
    const [chinese, english] = outcome.errorMessage.split(' / ');
    expect(chinese).to.equal('自动步骤（作业类型 add）收到的数据不合格：「a」应为数字；缺少「b」');
    expect(english).to.match(/^Expected the variables of job type 'add' to be valid/);
  });

  it('names the fields of bad input by the labels of the job\'s own service forms', async () => {
    // given a worker of the enterprise service whose input the enterprise application form labels
    const worker = defineWorker({
      type: 'enterprise-check',
      description: 'reads the applicant',
      input: object({ entityType: string().oneOf(['llc', 'sole']).required(), applicant: object({ idNumber: string().required() }).required() }),
      output: object({}),
      async handle() {
        return {};
      },
    });
    // when the variables are wrong
    const outcome = await runJob(worker, { entityType: 'bank', applicant: {} }, context());
    // then the Chinese half uses the form labels (申请人 · 身份证号码), not the variable names
    if (outcome.kind !== 'fail') throw new Error(`expected a failure, got ${outcome.kind}`);
    expect(outcome.errorMessage).to.match(/^自动步骤（作业类型 enterprise-check）收到的数据不合格：「市场主体类型」须为以下之一：llc、sole；缺少「[^」]+ · 身份证号码」 \/ Expected/);
  });

  it('puts a Chinese line before a handler\'s English-only failure, saying a transient one is retried', async () => {
    const outcome = await runJob(adder, { a: 13, b: 0 }, context(3));
    expect(outcome).to.deep.equal({
      kind: 'fail',
      errorMessage: '自动步骤（作业类型 add）暂时无法完成，多为对接系统未应答，将自动重试 / unlucky',
      retries: 2,
      retryBackOffMs: 500,
    });
  });

  it('throws a BPMN error when the handler returns one', async () => {
    expect(await runJob(adder, { a: -1, b: 0 }, context())).to.deep.equal({
      kind: 'error',
      errorCode: 'NEGATIVE',
      errorMessage: 'a is negative',
      variables: {},
    });
  });

  it('fails with one retry fewer and the back-off of a transient failure', async () => {
    expect(await runJob(adder, { a: 13, b: 0 }, context(3))).to.include({ kind: 'fail', retries: 2, retryBackOffMs: 500 });
  });

  it('fails without retries when the handler produces invalid output', async () => {
    const outcome = await runJob(adder, { a: 99, b: 0 }, context());
    expect(outcome).to.include({ kind: 'fail', retries: 0 });
    expect(outcome.kind === 'fail' && outcome.errorMessage).to.match(/^自动步骤（作业类型 add）产生的结果不合格：「sum」应为数字 \/ Expected worker 'add' to produce valid output/);
  });
});

describe('runJob with errors from another copy of define-worker', () => {
  it('recognises a BPMN error and a retryable failure by their brand, not their class identity', async () => {
    // given errors shaped like the ones a second evaluation of define-worker.ts would construct
    const foreignError = { kind: 'bpmn-error', errorCode: 'OTHER', errorMessage: 'from another copy', variables: { x: 1 } };
    const foreignFailure = Object.assign(new Error('down'), { name: 'RetryableFailure', retryBackOffMs: 250 });
    const worker = defineWorker({
      type: 'foreign',
      description: 'returns foreign errors',
      input: object({ fail: number().required() }),
      output: object({}),
      async handle({ fail }) {
        if (fail) throw foreignFailure;
        return foreignError as never;
      },
    });
    // then each is answered as its kind
    expect(await runJob(worker, { fail: 0 }, context())).to.deep.equal({
      kind: 'error',
      errorCode: 'OTHER',
      errorMessage: 'from another copy',
      variables: { x: 1 },
    });
    expect(await runJob(worker, { fail: 1 }, context(2))).to.deep.include({ kind: 'fail', retries: 1, retryBackOffMs: 250 });
  });
});
