/**
 * Zeebe's incident error types (Camunda's `IncidentErrorTypeEnum`) as people read them: a short name and a sentence
 * saying what went wrong and what to do, in Chinese and English. The engine's own message (English, naming the
 * element, variable or expression) is shown next to it, unchanged: it is what a developer searches for.
 */

/** Name and explanation of one error type, each as [Chinese, English]. */
export interface IncidentTypeText {
  name: [string, string];
  explanation: [string, string];
}

const TYPES: Record<string, IncidentTypeText> = {
  JOB_NO_RETRIES: {
    name: ['作业重试次数用尽', 'No retries left'],
    explanation: ['自动处理的步骤多次失败，已停止重试；排除原因（如对接系统故障）后点“重试”。', 'An automatic step failed until no retries were left; fix the cause (e.g. a connected system) and retry.'],
  },
  IO_MAPPING_ERROR: {
    name: ['变量映射错误', 'Variable mapping error'],
    explanation: ['步骤的输入或输出变量无法取值，多为缺少变量或表达式有误；补齐变量或修正模型后重试。', 'An input or output mapping could not be applied, usually a missing variable or a wrong expression.'],
  },
  EXTRACT_VALUE_ERROR: {
    name: ['表达式求值错误', 'Expression error'],
    explanation: ['模型中的表达式（如办理人、多实例集合、消息关联键）无法求值；检查相关变量。', 'An expression of the model (assignee, collection, correlation key …) could not be evaluated.'],
  },
  CONDITION_ERROR: {
    name: ['条件表达式错误', 'Condition error'],
    explanation: ['分支条件无法求值，或没有一个条件成立且没有默认分支；检查决定走向的变量。', 'A gateway condition could not be evaluated, or none was true and there is no default flow.'],
  },
  CALLED_ELEMENT_ERROR: {
    name: ['调用的流程不存在', 'Called process missing'],
    explanation: ['调用活动要启动的子流程未部署；部署该流程后重试。', 'The process a call activity starts is not deployed; deploy it and retry.'],
  },
  UNHANDLED_ERROR_EVENT: {
    name: ['未捕获的错误事件', 'Unhandled error'],
    explanation: ['步骤抛出了业务错误，但模型中没有对应的边界事件接住它。', 'A step threw a business error that no boundary or event subprocess catches.'],
  },
  MESSAGE_SIZE_EXCEEDED: {
    name: ['数据过大', 'Too much data'],
    explanation: ['变量或作业数据超过引擎允许的大小；减少随案件传递的数据。', 'Variables or job data exceed the size the engine allows.'],
  },
  CALLED_DECISION_ERROR: {
    name: ['调用的决策不存在', 'Called decision missing'],
    explanation: ['业务规则任务要调用的决策表未部署；部署后重试。', 'The decision a business rule task calls is not deployed; deploy it and retry.'],
  },
  DECISION_EVALUATION_ERROR: {
    name: ['决策求值错误', 'Decision failed'],
    explanation: ['决策表求值失败（如输入缺失或没有命中规则）；检查输入变量或决策表。', 'The decision could not be evaluated (missing input, no rule matched …).'],
  },
  FORM_NOT_FOUND: {
    name: ['表单不存在', 'Form missing'],
    explanation: ['人工任务引用的表单未部署；部署表单后重试。', 'The form a user task refers to is not deployed; deploy it and retry.'],
  },
  RESOURCE_NOT_FOUND: {
    name: ['资源不存在', 'Resource missing'],
    explanation: ['步骤引用的资源（如 RPA 脚本）未部署。', 'A resource the step refers to is not deployed.'],
  },
  EXECUTION_LISTENER_NO_RETRIES: {
    name: ['执行监听器重试用尽', 'Execution listener: no retries'],
    explanation: ['步骤开始或结束时的监听作业多次失败，已停止重试；排除原因后重试。', 'An execution listener job failed until no retries were left.'],
  },
  TASK_LISTENER_NO_RETRIES: {
    name: ['任务监听器重试用尽', 'Task listener: no retries'],
    explanation: ['人工任务的监听作业多次失败，已停止重试；排除原因后重试。', 'A task listener job failed until no retries were left.'],
  },
  AD_HOC_SUB_PROCESS_NO_RETRIES: {
    name: ['灵活子流程作业重试用尽', 'Ad-hoc subprocess: no retries'],
    explanation: ['灵活子流程选择下一步的作业多次失败，已停止重试。', 'The job choosing an ad-hoc subprocess’s next steps failed until no retries were left.'],
  },
  UNKNOWN: {
    name: ['未知故障', 'Unknown'],
    explanation: ['引擎未说明故障类型；请看下方的引擎原文。', 'The engine gave no type; see its message below.'],
  },
};

/** The readable name and explanation of `errorType`; an unknown type keeps its code as its name. */
export function incidentTypeText(errorType: string): IncidentTypeText {
  return TYPES[errorType] ?? { name: [errorType, errorType], explanation: ['引擎报告了一个新的故障类型；请看下方的引擎原文。', 'The engine reported a type this app does not know; see its message below.'] };
}
