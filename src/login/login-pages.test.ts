import { describe, expect, it } from 'vitest';
import { errorPage, successPage } from './login-pages';

const body = (html: string) => html.slice(html.indexOf('<body>'));

describe('login pages', () => {
  it('the success page names the account when it is known, and says what to do next', () => {
    const page = successPage('ada@example.com');
    expect(page).toContain('<title>Signed in to Codex</title>');
    expect(body(page)).toContain('You are signed in as ada@example.com. You can close this tab');
    expect(body(page)).toContain('&#10003;');
    expect(page).toContain('color:#10a37f');

    const anonymous = successPage();
    expect(body(anonymous)).toContain(
      '<p>You can close this tab and return to your terminal or app.</p>',
    );
    expect(anonymous).not.toContain('signed in as');
  });

  it('the error page shows its title and message with a failure mark', () => {
    const page = errorPage('Sign-in was not completed', 'Start the sign-in again.');
    expect(page).toContain('<title>Sign-in was not completed</title>');
    expect(body(page)).toContain(
      '<h1>Sign-in was not completed</h1><p>Start the sign-in again.</p>',
    );
    expect(body(page)).toContain('&#10007;');
    expect(page).toContain('color:#d9534f');
    expect(page).not.toContain('#10a37f');
  });

  it('escapes what the issuer or the URL put into a page, so it cannot inject markup', () => {
    const page = errorPage(`<b>"x" & 'y'</b>`, '<script>alert(1)</script>');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>');
    expect(page).toContain('&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
