/**
 * yup's validation errors in Chinese, for the Chinese half of an incident message: each problem names the
 * field by the label staff know from the forms (「身份证号码」) — or by its variable name where no form names it.
 * The English half keeps yup's own text, which is what a developer searches for.
 */
import type { ValidationError } from 'yup';
import type { LabelOf } from './field-labels';

const CJK = /[\u3400-\u9fff]/;

/** What a value of yup's cast type is called in Chinese. */
const TYPE_NAMES: Record<string, string> = {
  number: '数字',
  string: '文字',
  boolean: '是或否',
  date: '日期',
  object: '一组字段（对象）',
  array: '列表',
  tuple: '列表',
};

/** `investors[1].name` → 「投资人 · 第 2 项 · 姓名」, each step by its form label where one is known. */
export function fieldName(variablePath: string | undefined, labelOf: LabelOf): string {
  if (!variablePath) return '数据';
  const parts: string[] = [];
  let key = '';
  for (const segment of variablePath.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(segment);
    const name = match ? match[1] : segment;
    if (name) {
      key = key ? `${key}.${name}` : name;
      parts.push(labelOf(key) ?? name);
    }
    for (const index of (match?.[2] ?? '').matchAll(/\[(\d+)\]/g)) parts.push(`第 ${Number(index[1]) + 1} 项`);
  }
  return `「${parts.join(' · ')}」`;
}

/** The Chinese a worker wrote into its own message: the bracketed part of "… (差评须写明理由)", or all of it. */
function chineseOf(message: string): string | undefined {
  if (!CJK.test(message)) return undefined;
  const bracketed = /[（(]([^（）()]*[\u3400-\u9fff][^（）()]*)[）)]\s*$/.exec(message);
  return bracketed ? bracketed[1].trim() : message.trim();
}

function quantity(value: unknown, count: unknown): string {
  if (typeof value === 'string') return `${String(count)} 个字符`;
  if (Array.isArray(value)) return `${String(count)} 项`;
  return String(count);
}

/** One problem (one of yup's `inner` errors) in Chinese. */
export function describeProblemInChinese(problem: ValidationError, labelOf: LabelOf): string {
  const params = (problem.params ?? {}) as Record<string, unknown>;
  const label = typeof params.label === 'string' && params.label ? `「${params.label}」` : fieldName(problem.path, labelOf);
  const own = chineseOf(problem.message);
  // "须为 ISO-8601 时间" says something of the field, so the field is named first; a whole sentence stands alone.
  if (own) return /^[须应不只]/.test(own) ? `${label}${own}` : own;
  const value = params.value;
  switch (problem.type) {
    case 'optionality':
    case 'required':
    case 'defined':
      return `缺少${label}`;
    case 'nullable':
      return `${label}不能为空`;
    case 'typeError':
      return `${label}应为${TYPE_NAMES[String(params.type)] ?? String(params.type)}`;
    case 'oneOf':
      return `${label}须为以下之一：${(Array.isArray(params.resolved) ? params.resolved : []).map(String).join('、')}`;
    case 'notOneOf':
      return `${label}不能为：${(Array.isArray(params.resolved) ? params.resolved : []).map(String).join('、')}`;
    case 'min':
      return typeof value === 'number' ? `${label}不得小于 ${String(params.min)}` : `${label}至少须有 ${quantity(value, params.min)}`;
    case 'max':
      return typeof value === 'number' ? `${label}不得大于 ${String(params.max)}` : `${label}至多 ${quantity(value, params.max)}`;
    case 'length':
      return `${label}须为 ${quantity(value, params.length)}`;
    case 'lessThan':
      return `${label}须小于 ${String(params.less)}`;
    case 'moreThan':
      return `${label}须大于 ${String(params.more)}`;
    case 'integer':
      return `${label}须为整数`;
    case 'matches':
      return `${label}格式不对`;
    case 'email':
      return `${label}须为电子邮箱地址`;
    case 'url':
      return `${label}须为网址`;
    case 'uuid':
      return `${label}须为 UUID`;
    case 'noUnknown':
      return `${label}含有未知字段`;
    default:
      return `${label}不符合规则「${problem.type ?? '?'}」`;
  }
}

/** Every problem of a validation error in Chinese, joined with "；" (duplicates once). */
export function describeValidationInChinese(error: ValidationError, labelOf: LabelOf): string {
  const problems = error.inner.length > 0 ? error.inner : [error];
  return [...new Set(problems.map((problem) => describeProblemInChinese(problem, labelOf)))].join('；');
}
