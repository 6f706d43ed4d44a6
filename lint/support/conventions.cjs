// @ts-check
/**
 * The project conventions the rules check against, read from `conventions.json` (generated from the
 * worker registry, `forms/` and the department directory by `onego lint --refresh-conventions`).
 * A bundler inlines the JSON, so the Modeler plugin carries the same data.
 */
'use strict';

const conventions = require('../conventions.json');

const departmentIds = new Set(conventions.groups.departments.map((department) => department.id));
const groupIds = new Set([
  ...departmentIds,
  ...conventions.groups.departments.map((department) => department.id + conventions.groups.supervisorsSuffix),
  ...conventions.groups.roleGroups.map((group) => group.id),
]);

module.exports = {
  /** @type {Record<string, { description: string, inputs: { name: string, required: boolean }[] }>} */
  jobTypes: conventions.jobTypes,
  formIds: new Set(conventions.forms),
  departmentIds,
  /** Departments, their supervisors' groups and the role groups. */
  groupIds,
};
