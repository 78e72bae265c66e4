import type { Language } from './format';

export interface SubdistrictChoice {
  code: string;
  nameTh: string;
  nameEn: string;
  district: string;
}

/**
 * The report form's tambon choices: grouped by district (in the order the list gives the districts),
 * each group in the reader's alphabetical order of the names in their language.
 */
export function subdistrictGroups(
  subdistricts: readonly SubdistrictChoice[],
  language: Language,
): Array<{ district: string; options: Array<{ code: string; name: string }> }> {
  const groups = new Map<string, Array<{ code: string; name: string }>>();
  for (const s of subdistricts) {
    const options = groups.get(s.district) ?? [];
    options.push({ code: s.code, name: language === 'en' ? s.nameEn : s.nameTh });
    groups.set(s.district, options);
  }
  const collator = new Intl.Collator(language === 'en' ? 'en' : 'th');
  return [...groups].map(([district, options]) => ({
    district,
    options: options.sort((a, b) => collator.compare(a.name, b.name)),
  }));
}
