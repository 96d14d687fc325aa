/**
 * Kindergarten names that are also everyday Vietnamese words or phrases: animals, flowers, sky and sunshine, "baby"
 * and "mother" words, greetings, geographic names. Such a name may be borne by one school only in the city registry
 * and still be no evidence of that school: "Trăng Non" is the new moon, "Mẹ Yêu" is how a child addresses its mother,
 * "Bắc Mỹ" is North America, and a school of that name surely exists in another province. The matcher gives a
 * kindergarten the benefit of a unique name only when the name is not listed here (nor a place or a person's name,
 * which the gazetteer tests on its own). The list is kept by hand from the registry's most frequent kindergarten
 * names and from the Gò Vấp names that read as ordinary words; add to it when a name turns out to be common.
 */
import { fold } from '@mw/shared';

const PHRASES = [
  // animals, birds and their diminutives
  'Bé Thỏ',
  'Thỏ Trắng',
  'Thỏ Ngọc',
  'Thỏ Bông',
  'Bé Gấu',
  'Gấu Yêu',
  'Gấu Trúc',
  'Gấu Con',
  'Sóc Nâu',
  'Sơn Ca',
  'Sơn Ca Vàng',
  'Họa Mi',
  'Hoạ Mi',
  'Vàng Anh',
  'Vành Khuyên',
  'Hải Âu',
  'Chim Non',
  'Chuồn Chuồn',
  'Chuồn Chuồn Ớt',
  'Cánh Diều',
  'Dế Con',
  // flowers and plants
  'Hoa Mai',
  'Mai Vàng',
  'Hoa Hồng',
  'Hoa Sen',
  'Bông Sen',
  'Sen Hồng',
  'Hương Sen',
  'Hoa Lan',
  'Hoa Cúc',
  'Hoa Sữa',
  'Hoa Quỳnh',
  'Hoa Phượng',
  'Phượng Hồng',
  'Hoa Anh Đào',
  'Hoa Hướng Dương',
  'Hướng Dương',
  'Hoa Mặt Trời',
  'Hoa Tiên',
  'Lá Xanh',
  'Lá Phong',
  'Trúc Xanh',
  'Vườn Hồng',
  'Măng Non',
  'Mầm Xanh',
  'Búp Măng',
  'Quả Chanh Vàng',
  // sky, light and time of day
  'Ánh Dương',
  'Ánh Sao',
  'Ánh Sáng',
  'Ánh Bình Minh',
  'Bình Minh',
  'Ban Mai',
  'Nắng Mai',
  'Nắng Hồng',
  'Sao Mai',
  'Sao Vàng',
  'Sao Nhỏ',
  'Sao Sáng',
  'Ngôi Sao',
  'Ngôi Sao Sáng',
  'Ngôi Sao Nhỏ',
  'Mặt Trời',
  'Mặt Trời Nhỏ',
  'Mặt Trời Hồng',
  'Mặt Trời Bé Con',
  'Bầu Trời Xanh',
  'Cầu Vồng',
  'Trăng Non',
  'Đại Dương',
  // children, family and feelings
  'Sao Việt',
  'Bé Ngoan',
  'Bé Yêu',
  'Bé Xinh',
  'Bé Con',
  'Bé Thơ',
  'Bé Thiên Tài',
  'Tuổi Thơ',
  'Tuổi Ngọc',
  'Tuổi Hồng',
  'Tuổi Thần Tiên',
  'Thiên Thần',
  'Thiên Thần Nhỏ',
  'Thần Đồng',
  'Thần Tượng Nhí',
  'Mẹ Yêu',
  'Nhà Của Mẹ',
  'Ngôi Nhà Trẻ Thơ',
  'Hạnh Phúc',
  'Yêu Thương',
  'Chào Ngày Mới',
  'Thành Phố Tuổi Thơ',
  // geographic names that are not places of the city
  'Bắc Mỹ',
  'Nam Mỹ',
  'Việt Nam',
  'Mỹ Sơn',
  'Việt Mỹ',
  'Việt Úc',
  'Âu Việt',
];

const ORDINARY = new Set(PHRASES.map((p) => fold(p)));

/** True when a school's core name, with any trailing number dropped ("Bé Gấu 2"), is an everyday phrase. */
export function isOrdinaryName(core: string): boolean {
  const folded = fold(core)
    .replace(/(\s+\d+)+$/, '')
    .trim();
  return ORDINARY.has(folded);
}
