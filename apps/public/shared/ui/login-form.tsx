/** The login card: the session cookie comes from `POST /v2/authentication/login`. */
import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { api, ApiError, type CurrentUser } from '../api';
import { ErrorAlert } from './error-alert';
import { useText } from './locale';

/** Asks for username and password; calls `onSignedIn` with the user once the engine accepts them. */
export function LoginForm({ appTitle, onSignedIn }: { appTitle: string; onSignedIn(user: CurrentUser): void }) {
  const t = useText();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await api<CurrentUser>('POST', '/authentication/login', { username: values.username.trim(), password: values.password }, t('登录', 'Login')));
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 401 ? new Error(t('用户名或密码错误', 'Wrong username or password')) : failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main>
    <Card className="login-card" style={{ maxWidth: 380, margin: '10vh auto' }}>
      <Typography.Title level={3}>{appTitle}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('一次办好 · 请使用工作账号登录', 'OneGo · sign in with your work account')}</Typography.Paragraph>
      <Form className="login" layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t('用户名', 'Username')} name="username" rules={[{ required: true, message: t('请输入用户名', 'Enter your username') }]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label={t('密码', 'Password')} name="password" rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <ErrorAlert error={error} />
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('登录', 'Sign in')}
        </Button>
      </Form>
    </Card>
    </main>
  );
}
