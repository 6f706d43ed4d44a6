import { object, string } from 'yup';

/** A message delivered to an applicant's inbox, as the notifying jobs record it (e.g. `resultNotification`). */
export const inboxNotificationSchema = object({ messageId: string().required(), sentAt: string().required() });
