/**
 * INV-7…INV-9 in the loader: which of the campaign's buttons this page shows. The config lists the enabled
 * buttons with their address rules already turned into the moment matcher's comparisons (protocol
 * button-pages.ts: one regular expression over the address each), so the choice here is a few tests: footer
 * buttons come first, in the order to try them, and the first meant for this page is the page's footer button;
 * a custom button is an element of the customer's page that names its button (`data-parley-button="<id>"`, from
 * "Generate code"), shown only when that button may show here.
 */
import type { LoaderButton, LoaderConfig } from '@parley/protocol';

/** Whether the button is meant for this page: it has no rules (all pages), or one of them matches. */
export const onPage = (b: LoaderButton): boolean =>
  !b.u || b.u.some((rule) => RegExp(rule).test(location.href.split('#')[0]!));

/**
 * The page's footer button, its side, text and colour put into `c` (the chat window and the greetings sit on
 * its side); undefined when no footer button is meant for this page.
 */
export function pickFooter(c: LoaderConfig): LoaderButton | undefined {
  const b = c.buttons.find((x) => x.f && onPage(x));
  if (b) Object.assign(c, b.o);
  return b;
}

/**
 * Shows the page's custom buttons whose button is enabled and meant for this page while `on` (the campaign's
 * availability, INV-1), a click on one opening the chat (`open`); hides the others. Elements added later are
 * seen on the next call (the loader calls it on every re-ask of its config).
 */
export function showCustom(c: LoaderConfig, on: boolean, open: (b: LoaderButton) => void): void {
  document.querySelectorAll<HTMLElement>('[data-parley-button]').forEach((el) => {
    const b = c.buttons.find((x) => !x.f && x.i == el.dataset.parleyButton && onPage(x));
    el.style.display = on && b ? '' : 'none';
    el.onclick = () => b && open(b);
  });
}
