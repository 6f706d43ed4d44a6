/**
 * 帮办代办 (agent filing) at the window, for every application form that allows it ([000] enterprise opening's
 * 帮办代办; [002] agent help at the halls): an agent files on someone's behalf with a power of attorney. The case
 * records both the agent and the principal (`filing`); results, notices and the 好差评 still go to the principal.
 */
import { boolean, object, string } from 'yup';

const ID_NUMBER = /^[0-9]{17}[0-9Xx]$/;

/** The agent as the application forms collect it (group `agent`). */
export const agentSchema = object({
  name: string().trim().required(),
  idNumber: string().matches(ID_NUMBER, 'agent.idNumber must be an 18-character resident ID number (代办人身份证号码须为18位)').required(),
  phone: string().trim().nullable().optional(),
  powerOfAttorneyNumber: string().trim().nullable().optional(),
  organisation: string().trim().nullable().optional(),
});

/** The input fields `agentFiling` and `agent` a register worker adds to its schema. */
export const agentFilingFields = {
  agentFiling: boolean().nullable().default(false),
  agent: agentSchema
    .nullable()
    .default(null)
    .when('agentFiling', {
      is: true,
      then: (schema) =>
        schema
          .required('agent is required for an agent filing (帮办代办：须填写代办人)')
          .test('power-of-attorney', 'agent.powerOfAttorneyNumber is required for an agent filing (帮办代办：须有授权委托书编号)', (agent) => Boolean(agent?.powerOfAttorneyNumber)),
    }),
};

/** What the case records about who filed it. */
export const filingSchema = object({
  filedBy: string().oneOf(['applicant', 'agent']).required(),
  principal: object({ name: string().required(), idNumber: string().required() }).required(),
  agent: object({ name: string().required(), idNumber: string().required(), powerOfAttorneyNumber: string().nullable(), organisation: string().nullable() }).nullable().default(null),
});

/** The recorded filing. */
export interface Filing {
  filedBy: 'applicant' | 'agent';
  principal: { name: string; idNumber: string };
  agent: { name: string; idNumber: string; powerOfAttorneyNumber: string | null; organisation: string | null } | null;
}

type Agent = { name: string; idNumber: string; powerOfAttorneyNumber?: string | null; organisation?: string | null } | null | undefined;

/**
 * The filing of an application by `principal`, through `agent` when `agentFiling` is set. Throws (a clear
 * Chinese and English message, no retry) when the agent is the principal himself.
 */
export function recordFiling(principal: { name: string; idNumber: string }, agentFiling: boolean | null | undefined, agent: Agent): Filing {
  const acting = agentFiling === true ? agent : null;
  if (!acting) return { filedBy: 'applicant', agent: null, principal: { name: principal.name, idNumber: principal.idNumber } };
  if (acting.idNumber.toUpperCase() === principal.idNumber.toUpperCase()) {
    throw new Error('agent and applicant are the same person: an agent filing needs someone acting for the applicant (帮办代办：代办人不能是申请人本人)');
  }
  return {
    filedBy: 'agent',
    agent: { name: acting.name, idNumber: acting.idNumber, powerOfAttorneyNumber: acting.powerOfAttorneyNumber ?? null, organisation: acting.organisation ?? null },
    principal: { name: principal.name, idNumber: principal.idNumber },
  };
}
