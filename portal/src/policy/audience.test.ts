import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import { audienceWords, type AudienceView } from "./audience";

const none: AudienceView = { all: false, channels: [], tiers: [], territories: [], dealers: [] };
const words = (a: Partial<AudienceView>, lng: "en" | "zh" = "en") =>
  audienceWords(i18n.getFixedT(lng), { ...none, ...a }, lng === "zh" ? "zh-CN" : "en");

describe("audience wording", () => {
  it("words everyone", () => {
    expect(words({ all: true })).toBe("all dealers");
    expect(words({ all: true }, "zh")).toBe("全部经销商");
  });

  it("words tiers of a channel", () => {
    expect(words({ tiers: [2], channels: [{ name: "Retail" }] })).toBe("all tier-2 dealers of Retail");
    expect(words({ tiers: [2], channels: [{ name: "Retail" }] }, "zh")).toBe("Retail 渠道的全部二级经销商");
  });

  it("names channels and territories in the reader's language", () => {
    const a = { channels: [{ name: "Retail", nameZh: "零售" }], territories: [{ name: "Shandong", nameZh: "山东" }] };
    expect(words(a)).toContain("Retail");
    expect(words(a, "zh")).toContain("零售");
    expect(words(a, "zh")).toContain("山东");
    expect(words(a, "zh")).not.toContain("Retail");
  });

  it("lists several values and every dimension", () => {
    expect(
      words({ tiers: [2, 1], channels: [{ name: "Retail" }, { name: "Online" }], territories: [{ name: "East China" }] }),
    ).toBe("all tier-1 and tier-2 dealers of Retail and Online in East China");
    expect(words({ territories: [{ name: "East China" }] }, "zh")).toBe("位于 East China 地区的全部经销商");
  });

  it("adds named dealers, or names only them", () => {
    expect(words({ channels: [{ name: "Retail" }], dealers: [{ name: "North" }] })).toBe(
      "all dealers of Retail, and North",
    );
    expect(words({ dealers: [{ name: "North" }, { name: "South" }] })).toBe("North and South");
    expect(words({ dealers: [{ name: "North" }, { name: "South" }] }, "zh")).toBe("North和South");
  });

  it("says when no dealer is named that the viewer may see", () => {
    expect(words({})).toBe("no dealer you can see");
  });
});
