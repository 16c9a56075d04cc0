import { WIDGET_GLOBAL } from '@parley/protocol';

/**
 * The HTML a customer pastes into every page (AUTH-6). It defines a queueing stub so calls made before the
 * loader arrives are kept, and loads the loader asynchronously so it never blocks the page.
 */
export function embedSnippet(baseUrl: string, websiteId: string): string {
  const src = `${baseUrl}/widget/loader.js?site=${encodeURIComponent(websiteId)}`;
  const g = WIDGET_GLOBAL;
  return [
    `<!-- Parley live chat -->`,
    `<script>`,
    `  (function (w, d, u) {`,
    `    w.${g} = w.${g} || function () { (w.${g}.q = w.${g}.q || []).push(arguments); };`,
    `    var s = d.createElement('script'); s.async = true; s.src = u;`,
    `    (d.head || d.documentElement).appendChild(s);`,
    `  })(window, document, ${JSON.stringify(src)});`,
    `</script>`,
  ].join('\n');
}
