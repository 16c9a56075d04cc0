/**
 * INV-7…INV-9 in the loader: which of the campaign's buttons this page shows. The config lists the enabled
 * buttons with their address rules already turned into the moment matcher's comparisons (protocol
 * button-pages.ts: which part of the address, and a regular expression), so the choice here is a few tests: footer buttons come first, in the order to try them, and the first meant for
 * this page is the page's footer button; a custom button is an element of the customer's page that names its
 * button (`data-parley-button="<id>"`, from "Generate code"), shown only when that button may show here.
 */
import type { LoaderButton, LoaderConfig } from '@parley/protocol';

/** The parts of the page's address the rules compare (`location`, or a `URL` in tests). */
export type Where = Pick<Location, 'protocol' | 'host' | 'pathname' | 'search'>;

const ATTR = 'data-parley-button';
const SELECTOR = '[data-parley-button]';

/** Whether the button is meant for the page at `l`: it has no rules (all pages), or one of them matches. */
export function onPage(b: LoaderButton, l: Where): boolean {
  const p = l.pathname;
  const q = l.search;
  const h = l.host + p;
  const f = l.protocol + '//' + h;
  // The six forms of PageRule: path+query, path, address, address without query, without scheme (± query).
  const forms = [p + q, p, f + q, f, h + q, h];
  return !b.u || b.u.some(([form, regex]) => RegExp(regex).test(forms[form]!));
}

/**
 * The page's footer button, with its side, text and colour put into `c` (the chat window and the greetings
 * sit on its side); undefined when no footer button is meant for this page.
 */
export function pickFooter(c: LoaderConfig, l: Where): LoaderButton | undefined {
  const b = c.buttons.find((x) => x.f && onPage(x, l));
  if (b) {
    if (b.l) c.button.position = 'left';
    if (b.t) c.button.text = b.t;
    if (b.c) c.color = b.c;
  }
  return b;
}

/** The custom button whose element `el` is in (a click's target), when it is enabled and meant for this page. */
export function customOf(c: LoaderConfig, el: EventTarget | null, l: Where): LoaderButton | undefined {
  const own = (el as Element).closest(SELECTOR);
  const id = own && own.getAttribute(ATTR);
  return c.buttons.find((x) => !x.f && x.i == id && onPage(x, l));
}

/** Shows the page's custom buttons when they may show (`on`: the campaign's availability, INV-1). */
export function showCustom(c: LoaderConfig, on: boolean, l: Where): void {
  document.querySelectorAll<HTMLElement>(SELECTOR).forEach((el) => {
    el.style.display = on && customOf(c, el, l) ? '' : 'none';
  });
}
