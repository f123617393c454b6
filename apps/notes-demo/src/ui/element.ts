/** Attributes and event handlers of an element built by {@link el}. */
export type ElementProps = Readonly<Record<string, string | boolean | undefined | ((event: Event) => void)>>;

/**
 * Builds an element. Text children become text nodes, never HTML, so notes cannot inject markup;
 * `on…` props are listeners, `true` sets a boolean attribute, `false`/undefined leaves it out.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: (Node | string | null)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const child of children) if (child !== null) element.append(child);
  return element;
}
