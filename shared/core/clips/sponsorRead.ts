/**
 * Sponsor reads ("本节目由…冠名播出", "this show is sponsored by …"): said on air, but they are the sponsor's
 * words, not the moment's. Quoting one in a title advertises someone else (and a slogan cut mid-phrase reads
 * as nonsense), so copy never quotes, tags or summarises them.
 */
const SPONSOR_READ =
  /本节目由|本节目|由.{0,24}(?:冠名|赞助|特约|独家|联合)(?:播出|呈现|支持)?|冠名|赞助|特约播出|独家播出|友情支持|\bsponsored by\b|\bbrought to you by\b|\bpresented by\b|\bpowered by\b|\b(?:our|today's|this (?:show|episode|stream)'?s?) sponsors?\b|\bthanks to .{0,40} for sponsoring\b|\bpromo code\b|\buse (?:my |the )?code\b/iu;

/** True when the text is (or contains) a sponsor read. */
export function isSponsorRead(text: string): boolean {
  return SPONSOR_READ.test(text.normalize('NFKC'));
}
