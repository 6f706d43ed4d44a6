/** BPMN snippets for ad-hoc subprocess conformance tests (Camunda 8.8 `bpmn:adHocSubProcess` + `zeebe:adHoc`). */

export interface AdHocOptions {
  activeElementsCollection?: string;
  completionCondition?: string;
  cancelRemainingInstances?: boolean;
  outputCollection?: string;
  outputElement?: string;
  /** A job worker implements it (`zeebe:taskDefinition type`). */
  jobType?: string;
  /** Multi-instance loop characteristics (e.g. `bpmn.multiInstance({...})`). */
  loop?: string;
}

const attr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** An ad-hoc subprocess holding `parts`. */
export function adHocSubProcess(id: string, parts: string[], options: AdHocOptions = {}): string {
  const adHocAttrs = [
    options.activeElementsCollection ? `activeElementsCollection="${attr(options.activeElementsCollection)}"` : '',
    options.outputCollection ? `outputCollection="${attr(options.outputCollection)}"` : '',
    options.outputElement ? `outputElement="${attr(options.outputElement)}"` : '',
  ].filter(Boolean);
  const extensions = [
    adHocAttrs.length ? `<zeebe:adHoc ${adHocAttrs.join(' ')}/>` : '',
    options.jobType ? `<zeebe:taskDefinition type="${attr(options.jobType)}"/>` : '',
  ].join('');
  const cancel = options.cancelRemainingInstances === undefined ? '' : ` cancelRemainingInstances="${options.cancelRemainingInstances}"`;
  const condition = options.completionCondition
    ? `<bpmn:completionCondition>${attr(options.completionCondition)}</bpmn:completionCondition>`
    : '';
  return `<bpmn:adHocSubProcess id="${id}"${cancel}>${extensions ? `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>` : ''}${options.loop ?? ''}\n${parts.join('\n')}\n${condition}</bpmn:adHocSubProcess>`;
}
