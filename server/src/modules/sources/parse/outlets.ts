/** Display names of outlets we know by host, so items say "Tuổi Trẻ" rather than "tuoitre.vn". */
const KNOWN_OUTLETS: ReadonlyArray<[string, string]> = [
  ['vnexpress.net', 'VnExpress'],
  ['tuoitre.vn', 'Tuổi Trẻ'],
  ['thanhnien.vn', 'Thanh Niên'],
  ['dantri.com.vn', 'Dân trí'],
  ['nld.com.vn', 'Người Lao Động'],
  ['sggp.org.vn', 'Sài Gòn Giải Phóng'],
  ['vietnamnet.vn', 'VietNamNet'],
  ['giaoducthoidai.vn', 'Giáo dục và Thời đại'],
  ['plo.vn', 'Pháp Luật TP.HCM'],
  ['znews.vn', 'Znews'],
  ['zingnews.vn', 'Znews'],
  ['vtc.vn', 'VTC News'],
  ['laodong.vn', 'Lao Động'],
  ['vov.vn', 'VOV'],
];

export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** The outlet's name when the host (or a parent domain) is a known outlet. */
export function knownOutletName(url: string | undefined): string | undefined {
  const host = hostOf(url);
  if (!host) return undefined;
  for (const [domain, name] of KNOWN_OUTLETS) {
    if (host === domain || host.endsWith(`.${domain}`)) return name;
  }
  return undefined;
}
