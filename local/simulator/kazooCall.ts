import type { KazooParams } from '../../lib/request/encodeKazooParams';

/** Who calls whom: what Kazoo knows about the call before any callflow runs. */
export type CallParty = {
  callId: string;
  accountId: string;
  from: string;
  to: string;
  callerName?: string;
  userIds: string[];
  language?: string;
  realm: string;
};

/**
 * The call as Kazoo keeps it between pivot requests: caller ID (set_cid
 * changes it), language, every DTMF collection (kept until flush_dtmf) and the
 * custom application variables from set_variables.
 */
export class KazooCall {
  callerIdName: string | undefined;
  callerIdNumber: string;
  language: string | undefined;
  readonly collections: Record<string, string> = {};
  readonly customVars: Record<string, string> = {};
  /** What the last TwiML <Gather> heard: the next request carries it as a plain `Digits` string. */
  gathered: string | undefined;
  /** Variables TwiML <Set> made: later requests carry them as top-level parameters. */
  readonly twimlVars: Record<string, string> = {};

  constructor(readonly party: CallParty) {
    this.callerIdName = party.callerName;
    this.callerIdNumber = party.from;
    this.language = party.language;
  }

  /** kzt_kazoo:req_params (req_format=kazoo) or kzt_twiml:req_params (twiml), empty values left out. */
  requestParams(format: 'kazoo' | 'twiml'): KazooParams {
    const digits = this.gathered ?? (Object.keys(this.collections).length > 0 ? { ...this.collections } : undefined);
    const params = this.formatParams(format, digits);
    return Object.keys(this.twimlVars).length > 0 ? { ...this.twimlVars, ...params } : params;
  }

  private formatParams(format: 'kazoo' | 'twiml', digits: KazooParams[string]): KazooParams {
    const p = this.party;
    if (format === 'twiml') {
      return {
        CallSid: p.callId,
        AccountSid: p.accountId,
        From: p.from,
        FromRealm: p.realm,
        To: p.to,
        ToRealm: p.realm,
        CallStatus: 'in-progress',
        ApiVersion: '2010-04-01',
        Direction: 'inbound',
        CallerName: this.callerIdName,
        CallerNumber: this.callerIdNumber,
        // With no <Gather> digit, kzt_util:get_digit_pressed falls back to the collections object.
        Digits: digits,
      };
    }
    const users = p.userIds.length === 0 ? undefined : p.userIds.length === 1 ? p.userIds[0] : [...p.userIds];
    return {
      'Account-ID': p.accountId,
      'Api-Version': '4.x',
      'Call-ID': p.callId,
      'Call-Status': 'in-progress',
      'Caller-ID-Name': this.callerIdName,
      'Caller-ID-Number': this.callerIdNumber,
      'Custom-Application-Vars': Object.keys(this.customVars).length > 0 ? { ...this.customVars } : undefined,
      Digits: digits,
      Direction: 'inbound',
      From: p.from,
      'From-Realm': p.realm,
      Language: this.language,
      Request: p.to,
      'Request-Realm': p.realm,
      To: p.to,
      'To-Realm': p.realm,
      'User-ID': users,
    };
  }
}
