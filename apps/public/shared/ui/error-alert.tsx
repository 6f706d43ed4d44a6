/** A failed request as an antd Alert: the Chinese message first, the server's detail below it. */
import { Alert } from 'antd';
import { ApiError } from '../api';

/** The error's message (in plain Chinese) with the server's detail as description; nothing for no error. */
export function ErrorAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  if (error === undefined || error === null) return null;
  const message = error instanceof Error ? error.message : String(error);
  const detail = error instanceof ApiError && error.detail ? error.detail : undefined;
  return <Alert type="error" showIcon role="alert" className="error-box" title={message} description={detail} closable={onClose ? { onClose } : false} style={{ marginBottom: 16 }} />;
}
