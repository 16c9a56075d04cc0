import { useEffect } from 'react';
import { useProductName } from '../api/config';

/** The tab's title for this page: "<page> · <product>" (WCAG 2.4.2). */
export function usePageTitle(title: string | null | undefined): void {
  const product = useProductName();
  useEffect(() => {
    if (!title) return;
    // The console puts its unread count in front: keep it.
    const unread = /^\(\d+\) /.exec(document.title)?.[0] ?? '';
    document.title = `${unread}${title} · ${product}`;
  }, [title, product]);
}

/**
 * After a navigation, focus goes to the new page's main heading, so a screen reader starts there and the next Tab
 * is the page's first control. Waits for the heading while the page loads (up to two seconds).
 */
export function focusPageHeading(root: HTMLElement | null): () => void {
  if (!root) return () => undefined;
  const tryFocus = () => {
    const h1 = root.querySelector<HTMLElement>('h1');
    if (!h1) return false;
    if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
    h1.focus({ preventScroll: false });
    return true;
  };
  if (tryFocus()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (tryFocus()) observer.disconnect();
  });
  observer.observe(root, { childList: true, subtree: true });
  const stop = window.setTimeout(() => observer.disconnect(), 2000);
  return () => {
    observer.disconnect();
    window.clearTimeout(stop);
  };
}
