/**
 * Pupils are minors: reports, exports and e-mails show their names as initials ("em Nguyễn Văn An" → "em N.V.A.").
 *
 * The press names a pupil after a word that says who they are: "em", "học sinh", "nữ sinh", "nam sinh", "cháu",
 * "bé". What follows is a name when it is a run of capitalised syllables that
 * - starts with a Vietnamese family name (Nguyễn, Trần, Lê, …) and has at least two syllables, or
 * - follows "em", "cháu" or "bé" and is one or two syllables (a given name: "bé An", "em Tú Sương"),
 * and in both cases is not a place or a people: in a year of real news the same words are followed far more often by
 * "Việt Nam", "Hà Nội", "Vĩnh Long", "Trường THCS…" or "Mỹ" than by a name, and those stay as written. Syllables
 * already reduced to an initial ("em N.", "em Nguyễn Văn A.") are kept as initials.
 */

/** Words that introduce a pupil. "học sinh" and its kin are followed by places more often than "em" is. */
const PUPIL_WORDS = ['học sinh', 'nữ sinh', 'nam sinh', 'em', 'cháu', 'bé'];
const GIVEN_NAME_WORDS = new Set(['em', 'cháu', 'bé']);
/** "đàn em" (followers), "anh em"/"chị em" (siblings, adults), "trẻ em" (children in general, then a place). */
const NOT_PUPIL_BEFORE = new Set(['đàn', 'anh', 'chị', 'trẻ']);

/** Common Vietnamese family names (they cover nearly every Vietnamese). */
const FAMILY_NAMES = new Set(
  (
    'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh Trương Lâm Phùng ' +
    'Mai Tô Hà Tạ Cao Lương Đinh Châu Quách Lưu Thái Kiều Từ Triệu Tăng Lại La Giang Thân Chu Khổng Mạc Âu Diệp ' +
    'Tôn Nghiêm Hứa Lục Kim Thạch Danh Sơn Lò Lữ Quan Doãn Đàm Ông Ninh Bạch Phí Vi Mã Hàn Hầu Khúc Nông Lăng ' +
    'Tống Cù Lạc Bế Văn Trang Đồng Viên Lạng Thang Khương Phó Trình Tiêu Yên Ân Đậu Cấn Lã Mẫn Ma Hoa Nhâm'
  ).split(' '),
);

/**
 * Places, peoples and institutions that follow the pupil words in the press: a run that starts with one of the
 * multi-word entries, or a prefix word, or that is exactly one of the single words, is not a name ("học sinh Hà Nội",
 * "nữ sinh Vĩnh Long", "em Việt Nam", "học sinh Mỹ", "học sinh Trường THCS…"), while "em Anh Thư" still is.
 */
const NOT_NAMES = (
  'Việt Nam|Hà Nội|Hà Giang|Hà Tĩnh|Hà Nam|Hà Tiên|Hồ Chí Minh|Sài Gòn|Gò Vấp|Hải Phòng|Đà Nẵng|Cần Thơ|' +
  'An Giang|Bà Rịa|Vũng Tàu|Bắc Giang|Bắc Kạn|Bạc Liêu|Bắc Ninh|Bến Tre|Bình Định|Bình Dương|Bình Phước|' +
  'Bình Thuận|Cà Mau|Cao Bằng|Cao Lãnh|Đắk Lắk|Đăk Lăk|Đắk Nông|Điện Biên|Đồng Nai|Đồng Tháp|Gia Lai|Hải Dương|' +
  'Hậu Giang|Hòa Bình|Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|Lạng Sơn|Lào Cai|Long An|Nam Định|' +
  'Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|Sóc Trăng|' +
  'Sơn La|Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên|Tiền Giang|Trà Vinh|Tuyên Quang|Vĩnh Long|Vĩnh Phúc|' +
  'Yên Bái|Nha Trang|Đà Lạt|Phú Quốc|Thủ Đức|Tây Bắc|Tây Nguyên|Nam Bộ|Bắc Bộ|Trung Bộ|Đông Nam Á|Châu Á|Châu Âu|' +
  'Châu Phi|Hoàng Sa|Trường Sa|Nhật Bản|Hàn Quốc|Trung Quốc|Thái Lan|Ấn Độ|Do Thái|Ê Đê|Bác Hồ|Thành phố|' +
  'Trường Tiểu|Trường Mầm|Trường Trung|Trường Quốc|Trường Đại|Trường Cao|Trường Phổ|Trường Chuyên'
)
  .split('|')
  .map((s) => s.split(' '));
/** Words that begin a place or an institution, never a name. */
const NOT_NAME_PREFIXES = new Set(
  'Quận Phường Huyện Tỉnh Xã Thành Lớp Khối Sở Phòng Bộ Ban Hội Đội Liên Tiểu Mầm Đại Học Giáo Nhà Miền Bác Thầy Cô'.split(
    ' ',
  ),
);
/** Single words that are a place or a people on their own ("học sinh Mỹ", "em Việt", "học sinh Trường THCS"). */
const NOT_NAME_WORDS = new Set(
  (
    'Việt Huế Mỹ Anh Pháp Đức Nga Nhật Hàn Lào Campuchia Singapore Úc Australia Canada Iran Israel Palestine Gaza ' +
    'Ukraine Khmer Chăm Kinh Mông Tày Mường Quốc Trường Tết'
  ).split(' '),
);

/** One syllable written with a capital ("Nguyễn", "A", "A."), not all capitals ("THCS"). */
const SYLLABLE = /^(\p{Lu})(\p{Ll}*)(\.?)$/u;

const isUpper = (ch: string): boolean => ch !== ch.toLowerCase() && ch === ch.toUpperCase();

/** The initials of a name: "Nguyễn Văn An" → "N.V.A.". */
export function nameInitials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((syllable) => `${Array.from(syllable)[0] ?? ''}.`)
    .join('');
}

function isNotName(run: string[]): boolean {
  const syllables = run.map(stripDot);
  if (NOT_NAME_PREFIXES.has(syllables[0] as string)) return true;
  if (syllables.length === 1 && NOT_NAME_WORDS.has(syllables[0] as string)) return true;
  return NOT_NAMES.some((words) => words.every((w, i) => syllables[i] === w));
}

const stripDot = (s: string): string => (s.endsWith('.') ? s.slice(0, -1) : s);

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/**
 * The text with pupils' names reduced to initials. Pure and idempotent: masking a masked text changes nothing. The
 * input is normalised to NFC first (feeds arrive decomposed too).
 */
export function maskPupilNames(input: string): string {
  const text = input.normalize('NFC');
  const lower = text.toLowerCase();
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const word = PUPIL_WORDS.find(
      (w) =>
        lower.startsWith(w, i) && (i === 0 || !WORD_CHAR.test(text[i - 1] as string)) && text[i + w.length] === ' ',
    );
    if (!word || !introducesPupil(text, i)) {
      i++;
      continue;
    }
    const nameStart = i + word.length + 1;
    const run = capitalisedRun(text, nameStart);
    const syllables = run.syllables;
    const familyName = syllables.length >= 2 && FAMILY_NAMES.has(stripDot(syllables[0] as string));
    const givenName = GIVEN_NAME_WORDS.has(word) && syllables.length >= 1 && syllables.length <= 2;
    const alreadyInitials = syllables.length > 0 && syllables.every((s) => /^\p{Lu}\.$/u.test(s));
    if (syllables.length > 0 && !alreadyInitials && (familyName || givenName) && !isNotName(syllables)) {
      out += text.slice(copied, nameStart) + nameInitials(syllables.map(stripDot).join(' '));
      // A sentence's full stop right after the name is already written by the initials' last dot.
      copied = text[run.end] === '.' ? run.end + 1 : run.end;
      i = copied;
    } else {
      i = nameStart;
    }
  }
  return out + text.slice(copied);
}

/**
 * False when the word before says this is not a pupil: "đàn em", "anh em", "chị em", "trẻ em", or a capitalised
 * syllable, which makes the word part of a name ("Võ Thị Bé Hằng").
 */
function introducesPupil(text: string, at: number): boolean {
  const before = /([\p{L}\p{M}]+)\s+$/u.exec(text.slice(Math.max(0, at - 20), at));
  if (!before) return true;
  const previous = before[1] as string;
  if (NOT_PUPIL_BEFORE.has(previous.toLowerCase())) return false;
  return !(SYLLABLE.test(previous) && isUpper(previous[0] as string) && isUpper(text[at] as string));
}

/** The capitalised syllables from `start` (at most five), and where they end (after a final initial's dot). */
function capitalisedRun(text: string, start: number): { syllables: string[]; end: number } {
  const syllables: string[] = [];
  let pos = start;
  let end = start;
  while (syllables.length < 5) {
    const match = /^[\p{L}\p{M}.]+/u.exec(text.slice(pos, pos + 40));
    if (!match) break;
    const token = match[0];
    const m = SYLLABLE.exec(token);
    if (!m || !isUpper(m[1] as string)) break;
    // "A." is an initial; "Nguyễn." ends the sentence: keep that dot outside the name.
    const initial = (m[2] as string).length === 0;
    syllables.push(initial ? token : token.replace(/\.$/, ''));
    end = pos + (initial ? token.length : token.replace(/\.$/, '').length);
    if (!initial && token.endsWith('.')) break;
    if (text[end] !== ' ') break;
    pos = end + 1;
  }
  return { syllables, end };
}
