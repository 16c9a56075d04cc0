// The Yes/No greeting (INV-3) above the chat button, in the loader's shadow root.
export const greetCss = `.greet{position:fixed;bottom:80px;z-index:2147483000;box-sizing:border-box;width:300px;max-width:calc(100vw - 40px);padding:16px;border-radius:12px;background:#fff;color:#1a1a1a;box-shadow:0 8px 30px rgba(0,0,0,.3);font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.greet p{margin:0 0 8px}
.greet .gt{font-weight:700;font-size:15px}
.ga{display:flex;gap:8px;margin-top:12px}
.ga button{flex:1;padding:8px 12px;border-radius:8px;font:600 14px/1.2 system-ui,sans-serif;cursor:pointer}
.gy{border:0;background:#1c5fb8;color:#fff}
.gy{border:0}
.gn{border:1px solid #555;background:#fff;color:#1a1a1a}
.ga button:focus-visible{outline:3px solid #111;outline-offset:2px}
.gl{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}`;
