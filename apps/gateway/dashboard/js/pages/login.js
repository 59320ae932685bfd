// Sign-in through the Java service (PROD). In DEV the dashboard needs no sign-in.

import { h } from '../dom.js';
import * as session from '../session.js';
import * as ui from '../ui.js';

function next() {
  const target = new URLSearchParams(location.search).get('next') || '/';
  // Only our own paths: never an open redirect.
  return target.startsWith('/') && !target.startsWith('//') ? target : '/';
}

export async function render(main, { navigate }) {
  const s = session.current();
  if (s.authenticated) {
    main.replaceChildren(h('div', { class: 'login card' },
      h('h1', { tabindex: '-1' }, 'Signed in'),
      h('p', {}, s.via === 'dev' ? 'DEV mode: the dashboard opens without signing in.' : `You are signed in as ${s.user?.username || s.user?.subject}.`),
      h('p', {}, h('a', { href: next(), 'data-nav': true }, 'Continue'))));
    return;
  }
  const message = h('div', { 'aria-live': 'polite' });
  const loginField = ui.input('Phone number', { name: 'login', autocomplete: 'username', required: true, inputmode: 'tel' });
  const passwordField = ui.input('Password', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Sign in');
  const form = h('form', { class: 'login card', novalidate: true },
    h('h1', { tabindex: '-1' }, 'Sign in to SalesFlow'),
    h('p', { class: 'muted' }, 'Use your SalesFlow (Java) account.'),
    s.reason === 'auth_token_expired' ? h('p', { class: 'notice' }, 'Your session has expired. Please sign in again.') : null,
    loginField, passwordField, message, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const login = loginField.querySelector('input').value;
    const password = passwordField.querySelector('input').value;
    if (!login.trim() || !password) {
      message.replaceChildren(ui.errorBox({ message: 'Enter your phone number and password.' }));
      return;
    }
    submit.disabled = true;
    message.replaceChildren(h('p', { class: 'status', role: 'status' }, 'Signing in…'));
    try {
      await session.login(login, password);
      navigate(next(), { replaceState: true });
    } catch (error) {
      const text = error.code === 'invalid_credentials' ? { message: 'Wrong phone number or password.', code: error.code } : error;
      message.replaceChildren(ui.errorBox(text));
      submit.disabled = false;
      passwordField.querySelector('input').focus();
    }
  });
  main.replaceChildren(form);
}
