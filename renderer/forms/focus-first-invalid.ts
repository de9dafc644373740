/** Scrolls the first invalid control of a form into view and focuses it, so a failed save is never silent. */
export function focusFirstInvalid(form: HTMLElement | null): void {
  const first = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!first) return;
  first.scrollIntoView?.({ block: 'center' });
  first.focus();
}
