import type { History } from '../../history';
import type { RestRouteContext } from './context';
import { HttpProblem } from './problem';

/**
 * The history store for a search or get, after the bounded read-your-writes wait; 503 when the engine runs
 * without it (`onego engine --no-history`).
 */
export async function historyFor(context: RestRouteContext): Promise<History> {
  const { history } = context;
  if (!history) {
    throw new HttpProblem(
      503,
      'SERVICE_UNAVAILABLE',
      'Expected the history store to answer searches, but this engine runs without it (--no-history); restart it without --no-history. / 引擎未启用历史库（--no-history），查询不可用。',
    );
  }
  if (history.exporter.failed) {
    throw new HttpProblem(
      503,
      'SERVICE_UNAVAILABLE',
      `Expected the history exporter to keep history current, but it stopped / 历史导出已停止: ${history.exporter.failed}`,
    );
  }
  await history.caughtUp();
  return history;
}
