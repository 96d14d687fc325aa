#!/usr/bin/env node
/*
 * Regenerates the matcher's seed files in server/src/database/seeds/ from the reference data in ../shared/reference/.
 * Run it by hand when the reference changes (`node tools/seeds/derive-seeds.cjs`); the product itself never reads
 * ../shared, because a user's clone does not have it. It writes:
 *   govap-units.csv     the Gò Vấp units (code,name,level,ownership,address) plus the education office itself;
 *   other-schools.csv   every other school of the city registry (code,name,level,district), the same-name schools the
 *                       matcher must not claim for Gò Vấp;
 *   localities.json     only its derived parts are refreshed: `newWards` (from wards.md) and `streets.fromAddresses`
 *                       (street names found in the units' addresses); the hand-written parts are kept as they are.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const REFERENCE = path.resolve(ROOT, '../shared/reference/schools');
const SEEDS = path.join(ROOT, 'server/src/database/seeds');
const OFFICE = {
  code: 'GV-OFFICE',
  name: 'Phòng Giáo dục và Đào tạo Gò Vấp',
  level: 'OFFICE',
  ownership: 'Công lập',
  address: '',
};
const REGISTRY_FILES = { mn: 'MN', tih: 'TH', thcs: 'THCS', thpt: 'THPT', gdtx: 'GDTX' };

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.some((f) => f.trim() !== ''));
  return body.map((r) => Object.fromEntries(header.map((h, k) => [h, (r[k] ?? '').trim()])));
}

function csvField(value) {
  const s = String(value ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeCsv(file, columns, rows) {
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(','))];
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

const clean = (s) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const cleanName = (s) => clean(s.replace(/\(CL\)/gi, ''));
const fold = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

const NAMED_DISTRICTS = [
  'Bình Thạnh',
  'Bình Tân',
  'Tân Bình',
  'Tân Phú',
  'Phú Nhuận',
  'Gò Vấp',
  'Thủ Đức',
  'Củ Chi',
  'Hóc Môn',
  'Bình Chánh',
  'Nhà Bè',
  'Cần Giờ',
];

/** The old district of a registry row: its district office, or failing that a district named in its address. */
function districtOf(row) {
  const office = clean(row.phong || '').replace(/^Phòng GDĐT\s*/i, '');
  const fromText = (text) => {
    const t = clean(text);
    const numbered = /(?:quận|q\.?)\s*(\d{1,2})\b/i.exec(t);
    if (numbered) return `Quận ${Number(numbered[1])}`;
    const folded = fold(t);
    for (const name of NAMED_DISTRICTS) if (folded.includes(fold(name))) return name;
    return '';
  };
  if (office && !/trường/i.test(office)) return fromText(/^\d+$/.test(office) ? `quận ${office}` : office) || office;
  return fromText(row.dc || '');
}

function levelOfUnit(level) {
  if (level === 'THCS-THPT') return 'THPT';
  return level;
}

function deriveUnits() {
  const rows = parseCsv(fs.readFileSync(path.join(REFERENCE, 'govap-units.csv'), 'utf8'));
  const units = rows.map((r) => ({
    code: r.code,
    name: cleanName(r.name),
    level: levelOfUnit(r.level),
    ownership: r.ownership,
    address: clean(r.address),
  }));
  units.sort((a, b) => a.code.localeCompare(b.code));
  units.push(OFFICE);
  return units;
}

function deriveOtherSchools(govapCodes) {
  const seen = new Set();
  const out = [];
  for (const [file, level] of Object.entries(REGISTRY_FILES)) {
    const rows = parseCsv(fs.readFileSync(path.join(REFERENCE, 'hcmc-registry', `${file}.csv`), 'utf8'));
    for (const r of rows) {
      if (!r.ma || seen.has(r.ma) || govapCodes.has(r.ma)) continue;
      seen.add(r.ma);
      const district = districtOf(r);
      if (district === 'Gò Vấp') continue;
      out.push({ code: r.ma, name: cleanName(r.ten), level, district });
    }
  }
  out.sort((a, b) => a.code.localeCompare(b.code));
  return out;
}

/** Parses the table of wards.md: | new ward | old wards ... | code |. */
function deriveNewWards() {
  const text = fs.readFileSync(path.join(REFERENCE, 'wards.md'), 'utf8');
  const wards = [];
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !/^\d{5}$/.test(cells[3])) continue;
    const oldWards = [];
    const partial = [];
    const re = /(\d{1,2})/g;
    let m;
    while ((m = re.exec(cells[2]))) {
      const after = cells[2].slice(m.index);
      (/^\d{1,2}\s*\(?\s*một phần|^\d{1,2}\)?\)?$/.test(after) && /part/i.test(cells[2].slice(m.index - 8, m.index))
        ? partial
        : oldWards
      ).push(m[1]);
    }
    wards.push({ name: cells[1], code: cells[3], oldWards, partOfOldWards: partial });
  }
  return wards;
}

/** Street names in the units' addresses: the run of capitalised words after a house number. */
function deriveStreets(units) {
  const byFolded = new Map();
  for (const u of units) {
    const address = clean(u.address)
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/\(.*?\)/g, ' ');
    for (const part of address.split(/cơ sở \d\s*:/i)) {
      const words = part.replace(/[,.-]/g, ' ').split(/\s+/).filter(Boolean);
      const numberAt = words.findIndex((w) => /^\d/.test(w));
      if (numberAt < 0) continue;
      const name = [];
      for (const w of words.slice(numberAt + 1)) {
        const titled = w === w.toUpperCase() && w.length > 1 ? w[0] + w.slice(1).toLowerCase() : w;
        if (name.length === 0 && (/^(đường|dường)$/i.test(titled) || /^\p{Lu}$/u.test(titled))) continue;
        if (!/^\p{Lu}\p{Ll}+$/u.test(titled) || /^(Phường|Quận|Gò|Tp|Số|Đường|Chung|Lô)$/.test(titled)) break;
        name.push(titled);
      }
      if (name.length < 2) continue;
      const street = name.join(' ');
      const key = fold(street);
      if (!byFolded.has(key)) byFolded.set(key, street);
    }
  }
  return [...byFolded.values()].sort((a, b) => a.localeCompare(b, 'vi'));
}

/** Formats JSON the way the repository's Prettier check expects, when Prettier is installed. */
async function formatJson(text) {
  try {
    const prettier = require('prettier');
    const options = (await prettier.resolveConfig(path.join(SEEDS, 'localities.json'))) ?? {};
    return await prettier.format(text, { ...options, parser: 'json' });
  } catch {
    return text;
  }
}

async function main() {
  if (!fs.existsSync(REFERENCE)) {
    console.error(`Reference data not found at ${REFERENCE}: nothing to derive (the seed files stay as committed).`);
    process.exit(1);
  }
  const units = deriveUnits();
  writeCsv(path.join(SEEDS, 'govap-units.csv'), ['code', 'name', 'level', 'ownership', 'address'], units);
  const others = deriveOtherSchools(new Set(units.map((u) => u.code)));
  writeCsv(path.join(SEEDS, 'other-schools.csv'), ['code', 'name', 'level', 'district'], others);

  const localitiesFile = path.join(SEEDS, 'localities.json');
  const localities = fs.existsSync(localitiesFile) ? JSON.parse(fs.readFileSync(localitiesFile, 'utf8')) : {};
  localities.newWards = deriveNewWards().map((w) => {
    const previous = (localities.newWards || []).find((p) => p.name === w.name);
    return { ...w, aliases: previous?.aliases ?? [], ambiguous: previous?.ambiguous ?? false };
  });
  localities.streets = { ...(localities.streets || {}), fromAddresses: deriveStreets(units) };
  fs.writeFileSync(localitiesFile, await formatJson(JSON.stringify(localities, null, 2) + '\n'));
  console.log(
    `units ${units.length} (incl. office), other schools ${others.length}, new wards ${localities.newWards.length}, ` +
      `streets ${localities.streets.fromAddresses.length}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
