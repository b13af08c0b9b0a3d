/** After React has marked the controls, move focus (and the screen) to the first one to fix. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    const control = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    control?.focus();
  });
}
