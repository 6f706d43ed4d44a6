/**
 * Ant Design's date range picker that a keyboard can leave: with its popup open, Tab in the start date stays
 * in the picker (rc-picker takes the focus back), a trap for keyboard and screen-reader users. Here Tab and
 * Shift+Tab leave the picker for the page's next (or previous) control, and the popup closes as the focus
 * leaves; within the picker, Enter after a typed start date moves on to the end date.
 */
import type { KeyboardEvent } from 'react';
import { DatePicker } from 'antd';
import type { RangePickerProps } from 'antd/es/date-picker';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** `DatePicker.RangePicker` with ordinary Tab order; takes the same props. */
export function DateRangePicker(props: RangePickerProps) {
  const ownTab = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    // Stopped before it reaches the picker's inputs, and the focus moved as the browser would without them.
    event.stopPropagation();
    // The picker's other input is left out: rc-picker takes the focus back from the end date while the start is empty.
    const own = event.currentTarget;
    const controls = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => (element === event.target || !own.contains(element)) && !element.closest('.ant-picker-dropdown') && element.getClientRects().length > 0);
    const next = controls[controls.indexOf(event.target as HTMLElement) + (event.shiftKey ? -1 : 1)];
    if (!next) return;
    event.preventDefault();
    next.focus();
  };
  return (
    <span style={{ display: 'contents' }} onKeyDownCapture={ownTab}>
      <DatePicker.RangePicker {...props} />
    </span>
  );
}
