import { parseDecisionRequirements, type ParsedDecisionRequirements } from '../dmn';
import { compileProcesses, parseBpmn, type ExecutableProcess } from '../model';

/** One resource of a deployment as text, named as deployed (`.bpmn`, `.xml`, `.dmn`, `.form`). */
export interface ResourceText {
  name: string;
  text: string;
}

/** A BPMN resource compiled into its executable processes, or why it cannot be deployed. */
export type CompiledBpmn = { ok: true; value: ExecutableProcess[] } | { ok: false; failure: string };

/** A DMN resource parsed into its decision requirements graph, or why it cannot be deployed. */
export type ParsedDmn = { ok: true; value: ParsedDecisionRequirements } | { ok: false; failure: string };

/** What checking a deployment's models found, per resource name. Plain data: it crosses threads by structured clone. */
export interface CheckedDeployment {
  bpmn: [name: string, result: CompiledBpmn][];
  dmn: [name: string, result: ParsedDmn][];
}

/**
 * Parse and validate a deployment's BPMN and DMN: the same calls the deployment always made (parseBpmn, then
 * compileProcesses, which holds every validation rule; parseDecisionRequirements), only gathered here so they
 * can run on a worker thread (see {@link IsolationPool}). Forms and other files are left to the deployment
 * command, which checks them cheaply.
 */
export async function checkDeployment(resources: readonly ResourceText[]): Promise<CheckedDeployment> {
  const checked: CheckedDeployment = { bpmn: [], dmn: [] };
  for (const { name, text } of resources) {
    if (/\.(bpmn|xml)$/i.test(name)) {
      const parsed = await parseBpmn(text);
      checked.bpmn.push([name, parsed.ok ? compileProcesses(parsed.value, name) : { ok: false, failure: `'${name}': ${parsed.failure}` }]);
    } else if (/\.dmn$/i.test(name)) {
      checked.dmn.push([name, parseDecisionRequirements(text)]);
    }
  }
  return checked;
}
