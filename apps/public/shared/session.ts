/** Login and logout for both apps: the session cookie comes from `/v2/authentication/login`. */
import { api, ApiError, type CurrentUser } from './api';
import { h, mount } from './dom';

/** The current user, or undefined when not logged in. */
export async function currentUser(): Promise<CurrentUser | undefined> {
  try {
    return await api<CurrentUser>('GET', '/authentication/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return undefined;
    throw error;
  }
}

/** Show the login form in `root`; resolves with the user once the login succeeds. */
export function loginPage(root: Element, appTitle: string): Promise<CurrentUser> {
  return new Promise((resolve) => {
    const error = h('p', { class: 'error', role: 'alert' });
    const username = h('input', { name: 'username', id: 'username', autocomplete: 'username', required: true });
    const password = h('input', { name: 'password', id: 'password', type: 'password', autocomplete: 'current-password', required: true });
    const form = h(
      'form',
      { class: 'login card' },
      h('h1', {}, appTitle),
      h('p', { class: 'muted' }, '一次办好 · 请使用工作账号登录'),
      h('label', { for: 'username' }, '用户名'),
      username,
      h('label', { for: 'password' }, '密码'),
      password,
      h('button', { type: 'submit', class: 'primary' }, '登录'),
      error,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      try {
        const user = await api<CurrentUser>('POST', '/authentication/login', { username: username.value.trim(), password: password.value }, '登录');
        resolve(user);
      } catch (failure) {
        error.textContent = failure instanceof ApiError && failure.status === 401 ? '用户名或密码错误' : failure instanceof Error ? failure.message : String(failure);
      }
    });
    mount(root, form);
    username.focus();
  });
}

/**
 * The signed-in user: the session's, or whoever logs in on the login page shown in `root`. Undefined (with
 * the error shown in `root`) when the server cannot be asked.
 */
export async function signIn(root: Element, appTitle: string): Promise<CurrentUser | undefined> {
  try {
    return (await currentUser()) ?? (await loginPage(root, `${appTitle} · 登录`));
  } catch (error) {
    mount(root, h('main', {}, errorBox(error)));
    return undefined;
  }
}

/** Route now and on every hash change; a request that finds the session gone reloads into the login page. */
export async function startRouting(route: () => Promise<void>): Promise<void> {
  window.addEventListener('hashchange', () => void route());
  window.addEventListener('onego:unauthenticated', () => window.location.reload());
  await route();
}

/** The page header: app name, navigation, who is logged in and a logout button. */
export function header(appTitle: string, user: CurrentUser, links: { href: string; label: string }[]): HTMLElement {
  const logout = h('button', { class: 'link', type: 'button' }, '退出');
  logout.addEventListener('click', async () => {
    await api('POST', '/authentication/logout').catch(() => undefined);
    window.location.hash = '';
    window.location.reload();
  });
  return h(
    'header',
    { class: 'top' },
    h('strong', { class: 'brand' }, `一次办好 · ${appTitle}`),
    h('nav', {}, ...links.map((link) => h('a', { href: link.href }, link.label))),
    h('span', { class: 'who' }, `${user.displayName}（${user.groups.join('、') || user.roles.join('、')}）`, logout),
  );
}

/** An error box with the user message and the server's detail. */
export function errorBox(error: unknown): HTMLElement {
  if (error instanceof ApiError) {
    return h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, error.message), error.detail ? h('div', { class: 'detail' }, error.detail) : null);
  }
  return h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, error instanceof Error ? error.message : String(error)));
}
