/**
 * The frame of every app: language, sign-in, an antd Layout with a left menu of the pages the user's roles
 * may open (collapsing to a drawer button on a phone), the user and logout in the header, and the
 * calendar banner above the page.
 */
import { cloneElement, isValidElement, StrictMode, useEffect, useState, type ReactElement, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { AuditOutlined, SettingOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Grid, Layout, Menu, Result, Segmented, Space, Spin, Typography } from 'antd';
import { api, ApiError, type CurrentUser } from '../api';
import { CalendarBanner } from './calendar-banner';
import { ErrorAlert } from './error-alert';
import { LanguageProvider, useLanguage, useText } from './locale';
import { LoginForm } from './login-form';
import { navigate, useHashPath } from './use-hash-route';

/** One entry of the left menu. */
export interface MenuEntry {
  /** The hash path it opens, e.g. `/incidents`; the entry is selected for this path and below. */
  path: string;
  label: [zh: string, en: string];
  icon?: ReactNode;
  /** Roles that see it; every signed-in user when absent. */
  roles?: string[];
}

/** What an app declares. */
export interface AppDefinition {
  title: [zh: string, en: string];
  /** Roles allowed in the app at all; everyone signed in when absent. */
  roles?: string[];
  menu: MenuEntry[];
  /** The page for a hash path. */
  page(path: string, user: CurrentUser): ReactNode;
}

// Each with an icon like the app's own entries, so its words line up with theirs in the menu.
const OTHER_APPS: { href: string; label: [string, string]; roles?: string[]; icon: ReactElement }[] = [
  { href: '/tasklist', label: ['任务列表', 'Tasks'], roles: ['staff', 'supervisor'], icon: <UnorderedListOutlined aria-hidden /> },
  { href: '/audit', label: ['审计视图', 'Audit'], roles: ['auditor', 'admin'], icon: <AuditOutlined aria-hidden /> },
  { href: '/admin', label: ['系统管理', 'Admin'], roles: ['admin'], icon: <SettingOutlined aria-hidden /> },
];

function allowed(user: CurrentUser, roles: string[] | undefined): boolean {
  return !roles || roles.some((role) => user.roles.includes(role));
}

function Shell({ app, user, onLogout }: { app: AppDefinition; user: CurrentUser; onLogout(): void }) {
  const t = useText();
  const { language, setLanguage } = useLanguage();
  const path = useHashPath();
  const screens = Grid.useBreakpoint();
  // Before antd has measured the screen its breakpoints are empty: ask the browser, so a desktop does not first
  // render the phone's layout (the menu then grew in from nothing).
  const phone = screens.md === undefined ? window.matchMedia('(max-width: 767px)').matches : !screens.md;
  // On a phone the menu is a drawer over the page (in the layout's flow it squeezed the page to a strip), closed
  // again by choosing a page or tapping beside it.
  const [menuClosed, setMenuClosed] = useState(true);
  useEffect(() => setMenuClosed(true), [path]);
  const title = t(...app.title);
  useEffect(() => {
    document.title = `${title} · ${t('一次办好', 'OneGo')}`;
  }, [title, t]);
  if (!allowed(user, app.roles)) {
    return <Result status="403" title={t('无权使用此应用', 'Not allowed')} subTitle={t(`${title}仅供以下角色使用：${app.roles?.join('、')}`, `${title} is for: ${app.roles?.join(', ')}`)} extra={<Button onClick={onLogout}>{t('退出', 'Log out')}</Button>} />;
  }
  const entries = app.menu.filter((entry) => allowed(user, entry.roles));
  const selected = selectedEntry(entries, path);
  const others = OTHER_APPS.filter((other) => other.href !== window.location.pathname && allowed(user, other.roles));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Keyboard users reach the page's content without tabbing through the menu first. */}
      <a className="skip-link" href="#main-content" onClick={(event) => { event.preventDefault(); document.getElementById('main-content')?.focus(); }}>
        {t('跳到主要内容', 'Skip to content')}
      </a>
      {phone && !menuClosed && <div className="menu-backdrop" aria-hidden onClick={() => setMenuClosed(true)} />}
      <Layout.Sider
        className={phone ? 'phone-menu' : undefined}
        collapsible={phone}
        collapsed={phone && menuClosed}
        onCollapse={(closed) => setMenuClosed(closed)}
        collapsedWidth={0}
        theme="light"
        width={200}
        style={{ borderRight: '1px solid #f0f0f0' }}
        zeroWidthTriggerStyle={{ top: 12 }}
      >
        <div className="brand">{t('一次办好', 'OneGo')}</div>
        <nav aria-label={t('主菜单', 'Main menu')}>
        <Menu
          mode="inline"
          selectedKeys={selected ? [selected.path] : []}
          items={[
            // The icons are decoration: screen readers read the entry's words, not the icon's English name.
            ...entries.map((entry) => ({ key: entry.path, icon: isValidElement(entry.icon) ? cloneElement(entry.icon as ReactElement<{ 'aria-hidden'?: boolean }>, { 'aria-hidden': true }) : entry.icon, label: <a href={`#${entry.path}`} aria-current={entry === selected ? 'page' : undefined}>{t(...entry.label)}</a> })),
            ...(others.length ? [{ type: 'divider' as const }, ...others.map((other) => ({ key: other.href, icon: other.icon, label: <a href={other.href} className="other-app">{t(...other.label)}</a> }))] : []),
          ]}
        />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header" style={{ background: '#fff', padding: phone ? '0 12px 0 48px' : '0 24px', display: 'flex', alignItems: 'center', gap: 12, borderBottom: '1px solid #f0f0f0' }}>
          {/* minWidth 0 lets a long title shrink to an ellipsis instead of pushing the buttons off a phone's screen. */}
          <Typography.Title level={4} style={{ margin: 0, flex: 1, minWidth: 0, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {title}
          </Typography.Title>
          <Space size={phone ? 4 : 12}>
            {!phone && (
              <span className="who" title={user.groups.join('、')} style={{ display: 'inline-block', maxWidth: '36vw', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', verticalAlign: 'middle' }}>
                {`${user.displayName}（${whose(user, t)}）`}
              </span>
            )}
            <Segmented size="small" value={language} onChange={(value) => setLanguage(value as 'zh' | 'en')} options={[{ label: '中', value: 'zh' }, { label: 'EN', value: 'en' }]} aria-label={t('语言', 'Language')} />
            <Button size="small" onClick={onLogout}>
              {t('退出', 'Log out')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content id="main-content" tabIndex={-1} style={{ padding: phone ? 12 : 24, outline: 'none' }}>
          {/* Asked again on every page change, so an import clears it without a reload. */}
          <CalendarBanner user={user} reloadKey={path} />
          {app.page(path, user)}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Where the menu entry a detail page was opened from is kept, per app, for as long as the tab lives. */
function lastEntryKey(): string {
  return `onego:menu:${window.location.pathname}`;
}

/**
 * The menu entry for `path`: the longest entry path it is at or below; for a page no entry names (a task or a
 * case, `#/task/123`), the entry the user came from (remembered in the tab, so a reload keeps it), else the first.
 */
export function selectedEntry(entries: MenuEntry[], path: string): MenuEntry | undefined {
  const own = path === '/' ? entries[0] : entries.filter((entry) => path === entry.path || path.startsWith(`${entry.path === '/' ? '' : entry.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
  let storage: Storage | undefined;
  try {
    storage = window.sessionStorage;
  } catch {
    // A browser refusing storage (privacy settings) just falls back to the first entry.
  }
  if (own) {
    storage?.setItem(lastEntryKey(), own.path);
    return own;
  }
  const came = storage?.getItem(lastEntryKey());
  return entries.find((entry) => entry.path === came) ?? entries[0];
}

function SignedIn({ app }: { app: AppDefinition }) {
  const t = useText();
  const [user, setUser] = useState<CurrentUser | null>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    api<CurrentUser>('GET', '/authentication/me')
      .then(setUser)
      .catch((failure: unknown) => (failure instanceof ApiError && failure.status === 401 ? setUser(null) : setError(failure)));
    // A request that finds the session gone shows the login page again.
    const expired = () => setUser(null);
    window.addEventListener('onego:unauthenticated', expired);
    return () => window.removeEventListener('onego:unauthenticated', expired);
  }, []);
  if (error) return <div style={{ padding: 24 }}><ErrorAlert error={error} /></div>;
  if (user === undefined) return <Spin style={{ display: 'block', marginTop: '20vh' }} />;
  if (user === null) return <LoginForm appTitle={`${t(...app.title)} · ${t('登录', 'Sign in')}`} onSignedIn={setUser} />;
  const logout = async () => {
    await api('POST', '/authentication/logout').catch(() => undefined);
    navigate('/');
    setUser(null);
  };
  return <Shell app={app} user={user} onLogout={logout} />;
}

/**
 * The departments a header names: the first of the user's departments and how many more (a city's supervisor has the
 * city's and each district's, with their 督办 groups); the roles for who has none. The full list is the tooltip.
 */
function whose(user: CurrentUser, t: (zh: string, en: string) => string): string {
  const departments = user.groups.filter((_, index) => !user.groupIds[index]?.endsWith('-supervisors'));
  if (departments.length === 0) return user.groups[0] ?? user.roles.join('、');
  return departments.length === 1 ? departments[0] : t(`${departments[0]} 等 ${departments.length} 个部门`, `${departments[0]} and ${departments.length - 1} more`);
}

/** Mount `app` into `#app`. */
export function startApp(app: AppDefinition): void {
  createRoot(document.getElementById('app')!).render(
    <StrictMode>
      <LanguageProvider>
        <AntApp>
          <SignedIn app={app} />
        </AntApp>
      </LanguageProvider>
    </StrictMode>,
  );
}
