/**
 * Chinese texts for form-js (Camunda forms): its `translate` service gets the English template and its
 * replacements; the date picker (flatpickr) gets its Mandarin locale. Templates not listed stay English.
 */
import flatpickr from 'flatpickr';
import { Mandarin } from 'flatpickr/dist/l10n/zh';

const ZH: Record<string, string> = {
  'Add new': '新增',
  'All values selected': '已全选',
  'Click to remove sorting': '点击取消排序',
  'Click to sort by {value} ascending': '点击按{value}升序排列',
  'Click to sort by {value} descending': '点击按{value}降序排列',
  Collapse: '收起',
  'Date and time must both be entered.': '日期和时间都须填写。',
  Decrement: '减少',
  'Document reference is not defined.': '未指定文件引用。',
  'Download {fileName}': '下载 {fileName}',
  'Expand all ({value})': '全部展开（{value}）',
  'Field is required.': '此项为必填项。',
  'Field must be a valid email.': '请输入有效的电子邮箱。',
  'Field must be a valid international phone number. (e.g. +4930664040900)': '请输入有效的国际电话号码（例如 +8653112345678）。',
  'Field must have maximum length of {value}.': '最多 {value} 个字符。',
  'Field must have maximum value of {value}.': '不能大于 {value}。',
  'Field must have minimum length of {value}.': '至少 {value} 个字符。',
  'Field must have minimum value of {value}.': '不能小于 {value}。',
  'Field must match pattern {value}.': '格式不正确（应符合 {value}）。',
  Increment: '增加',
  'Max validation value is not a valid number.': '最大值设置不是有效数字。',
  'Min validation value is not a valid number.': '最小值设置不是有效数字。',
  'Next page': '下一页',
  'No content to show.': '没有可显示的内容。',
  'No files selected': '未选择文件',
  'No results': '无匹配结果',
  'Nothing to show.': '没有可显示的内容。',
  'Please select a valid value, the two nearest valid values are {previousValue} and {nextValue}.': '请选择有效值，最接近的两个有效值是 {previousValue} 和 {nextValue}。',
  'Previous page': '上一页',
  'Remove tag': '移除',
  Search: '搜索',
  'Skip to search': '跳到搜索',
  'Unable to download document': '无法下载文件',
  'Value is expected to be an integer.': '请输入整数。',
  'Value is expected to have at most 1 decimal digit.': '最多 1 位小数。',
  'Value is expected to have at most {value} decimal digits.': '最多 {value} 位小数。',
  'Value is not a number.': '请输入数字。',
  '{page} of {total}': '第 {page} 页，共 {total} 页',
  '{value} files selected': '已选择 {value} 个文件',
  "External content couldn't be loaded.": '外部内容无法加载。',
};

/** form-js's translate: the Chinese template (or the English one) with `{name}` replaced. */
export function translateZh(template: string, replacements: Record<string, string | number> = {}): string {
  return (ZH[template] ?? template).replace(/{([^}]+)}/g, (whole, key: string) => (replacements[key] !== undefined ? String(replacements[key]) : whole));
}

/** The form-js module replacing its translate service. */
export const chineseFormModule = { translate: ['value', translateZh] };

/** Chinese (or English) month and weekday names in form-js's date picker (flatpickr's locale is global). */
export function localizeDatePicker(language: 'zh' | 'en'): void {
  flatpickr.localize(language === 'zh' ? Mandarin : flatpickr.l10ns.default);
}

/** Texts form-js writes without translate (the select's placeholder), replaced in the rendered form. */
export const UNTRANSLATED: Record<string, string> = { Select: '请选择' };
