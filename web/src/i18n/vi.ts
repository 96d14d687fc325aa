/** Vietnamese strings: the default language of the dashboard. */
export const vi = {
  'app.title': 'Media Watch',
  'app.subtitle': 'Theo dõi thông tin báo chí về các trường học Gò Vấp',
  'app.language': 'Ngôn ngữ',
  'health.title': 'Tình trạng hệ thống',
  'health.loading': 'Đang kiểm tra…',
  'health.server': 'Máy chủ',
  'health.database': 'Cơ sở dữ liệu',
  'health.up': 'Hoạt động',
  'health.down': 'Mất kết nối',
  'health.unreachable': 'Không kết nối được máy chủ',
  'health.checkedAt': 'Kiểm tra lúc {time}',
} as const;

export type MessageKey = keyof typeof vi;
