// Names the data holds in two languages: products, categories, channels and
// territories have a Chinese name beside their name. The portal shows the
// one for its language and falls back to the name where there is none.

type Named = { name: string; nameZh?: string | null };

/** A record's name in the portal's language. */
export function localName(x: Named, language: string): string {
  return language.startsWith("zh") && x.nameZh ? x.nameZh : x.name;
}

/** A product's category in the portal's language. */
export function localCategory(p: { category: string; categoryZh?: string | null }, language: string): string {
  return language.startsWith("zh") && p.categoryZh ? p.categoryZh : p.category;
}
