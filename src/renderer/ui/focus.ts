/** `{@attach focusOnShow}`: a field that appears because the user asked for it (Save, Rename, Replace) takes the focus. */
export function focusOnShow(el: Element): void {
  (el as HTMLElement).focus();
}
