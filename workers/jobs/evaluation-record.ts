import { boolean, object, string } from 'yup';
import { defineWorker } from '../define-worker';
import { isBadReview, RATING_LABELS, RATINGS } from '../schemas/service-evaluation';

/**
 * Records the applicant's rating as it arrived (message `evaluation-submitted`) and decides whether it opens a
 * rectification: a bad review (不满意, 非常不满意) given under the applicant's real name must be rectified
 * ([002]: 实名差评整改率100%). Anonymous bad reviews are counted, not rectified case by case, unless the time-limit
 * table `service-evaluation-time-limits.dmn` says `rectifyAnonymousBadReviews` for the service and place (PROPOSED,
 * default false; the model maps it onto the task).
 */
export default defineWorker({
  type: 'evaluation-record',
  description: 'Records the 好差评 rating and decides whether a real-name bad review opens a rectification',
  input: object({
    caseId: string().required(),
    rating: string().oneOf([...RATINGS], 'rating must be one of very-satisfied, satisfied, basically-satisfied, dissatisfied, very-dissatisfied (非常满意…非常不满意)').required(),
    reasons: string()
      .nullable()
      .when('rating', { is: (rating: string) => rating === 'dissatisfied' || rating === 'very-dissatisfied', then: (schema) => schema.trim().required('reasons are required for a bad review (差评须写明理由)') }),
    realName: boolean().required(),
    evaluatedAt: string().required(),
    /** From the time-limit table; absent (an older model) means false. */
    rectifyAnonymousBadReviews: boolean().default(false),
  }),
  output: object({
    evaluation: object({
      rating: string().required(),
      label: string().required(),
      badReview: boolean().required(),
      realName: boolean().required(),
      reasons: string().nullable(),
      evaluatedAt: string().required(),
    }).required(),
    rectificationRequired: boolean().required(),
    rectificationStatus: string().oneOf(['none', 'open']).required(),
    /** `rated`; the model writes `expired` when the rating window ends without a rating. */
    evaluationStatus: string().oneOf(['rated']).required(),
  }),
  async handle(input) {
    const rating = input.rating;
    const badReview = isBadReview(rating);
    const rectificationRequired = badReview && (input.realName || input.rectifyAnonymousBadReviews === true);
    return {
      evaluation: { rating, label: RATING_LABELS[rating], badReview, realName: input.realName, reasons: input.reasons ?? null, evaluatedAt: input.evaluatedAt },
      rectificationRequired,
      rectificationStatus: rectificationRequired ? ('open' as const) : ('none' as const),
      evaluationStatus: 'rated' as const,
    };
  },
});
