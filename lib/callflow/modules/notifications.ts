/**
 * Modules that tell someone about the call: missed_call_alert and
 * notification, each sending to users or email addresses.
 */
import * as z from 'zod';
import { lazySchema } from '../../lazySchema';
import { kazooDefault, moduleData, oneOf, type ModuleData } from './primitives';

/**
 * Kazoo's schema marks every recipient id `format: email`, user ids included,
 * and Kazoo's validator checks that format: an id without an @ is refused.
 */
const emailAddress = z
  .string()
  .regex(/^[^@\s]+@[^@\s]+$/, { message: 'must be an email address (Kazoo checks the format even for user recipients)' });

const recipientSchema = lazySchema(() =>
  z.looseObject({
    id: oneOf([emailAddress, z.array(emailAddress)], 'an email address or a list of them'),
    type: z.enum(['user', 'email']),
  }),
);

export const missedCallAlertDataSchema = moduleData(() => ({
  recipients: z.array(recipientSchema),
}));
export type MissedCallAlertData = ModuleData<typeof missedCallAlertDataSchema>;

export const notificationDataSchema = moduleData(() => ({
  comments: z.string().optional(),
  notification_media: z.array(z.enum(['email', 'sms'])).optional(),
  // Required by Kazoo's schema even though it names a default.
  recipients: z.array(recipientSchema).meta({ default: [] }),
  send_at: kazooDefault(z.enum(['callflow_exec', 'channel_destroy']), 'channel_destroy'),
  template_id: z.string().optional(),
}));
export type NotificationData = ModuleData<typeof notificationDataSchema>;
