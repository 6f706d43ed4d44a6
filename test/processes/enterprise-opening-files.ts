/** What a whole run of enterprise opening deploys: the model, its decision tables and the forms of its user tasks. */
export const ENTERPRISE_OPENING_FILES = [
  'bpmn/enterprise-opening.bpmn',
  'bpmn/enterprise-opening-time-limits.dmn',
  'bpmn/enterprise-smart-approval-rules.dmn',
  'forms/enterprise-application.form',
  'forms/enterprise-material-guidance.form',
  'forms/enterprise-registration-review.form',
  'forms/enterprise-window-pickup.form',
  'forms/refusal-approval.form',
  'forms/supervision.form',
];
