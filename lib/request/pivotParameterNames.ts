/**
 * Kazoo's two request dialects (`req_format` kazoo / twiml) name the same facts
 * differently (kzt_kazoo:req_params, kzt_twiml:req_params). Each field of a
 * PivotRequest reads the Kazoo name first, then the TwiML one.
 */
export const PIVOT_PARAMETER_NAMES = {
  callId: ['Call-ID', 'CallSid'],
  accountId: ['Account-ID', 'AccountSid'],
  callerIdName: ['Caller-ID-Name', 'CallerName'],
  callerIdNumber: ['Caller-ID-Number', 'CallerNumber'],
  from: ['From'],
  fromRealm: ['From-Realm', 'FromRealm'],
  to: ['To'],
  toRealm: ['To-Realm', 'ToRealm'],
  request: ['Request'],
  requestRealm: ['Request-Realm'],
  callStatus: ['Call-Status', 'CallStatus'],
  direction: ['Direction'],
  language: ['Language'],
  apiVersion: ['Api-Version', 'ApiVersion'],
  recordingUrl: ['Recording-Url', 'RecordingUrl'],
  recordingDuration: ['Recording-Duration', 'RecordingDuration'],
  recordingId: ['Recording-ID', 'RecordingSid'],
  transcriptionId: ['Transcription-ID', 'TranscriptionSid'],
  transcriptionStatus: ['Transcription-Status', 'TranscriptionStatus'],
  transcriptionText: ['Transcription-Text', 'TranscriptionText'],
  transcriptionUrl: ['Transcription-Url', 'TranscriptionUrl'],
  dialCallStatus: ['DialCallStatus'],
  dialCallSid: ['DialCallSid'],
  dialCallDuration: ['DialCallDuration'],
} as const;

export type PivotScalarField = keyof typeof PIVOT_PARAMETER_NAMES;

/**
 * Parameters the voice_url itself carries for us; they are never treated as call
 * data. `token` opens one route; on an IVR step's follow-up URL, `step`, `exp`
 * and `sig` bind it to one call until it expires (lib/pivot/routeCredentials.ts);
 * `ver`, signed with them, names the route version the call started on.
 */
export const CONTROL_PARAMETERS = { token: 'token', step: 'step', exp: 'exp', sig: 'sig', ver: 'ver' } as const;
