/**
 * The scripted week the demo plays, compressed into a few minutes. Every item was written for this demo (no
 * article is copied); the outlets and their feed formats are real ones (see feeds.ts). Times are relative to the
 * moment the timeline starts (T0): `at` is when the item appears in its outlet's feed, `ageMinutes` (backdrop
 * items only) how long before T0 it was published, so the week before the demo reads as a week.
 *
 * The crisis is at THCS Phan Tây Hồ (unit 79764507): a parent's post on the school's Facebook page, then a small
 * local outlet, then the mainstream press and a Google News search pick it up. Around it: good news at another
 * school, a school of the same name in another district (THCS Quang Trung in Tân Bình; Gò Vấp has one too) and
 * district-wide education news, none of which opens a ticket.
 */

export type OutletKey = 'facebook' | 'tingovap' | 'vnexpress' | 'tuoitre' | 'thanhnien' | 'gnews';
export type SourceKindName = 'rss' | 'html' | 'social' | 'search';

export interface DemoOutlet {
  key: OutletKey;
  /** The source's name in the dashboard. */
  name: string;
  /** The outlet as readers know it. */
  outlet: string;
  kind: SourceKindName;
  /** How widely it is read (the product's reach weight). */
  reachWeight: number;
  /** A source that belongs to a school. */
  unitCode?: string;
  /** Path of the feed (or listing page) on the demo's feed server. */
  path: string;
  /** For a search: the queries the feed URL was built from. */
  queries?: string[];
}

export interface DemoItem {
  outlet: OutletKey;
  /** Stable per item: guids, links and ids derive from it. */
  serial: number;
  slug: string;
  title: string;
  summary: string;
  /** Paragraphs of the article page (press outlets only). */
  body: string[];
  /** Seconds after T0 when the item appears in the feed. */
  at: number;
  /** Backdrop only: published this many minutes before T0 (else published when it appears). */
  ageMinutes?: number;
  /** Google News only: the outlet that published the article. */
  publisher?: { name: string; url: string };
  /** Facebook only: who posted. */
  author?: string;
  /** What the terminal says when the item appears. */
  story: string;
}

export const CRISIS_UNIT = { code: '79764507', name: 'THCS Phan Tây Hồ' } as const;
export const GOOD_NEWS_UNIT = { code: '79764501', name: 'THCS Nguyễn Văn Trỗi' } as const;

const GNEWS_QUERY = '"Gò Vấp" trường';

export const OUTLETS: readonly DemoOutlet[] = [
  {
    key: 'facebook',
    name: 'Facebook · Trường THCS Phan Tây Hồ',
    outlet: 'Facebook',
    kind: 'social',
    reachWeight: 0.5,
    unitCode: CRISIS_UNIT.code,
    path: '/rss-bridge/facebook/thcsphantayho.xml',
  },
  {
    key: 'tingovap',
    name: 'Tin Gò Vấp - Giáo dục',
    outlet: 'Tin Gò Vấp',
    kind: 'html',
    reachWeight: 0.5,
    path: '/tingovap/giao-duc/',
  },
  {
    key: 'vnexpress',
    name: 'VnExpress - Giáo dục',
    outlet: 'VnExpress',
    kind: 'rss',
    reachWeight: 2,
    path: '/vnexpress/rss/giao-duc.rss',
  },
  {
    key: 'tuoitre',
    name: 'Tuổi Trẻ - Giáo dục',
    outlet: 'Tuổi Trẻ',
    kind: 'rss',
    reachWeight: 1.5,
    path: '/tuoitre/rss/giao-duc.rss',
  },
  {
    key: 'thanhnien',
    name: 'Thanh Niên - Giáo dục',
    outlet: 'Thanh Niên',
    kind: 'rss',
    reachWeight: 1.5,
    path: '/thanhnien/rss/giao-duc.rss',
  },
  {
    key: 'gnews',
    name: `Google Tin tức · ${GNEWS_QUERY}`,
    outlet: 'Google News',
    kind: 'search',
    reachWeight: 1,
    path: `/gnews/rss/search?q=${encodeURIComponent(GNEWS_QUERY).replace(/%20/g, '+')}&hl=vi&gl=VN&ceid=VN:vi`,
    queries: [GNEWS_QUERY],
  },
];

const DAY = 24 * 60;

export const ITEMS: readonly DemoItem[] = [
  // ---- The week before (already in the feeds when the demo starts) ----
  {
    outlet: 'vnexpress',
    serial: 4962101,
    slug: 'go-vap-tuyen-them-120-giao-vien-cho-nam-hoc-moi',
    title: 'Gò Vấp tuyển thêm 120 giáo viên cho năm học mới',
    summary:
      'Phòng Giáo dục và Đào tạo Gò Vấp thông báo tuyển 120 giáo viên mầm non, tiểu học và trung học cơ sở để bổ sung cho các trường trên địa bàn.',
    body: [
      'Theo thông báo, các vị trí còn thiếu nhiều nhất là giáo viên tiếng Anh, tin học và giáo viên mầm non.',
      'Hồ sơ nhận đến cuối tháng, thí sinh trúng tuyển sẽ nhận việc từ học kỳ hai.',
    ],
    at: 0,
    ageMinutes: 6 * DAY + 200,
    story: 'district-wide news (opens nothing)',
  },
  {
    outlet: 'tuoitre',
    serial: 1,
    slug: 'hoc-sinh-lop-9-tp-hcm-bat-dau-on-thi-vao-lop-10',
    title: 'Học sinh lớp 9 TP.HCM bắt đầu ôn thi vào lớp 10',
    summary:
      'Nhiều trường THCS tại TP.HCM đã xếp lịch ôn tập buổi chiều cho học sinh lớp 9, chuẩn bị cho kỳ thi tuyển sinh lớp 10 năm tới.',
    body: ['Các trường được khuyến khích ôn tập theo nhóm năng lực, tránh dạy dồn và kéo dài giờ học của học sinh.'],
    at: 0,
    ageMinutes: 5 * DAY + 90,
    story: 'city-wide news',
  },
  {
    outlet: 'thanhnien',
    serial: 1,
    slug: 'go-vap-khai-truong-thu-vien-so-dung-chung-cho-cac-truong-thcs',
    title: 'Gò Vấp khai trương thư viện số dùng chung cho các trường THCS',
    summary:
      'Học sinh 15 trường THCS ở Gò Vấp có thể mượn hơn 8.000 đầu sách điện tử qua thư viện số dùng chung vừa đưa vào sử dụng.',
    body: ['Thư viện số do Phòng Giáo dục và Đào tạo Gò Vấp phối hợp với các trường xây dựng trong hai năm.'],
    at: 0,
    ageMinutes: 4 * DAY + 30,
    story: 'district-wide news',
  },
  {
    outlet: 'tingovap',
    serial: 812001,
    slug: 'phuong-an-nhon-ra-quan-don-dep-quanh-cac-truong-hoc',
    title: 'Phường An Nhơn ra quân dọn dẹp vệ sinh quanh các trường học',
    summary:
      'Đoàn viên, thanh niên phường An Nhơn cùng giáo viên dọn rác, khơi thông cống thoát nước trên các tuyến đường quanh trường học.',
    body: ['Hoạt động nằm trong chiến dịch giữ gìn đường phố sạch đẹp trước mùa mưa của phường.'],
    at: 0,
    ageMinutes: 3 * DAY + 400,
    story: 'local news',
  },
  {
    outlet: 'facebook',
    serial: 1,
    slug: 'hoi-thao-20-11',
    title: 'Trường THCS Phan Tây Hồ tổ chức hội thao chào mừng ngày Nhà giáo Việt Nam 20-11',
    summary:
      'Hơn 600 học sinh tham gia các môn kéo co, nhảy bao bố và bóng đá mini trong ngày hội thao của trường. Cảm ơn quý phụ huynh đã đến cổ vũ các con!',
    body: [],
    author: 'Trường THCS Phan Tây Hồ',
    at: 0,
    ageMinutes: 2 * DAY + 300,
    story: "the school's own post",
  },
  {
    outlet: 'gnews',
    serial: 1,
    slug: 'truong-tieu-hoc-le-van-tho-to-chuc-ngay-hoi-doc-sach',
    title: 'Trường Tiểu học Lê Văn Thọ tổ chức ngày hội đọc sách cho học sinh',
    summary: 'Trường Tiểu học Lê Văn Thọ tổ chức ngày hội đọc sách cho học sinh',
    body: [],
    publisher: { name: 'Người Lao Động', url: 'https://nld.com.vn' },
    at: 0,
    ageMinutes: DAY + 120,
    story: 'a Google News find',
  },

  // ---- The demo's week, live ----
  {
    outlet: 'facebook',
    serial: 2,
    slug: 'phu-huynh-lop-7a4',
    title: 'Xin nhà trường xem lại cách cô chủ nhiệm lớp 7A4 đối xử với các con',
    summary:
      'Em là phụ huynh lớp 7A4 Trường THCS Phan Tây Hồ. Mấy hôm nay cháu về nhà buồn, kể bị cô chủ nhiệm gọi là đồ vô dụng trước cả lớp và phải đứng cuối lớp hai tiết vì quên vở bài tập. Em đã nhắn cô nhưng chưa thấy trả lời. Mong nhà trường xem lại giúp, các phụ huynh lớp khác có gặp chuyện này không ạ?',
    body: [],
    author: 'Nguyễn Thị Hồng Nhung',
    at: 3,
    story: "a parent posts on the school's Facebook page",
  },
  {
    outlet: 'tuoitre',
    serial: 2,
    slug: 'nu-sinh-truong-thcs-nguyen-van-troi-o-go-vap-gianh-giai-nhat-khoa-hoc-ky-thuat',
    title: 'Nữ sinh Trường THCS Nguyễn Văn Trỗi ở Gò Vấp giành giải nhất cuộc thi khoa học kỹ thuật thành phố',
    summary:
      'Với mô hình tưới cây tự động dùng năng lượng mặt trời, em Lê Ngọc Bảo Trân, học sinh lớp 9 Trường THCS Nguyễn Văn Trỗi (Gò Vấp), vừa giành giải nhất cuộc thi khoa học kỹ thuật dành cho học sinh trung học TP.HCM.',
    body: [
      'Mô hình của Bảo Trân dùng cảm biến độ ẩm để chỉ tưới khi đất khô, tiết kiệm gần một nửa lượng nước so với tưới theo giờ.',
      'Thầy cô Trường THCS Nguyễn Văn Trỗi cho biết em đã mày mò thử nghiệm mô hình trong vườn trường suốt ba tháng.',
    ],
    at: 15,
    story: 'good news at another school',
  },
  {
    outlet: 'vnexpress',
    serial: 4962377,
    slug: 'go-vap-thi-diem-so-lien-lac-dien-tu-cho-hoc-sinh-tieu-hoc',
    title: 'Gò Vấp thí điểm sổ liên lạc điện tử cho học sinh tiểu học',
    summary:
      'Từ tháng tới, phụ huynh học sinh 5 trường tiểu học ở Gò Vấp sẽ nhận nhận xét của giáo viên và lịch học của con qua ứng dụng thay cho sổ giấy.',
    body: [
      'Phòng Giáo dục và Đào tạo Gò Vấp cho biết sẽ đánh giá sau một học kỳ trước khi mở rộng cho các trường còn lại.',
    ],
    at: 25,
    story: 'district-wide education news (opens nothing)',
  },
  {
    outlet: 'thanhnien',
    serial: 2,
    slug: 'mang-tran-phong-hoc-truong-thcs-quang-trung-quan-tan-binh-bat-ngo-roi',
    title: 'Mảng trần phòng học Trường THCS Quang Trung quận Tân Bình bất ngờ rơi xuống',
    summary:
      'Sáng nay, một mảng trần thạch cao của phòng học lớp 8 Trường THCS Quang Trung (quận Tân Bình cũ, TP.HCM) bất ngờ rơi xuống, may mắn không có học sinh nào bị thương.',
    body: [
      'Nhà trường đã cho học sinh chuyển sang phòng học khác và mời đơn vị thi công đến kiểm tra toàn bộ trần các phòng.',
    ],
    at: 45,
    story: 'the same school name in another district (opens nothing: Gò Vấp has its own THCS Quang Trung)',
  },
  {
    outlet: 'tingovap',
    serial: 812377,
    slug: 'phu-huynh-phan-anh-giao-vien-truong-thcs-phan-tay-ho-xuc-pham-hoc-sinh',
    title: 'Phụ huynh phản ánh giáo viên Trường THCS Phan Tây Hồ xúc phạm học sinh',
    summary:
      'Nhiều phụ huynh lớp 7A4 Trường THCS Phan Tây Hồ (quận Gò Vấp cũ, TP.HCM) phản ánh cô giáo chủ nhiệm thường xuyên mắng học sinh bằng lời lẽ nặng nề, gọi các em là đồ vô dụng và bắt đứng cuối lớp nhiều tiết liền.',
    body: [
      'Bài đăng của một phụ huynh trên trang của nhà trường đã nhận hàng trăm bình luận, nhiều phụ huynh cho biết con mình cũng từng bị cô giáo này xúc phạm.',
      'Phóng viên đã liên hệ Ban giám hiệu Trường THCS Phan Tây Hồ nhưng chưa nhận được phản hồi.',
    ],
    at: 60,
    story: 'a small local outlet picks the story up',
  },
  {
    outlet: 'vnexpress',
    serial: 4962480,
    slug: 'co-giao-bi-to-goi-hoc-sinh-lop-7-la-do-vo-dung',
    title: "Cô giáo bị tố gọi học sinh lớp 7 là 'đồ vô dụng'",
    summary:
      'Phụ huynh lớp 7A4 Trường THCS Phan Tây Hồ, TP HCM, phản ánh cô chủ nhiệm nhiều lần xúc phạm học sinh, bắt các em đứng cuối lớp; Phòng Giáo dục yêu cầu nhà trường báo cáo.',
    body: [
      'Theo phụ huynh, cô giáo chủ nhiệm thường gọi học sinh quên bài là "đồ vô dụng" và bắt đứng cuối lớp đến hết tiết.',
      'Phòng Giáo dục và Đào tạo cho biết đã yêu cầu Trường THCS Phan Tây Hồ báo cáo sự việc trước 17h ngày mai.',
    ],
    at: 95,
    story: 'VnExpress picks it up',
  },
  {
    outlet: 'tuoitre',
    serial: 3,
    slug: 'xac-minh-phan-anh-co-giao-mang-hoc-sinh-do-vo-dung-o-truong-thcs-phan-tay-ho',
    title: "Xác minh phản ánh cô giáo mắng học sinh 'đồ vô dụng' ở Trường THCS Phan Tây Hồ",
    summary:
      'Phòng Giáo dục và Đào tạo Gò Vấp đã yêu cầu Trường THCS Phan Tây Hồ làm rõ phản ánh của phụ huynh về việc giáo viên chủ nhiệm lớp 7A4 xúc phạm, phạt đứng học sinh.',
    body: [
      'Chiều nay, Ban giám hiệu Trường THCS Phan Tây Hồ đã mời giáo viên chủ nhiệm lớp 7A4 làm tường trình.',
      'Một số phụ huynh đề nghị nhà trường đổi giáo viên chủ nhiệm cho lớp trong thời gian xác minh.',
    ],
    at: 115,
    story: 'Tuổi Trẻ follows',
  },
  {
    outlet: 'thanhnien',
    serial: 3,
    slug: 'phu-huynh-buc-xuc-vi-co-chu-nhiem-xuc-pham-hoc-sinh-lop-7',
    title: 'Phụ huynh bức xúc vì cô chủ nhiệm xúc phạm học sinh lớp 7 tại Trường THCS Phan Tây Hồ',
    summary:
      'Sau khi bài đăng của một phụ huynh lan truyền trên mạng xã hội, Trường THCS Phan Tây Hồ (TP.HCM) đã tạm đình chỉ công tác chủ nhiệm của giáo viên bị phản ánh xúc phạm học sinh.',
    body: [
      'Nhiều phụ huynh cho biết không muốn làm lớn chuyện nhưng mong nhà trường có cách ứng xử tôn trọng học sinh hơn.',
    ],
    at: 130,
    story: 'Thanh Niên follows',
  },
  {
    outlet: 'gnews',
    serial: 2,
    slug: 'truong-thcs-phan-tay-ho-lam-viec-voi-giao-vien-bi-phan-anh-xuc-pham-hoc-sinh',
    title: 'Trường THCS Phan Tây Hồ làm việc với giáo viên bị phản ánh xúc phạm học sinh',
    summary: 'Trường THCS Phan Tây Hồ làm việc với giáo viên bị phản ánh xúc phạm học sinh',
    body: [],
    publisher: { name: 'Pháp Luật TP.HCM', url: 'https://plo.vn' },
    at: 150,
    story: 'a Google News search finds one more outlet',
  },
  {
    outlet: 'facebook',
    serial: 3,
    slug: 'thong-bao-cua-nha-truong',
    title: 'Thông báo của Trường THCS Phan Tây Hồ về phản ánh của phụ huynh lớp 7A4',
    summary:
      'Nhà trường đã tiếp nhận phản ánh của phụ huynh lớp 7A4, tạm dừng công tác chủ nhiệm của giáo viên trong thời gian xác minh và sẽ gặp gỡ phụ huynh vào sáng thứ bảy. Nhà trường xin lỗi quý phụ huynh và các em học sinh.',
    body: [],
    author: 'Trường THCS Phan Tây Hồ',
    at: 190,
    story: 'the school answers on its page',
  },
];

/** Seconds after T0 when the last item appears. */
export const SCRIPT_LENGTH_SECONDS = Math.max(...ITEMS.map((i) => i.at));
