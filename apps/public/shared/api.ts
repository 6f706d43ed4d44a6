/** Calls to the engine's `/v2` REST API with the session cookie; errors carry a Chinese message. */

/** A refused or failed call, with a message fit for the user. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail: string,
    /** The problem+json body as the server sent it (e.g. a notice's per-line `errors`). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The English switch is on (locale.tsx sets the page's lang). */
const english = () => typeof document !== 'undefined' && document.documentElement.lang === 'en';

/** The same status messages in English; a context given only in Chinese reads "Request". */
function englishMessage(status: number, context: string): string {
  const action = /[\u4e00-\u9fa5]/.test(context) ? 'Request' : context;
  switch (status) {
    case 0:
      return `${action} failed: cannot reach the server`;
    case 400:
      return `${action} failed: invalid input`;
    case 401:
      return 'Your session has expired; please sign in again';
    case 403:
      return `${action} failed: not allowed (not your department's task, or your role does not permit it)`;
    case 404:
      return `${action} failed: not found (the task may have been completed or cancelled)`;
    case 409:
      return `${action} failed: the task changed (perhaps someone else claimed it); please refresh`;
    default:
      return `${action} failed (HTTP ${status})`;
  }
}

/** What the user reads for each status; the server's own detail is shown below it. */
function userMessage(status: number, context: string): string {
  if (english()) return englishMessage(status, context);
  switch (status) {
    case 400:
      return `${context}失败：输入有误`;
    case 401:
      return '登录已失效，请重新登录';
    case 403:
      return `${context}失败：无权操作（不是本部门的任务，或您的角色不允许）`;
    case 404:
      return `${context}失败：未找到（任务可能已被办结或取消）`;
    case 409:
      return `${context}失败：任务状态已变化（可能已被他人领取），请刷新`;
    default:
      return `${context}失败（HTTP ${status}）`;
  }
}

/**
 * `fetch('/v2' + path)` with a JSON body; resolves with the parsed JSON (or text for XML, undefined for
 * 204) and throws {@link ApiError} for every non-2xx answer. `context` names the action in messages.
 */
export async function api<T = unknown>(method: string, path: string, body?: unknown, context = '请求'): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/v2${path}`, {
      method,
      credentials: 'same-origin',
      headers: { 'x-requested-with': 'onego-apps', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, english() ? englishMessage(0, context) : `${context}失败：无法连接服务器`, String(error));
  }
  if (!response.ok) {
    let detail = '';
    let problem: Record<string, unknown> = {};
    try {
      problem = (await response.json()) as Record<string, unknown>;
      detail = String(problem.detail ?? problem.title ?? '');
    } catch {
      detail = response.statusText;
    }
    if (response.status === 401) window.dispatchEvent(new CustomEvent('onego:unauthenticated'));
    throw new ApiError(response.status, userMessage(response.status, context), detail, problem);
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** The logged-in user as `/v2/authentication/me` answers. */
export interface CurrentUser {
  username: string;
  displayName: string;
  groups: string[];
  groupIds: string[];
  roles: string[];
}
