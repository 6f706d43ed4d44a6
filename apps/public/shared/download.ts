/** Downloads a file the `/v2` API serves (exports), with the session cookie, as the browser saves files. */
import { ApiError } from './api';

/**
 * `GET /v2` + `path` and hand the answer to the browser as a download named by the server's
 * Content-Disposition (or `fallbackName`). Throws {@link ApiError} with a Chinese message on failure.
 */
export async function apiDownload(method: 'GET', path: string, fallbackName: string, context = '导出'): Promise<string> {
  const response = await fetch(`/v2${path}`, { method, credentials: 'same-origin', headers: { 'x-requested-with': 'onego-apps' } });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { detail?: string };
    throw new ApiError(response.status, `${context}失败（HTTP ${response.status}）`, body.detail ?? '', body);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download by now; the object URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
