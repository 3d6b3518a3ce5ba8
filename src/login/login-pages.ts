// The pages the browser shows after the redirect back to localhost. Self-contained: no
// scripts, no outside resources, so nothing can read the callback URL's code.

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function page(title: string, message: string, ok: boolean): string {
  const accent = ok ? '#10a37f' : '#d9534f';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f7f7f8;color:#202123;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:2.5rem 3rem;max-width:32rem;text-align:center}
h1{font-size:1.4rem;margin:.5rem 0 1rem;color:${accent}}
.mark{font-size:2.5rem;color:${accent}}
p{margin:.5rem 0;color:#444}
</style></head>
<body><main><div class="mark">${ok ? '&#10003;' : '&#10007;'}</div><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>
`;
}

export function successPage(email?: string): string {
  return page(
    'Signed in to Codex',
    `${email ? `You are signed in as ${email}. ` : ''}You can close this tab and return to your terminal or app.`,
    true,
  );
}

export function errorPage(title: string, message: string): string {
  return page(title, message, false);
}
