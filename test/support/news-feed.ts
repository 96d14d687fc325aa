import type { FixtureFeedServer } from '../fixture-feed-server';

/**
 * News stories as a Tuổi Trẻ-style RSS channel on the fixture feed server: each entry's RSS item and article page,
 * shaped the way the real outlet writes them, so the server polls, reads and analyses them as it would the real ones.
 */
export interface FeedEntry {
  guid: string;
  slug: string;
  title: string;
  summary: string;
  body: string[];
  minutesAgo: number;
}

export const FOOD_POISONING: FeedEntry = {
  guid: '2026112611302451',
  slug: 'phu-huynh-to-truong-mam-non-hoa-sen-cho-tre-an-thuc-pham-het-han',
  title: 'Phụ huynh tố Trường Mầm non Hoa Sen (quận Gò Vấp) cho trẻ ăn thực phẩm hết hạn, nhiều cháu nhập viện',
  summary:
    'Sau bữa trưa, 14 trẻ Trường Mầm non Hoa Sen trên đường Lê Đức Thọ, quận Gò Vấp, TP.HCM bị nôn ói, đau bụng, ' +
    'sốt; 9 cháu phải nhập viện theo dõi nghi ngộ độc thực phẩm.',
  body: [
    'Trưa 26-11, sau bữa ăn bán trú gồm cơm, thịt kho trứng và sữa chua, nhiều trẻ Trường Mầm non Hoa Sen (730/1 Lê Đức Thọ, quận Gò Vấp) có biểu hiện nôn ói, đau bụng.',
    'Phụ huynh cho biết đã chụp được hình ảnh thùng sữa chua và thịt đông lạnh trong bếp ăn của trường đã quá hạn sử dụng nhiều ngày.',
    '9 cháu được đưa vào Bệnh viện Nhi đồng Thành phố theo dõi; đến tối, sức khỏe các cháu đã ổn định.',
    'Phòng Giáo dục và Đào tạo quận Gò Vấp cho biết đã yêu cầu nhà trường tạm dừng bếp ăn, phối hợp Trung tâm Y tế lấy mẫu thức ăn để xét nghiệm.',
  ],
  minutesAgo: 20,
};

export const BULLYING: FeedEntry = {
  guid: '2026112615201999',
  slug: 'hoc-sinh-lop-8-truong-thcs-nguyen-du-quan-go-vap-bi-danh-hoi-dong',
  title: 'Học sinh lớp 8 Trường THCS Nguyễn Du quận Gò Vấp bị đánh hội đồng, clip lan truyền',
  summary:
    'Một nữ sinh lớp 8 Trường THCS Nguyễn Du (quận Gò Vấp, TP.HCM) bị nhóm bạn đánh hội đồng ngay trong giờ ra chơi, phải nhập viện.',
  body: [
    'Clip dài hơn một phút cho thấy nữ sinh bị nhiều bạn nắm tóc, đánh vào mặt trong sân trường.',
    'Ban giám hiệu Trường THCS Nguyễn Du đã mời phụ huynh các em liên quan lên làm việc.',
  ],
  minutesAgo: 3,
};

/** RFC 822 in Vietnam's offset, the way Tuổi Trẻ writes pubDate. */
function pubDate(minutesAgo: number): string {
  const local = new Date(Date.now() - minutesAgo * 60_000 + 7 * 3_600_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${days[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} +0700`
  );
}

export function articleUrl(base: string, outlet: string, entry: FeedEntry): string {
  return `${base}/${outlet}/${entry.slug}-${entry.guid}.htm`;
}

function rss(base: string, outlet: string, channelTitle: string, entries: FeedEntry[]): string {
  const items = entries
    .map((e) => {
      const link = articleUrl(base, outlet, e);
      return [
        '<item>',
        `<title><![CDATA[${e.title}]]></title>`,
        `<link><![CDATA[${link}]]></link>`,
        `<guid isPermaLink="false"><![CDATA[${e.guid}]]></guid>`,
        `<description><![CDATA[<a href="${link}"><img src="https://cdn.example.vn/thumb/${e.guid}.jpg" /></a>${e.summary}]]></description>`,
        `<pubDate>${pubDate(e.minutesAgo)}</pubDate>`,
        '</item>',
      ].join('\n');
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title><![CDATA[${channelTitle}]]></title>
<link>${base}/${outlet}/giao-duc.htm</link>
<language>vi-VN</language>
<pubDate>${pubDate(0)}</pubDate>
${items}
</channel>
</rss>`;
}

function articlePage(entry: FeedEntry): string {
  const paragraphs = entry.body.map((p) => `<p>${p}</p>`).join('\n');
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>${entry.title}</title></head>
<body>
<header><nav><a href="/">Trang chủ</a> <a href="/giao-duc.htm">Giáo dục</a></nav></header>
<article class="detail">
<h1 class="detail-title">${entry.title}</h1>
<h2 class="detail-sapo">${entry.summary}</h2>
<div class="detail-content">
${paragraphs}
</div>
</article>
<footer>Bản quyền thuộc về tòa soạn.</footer>
</body></html>`;
}

/** Serves the channel and every entry's article page on the fixture server. */
export function publish(feeds: FixtureFeedServer, outlet: string, channelTitle: string, entries: FeedEntry[]): string {
  const feedPath = `/${outlet}/rss/giao-duc.rss`;
  for (const e of entries) {
    feeds.setFeed(new URL(articleUrl(feeds.url, outlet, e)).pathname, articlePage(e), {
      'content-type': 'text/html; charset=utf-8',
    });
  }
  feeds.setFeed(feedPath, rss(feeds.url, outlet, channelTitle, entries));
  return feedPath;
}
