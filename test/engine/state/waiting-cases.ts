import { TestEngine, bpmn } from '../../support';

const { process, start, end, userTask, chain, boundary, timerDuration } = bpmn;

/** Deploys `u` and starts `count` instances waiting at a user task with a one-hour timer on it, as a long-running engine holds them. */
export async function startWaitingCases(engine: TestEngine, count: number): Promise<void> {
  await engine
    .deployment()
    .withXml(process('u', start('s'), userTask('look'), end('e'), boundary('late', 'look', timerDuration('PT1H')), end('gone'), chain('s', 'look', 'e'), chain('late', 'gone')))
    .deploy();
  for (let i = 0; i < count; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, count - i) }, (_, j) => engine.processInstance().ofBpmnProcessId('u').withVariables({ n: i + j }).create()));
  }
  await engine.engine.whenIdle();
}
