// Lives in the widget's shadow root, so the host page's CSS cannot select it; `:host{all:initial}` stops
// inherited host styles (fonts, line heights, colours) leaking in.
export const css = `:host{all:initial}
.btn{position:fixed;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;max-width:calc(100vw - 40px);margin:0;padding:12px 18px;border:0;border-radius:999px;font:600 15px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;letter-spacing:normal;text-transform:none;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.btn[hidden],.badge[hidden]{display:none}
.btn:focus-visible{outline:3px solid #111;outline-offset:3px}
.btn svg{width:20px;height:20px;flex:none;fill:currentColor}
.r{right:20px}.l{left:20px}
.badge{position:absolute;top:-6px;right:-6px;min-width:20px;height:20px;padding:0 6px;box-sizing:border-box;border-radius:10px;background:#c92a2a;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center}
.wig{animation:pw 1.2s ease-in-out 1.5s 3}
@keyframes pw{0%,100%{transform:rotate(0)}20%{transform:rotate(-5deg)}40%{transform:rotate(4deg)}60%{transform:rotate(-3deg)}80%{transform:rotate(2deg)}}
.frame{position:fixed;bottom:20px;z-index:2147483000;width:370px;height:560px;max-width:calc(100vw - 40px);max-height:calc(100vh - 40px);margin:0;padding:0;border:0;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);background:#fff;visibility:hidden;opacity:0;transition:opacity .15s}
.frame.open{visibility:visible;opacity:1}
@media (max-width:479px){.frame{top:0;left:0;right:0;bottom:0;width:100%;height:100%;max-width:none;max-height:none;border-radius:0}}
@media (prefers-reduced-motion:reduce){.wig{animation:none}.frame{transition:none}}`;
