import { describe, expect, it } from "vitest";
import en from "./en.json";
import zh from "./zh.json";
import i18n, { chooseLanguage, detectLanguage } from ".";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  const enKeys = flatten(en as Tree);
  const zhKeys = flatten(zh as Tree);

  it("has the same keys in English and Chinese", () => {
    expect([...zhKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it("has no empty string", () => {
    for (const [key, value] of [...enKeys, ...zhKeys]) expect(value.trim(), key).not.toBe("");
  });

  it("uses the same placeholders in both languages", () => {
    for (const [key, value] of enKeys) expect(placeholders(zhKeys.get(key) ?? ""), key).toEqual(placeholders(value));
  });

  it("translates the interface into Chinese", () => {
    // Brand and codes aside, a Chinese string that equals the English one is untranslated.
    const same = [...enKeys].filter(([k, v]) => zhKeys.get(k) === v && !["app.name"].includes(k));
    expect(same).toEqual([]);
  });
});

describe("detectLanguage", () => {
  it.each([
    ["a remembered choice wins", "zh", ["en-US"], "zh"],
    ["a remembered English wins", "en", ["zh-CN"], "en"],
    ["the browser's Chinese", null, ["zh-CN", "en"], "zh"],
    ["Traditional Chinese falls to Chinese", null, ["zh-TW"], "zh"],
    ["the first supported browser language", null, ["fr-FR", "en-GB", "zh"], "en"],
    ["English when nothing matches", null, ["fr", "de"], "en"],
    ["a stored value that is not a language is ignored", "xx", ["zh-CN"], "zh"],
  ])("%s", (_, stored, preferred, want) => {
    expect(detectLanguage(stored, preferred)).toBe(want);
  });
});

describe("chooseLanguage", () => {
  it("switches, remembers the choice and marks the document", async () => {
    chooseLanguage("zh");
    expect(i18n.language).toBe("zh");
    expect(localStorage.getItem("dealerline.language")).toBe("zh");
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(i18n.t("nav.catalogue")).toBe("产品目录");
    chooseLanguage("en");
    expect(document.documentElement.lang).toBe("en");
    expect(i18n.t("nav.catalogue")).toBe("Catalogue");
  });
});
