/**
 * 好差评 (service evaluation) vocabulary shared by its workers: the five ratings of the national 政务服务
 * 好差评 scale, which of them are bad reviews, and who is evaluating.
 */
import { object, string } from 'yup';

/** Very satisfied … very dissatisfied (非常满意、满意、基本满意、不满意、非常不满意). */
export const RATINGS = ['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied', 'very-dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/** The Chinese label of each rating, as the applicant saw it. */
export const RATING_LABELS: Record<Rating, string> = {
  'very-satisfied': '非常满意',
  satisfied: '满意',
  'basically-satisfied': '基本满意',
  dissatisfied: '不满意',
  'very-dissatisfied': '非常不满意',
};

/** 差评: the two dissatisfied ratings. */
export function isBadReview(rating: Rating): boolean {
  return rating === 'dissatisfied' || rating === 'very-dissatisfied';
}

/** The person invited to rate: the applicant, insured person or talent of the finished case. */
export const evaluatorSchema = object({ name: string().required(), idNumber: string().required() });
