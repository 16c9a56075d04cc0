/** The page at /demo: a plain "customer website" with the Demo account's embed snippet (CON-1). */
export function demoPage(snippet: string, nonce: string, loginUrl: string): string {
  const withNonce = snippet.replace('<script>', `<script nonce="${nonce}">`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo shop — Parley</title>
<style nonce="${nonce}">
  body { font-family: system-ui, sans-serif; margin: 0; color: #1f2933; background: #f7f9fb; }
  header { background: #243b53; color: #fff; padding: 1.25rem 2rem; }
  main { max-width: 46rem; margin: 2rem auto; padding: 0 1.5rem 6rem; line-height: 1.6; }
  .card { background: #fff; border-radius: 8px; padding: 1.25rem 1.5rem; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin-bottom: 1rem; }
  a { color: #1864ab; }
</style>
</head>
<body>
<header><strong>Demo shop</strong> — a page with the Parley widget</header>
<main>
  <div class="card">
    <h1>Chat with yourself</h1>
    <p>This page embeds the chat widget of the <em>Demo</em> account, exactly as a customer's website would.
    Open the <a href="${loginUrl}" target="_blank" rel="noopener">agent console</a> in another window, sign in,
    then click the chat button at the bottom right of this page and send a message.</p>
  </div>
  <div class="card"><h2>Our products</h2><p>Everything a demo shop sells. Navigate to <a href="/demo?page=2">another page</a>: the conversation goes on.</p></div>
</main>
${withNonce}
</body>
</html>`;
}
