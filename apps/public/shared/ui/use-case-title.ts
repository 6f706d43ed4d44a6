/** Case titles in the current language: Chinese as recorded, or their English form ({@link englishCaseTitle}). */
import { englishCaseTitle } from '../case-title';
import { useLanguage } from './locale';

/** `title(caseTitle)`: the title in the chosen language; null stays null. */
export function useCaseTitle(): <T extends string | null | undefined>(title: T) => T | string {
  const { language } = useLanguage();
  return (title) => (language === 'en' && title ? englishCaseTitle(title) : title);
}
