/**
 * 好差评 in the 电子监察 statistics: of the evaluation cases (`bpmn/service-evaluation.bpmn`) opened in the
 * period, how many the applicants rated, how many were bad reviews, how many bad reviews had to be rectified
 * and how many rectifications were closed — the 整改率 that [002] 鲁政发〔2022〕7号 sets at 100% for real-name
 * bad reviews. Read from the variables the model and its workers write: `evaluationStatus` (rated / expired),
 * `evaluation.badReview`, and `rectificationStatus` (none / open / closed; open and closed were required).
 */
import { roundedShare } from '../public/shared/rates';
import type Database from 'better-sqlite3';

/** The process id of the 好差评 model. */
export const EVALUATION_PROCESS_ID = 'service-evaluation';

/** The 好差评 counts of a period. */
export interface EvaluationStatistics {
  /** Evaluation cases opened in the period (one per finished service case). */
  evaluations: number;
  /** Of these, rated by the applicant (the others wait or closed unrated). */
  rated: number;
  /** Ratings of 不满意 or 非常不满意. */
  badReviews: number;
  /** Bad reviews sent to the responsible department for rectification (real-name, or anonymous where the table says so). */
  rectificationRequired: number;
  /** Rectifications closed after the return visit. */
  rectified: number;
  /** rectified / rectificationRequired, 0..1, or null when none was required. */
  rectificationRate: number | null;
}

/**
 * The 好差评 counts for evaluations started in [`fromMs`, `toMs`) (epoch ms). With `serviceProcess`, only the
 * evaluations of that service (the `serviceProcess` variable: e.g. every rating of 企业开办).
 */
export function evaluationStatistics(history: Database.Database, fromMs: number, toMs: number, serviceProcess: string | null): EvaluationStatistics {
  const service = serviceProcess && serviceProcess !== EVALUATION_PROCESS_ID;
  // The instances by definition and start date (an index range), each instance's variables by its scope (an index).
  const row = history
    .prepare(
      `SELECT COUNT(*) AS evaluations,
              COALESCE(SUM(status.value = '"rated"'), 0) AS rated,
              COALESCE(SUM(json_valid(evaluation.value) AND json_extract(evaluation.value, '$.badReview') = 1), 0) AS badReviews,
              COALESCE(SUM(rectification.value IN ('"open"', '"closed"')), 0) AS rectificationRequired,
              COALESCE(SUM(rectification.value = '"closed"'), 0) AS rectified
         FROM process_instances p
         LEFT JOIN variables status ON status.scope_key = p.process_instance_key AND status.name = 'evaluationStatus'
         LEFT JOIN variables evaluation ON evaluation.scope_key = p.process_instance_key AND evaluation.name = 'evaluation'
         LEFT JOIN variables rectification ON rectification.scope_key = p.process_instance_key AND rectification.name = 'rectificationStatus'
         ${service ? `JOIN variables service ON service.scope_key = p.process_instance_key AND service.name = 'serviceProcess' AND service.value = ?` : ''}
        WHERE p.process_definition_id = ? AND p.start_date >= ? AND p.start_date < ?`,
    )
    .get(...(service ? [JSON.stringify(serviceProcess)] : []), EVALUATION_PROCESS_ID, fromMs, toMs) as Omit<EvaluationStatistics, 'rectificationRate'>;
  const counts = {
    evaluations: row.evaluations,
    rated: row.rated,
    badReviews: row.badReviews,
    rectificationRequired: row.rectificationRequired,
    rectified: row.rectified,
  };
  return { ...counts, rectificationRate: roundedShare(counts.rectified, counts.rectificationRequired) };
}
